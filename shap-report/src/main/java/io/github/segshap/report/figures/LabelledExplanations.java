package io.github.segshap.report.figures;

import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.OutputShape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What the figures draw: the {@link Explanations} of a batch (with the true mask of every image
 * when they carry labels, {@link Explanations#labels()}) and the output plane drawn (0 for a
 * one-channel mask). Checked once here, so every figure can rely on the shapes. Immutable.
 *
 * <p>A true mask has one entry per output ({@code outputShape().size()}), like the masks of
 * {@link Explanations#cohort}, so the inside/outside statistics and the drawn outline are the same.
 */
public final class LabelledExplanations {
    private final Explanations explanations;
    private final List<boolean[]> truth;
    private final int plane;

    private LabelledExplanations(Explanations explanations, int plane) {
        this.explanations = Objects.requireNonNull(explanations, "explanations");
        OutputShape os = explanations.outputShape();
        if (plane < 0 || plane >= os.planes()) {
            throw new IllegalArgumentException("output plane " + plane + " does not exist; the output shape " + os
                    + " has " + os.planes() + " planes");
        }
        this.truth = explanations.hasLabels() ? Collections.unmodifiableList(explanations.labels()) : null;
        this.plane = plane;
    }

    /** The explanations (and their true masks, when they carry them), drawing plane 0. */
    public static LabelledExplanations of(Explanations explanations) {
        return new LabelledExplanations(explanations, 0);
    }

    /** The same with another output plane drawn. */
    public LabelledExplanations plane(int plane) {
        return new LabelledExplanations(explanations, plane);
    }

    /** The first {@code n} images (all when there are fewer). */
    public LabelledExplanations first(int n) {
        if (n >= size()) {
            return this;
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return new LabelledExplanations(explanations.subset(idx), plane);
    }

    /** The image with this id alone. */
    public LabelledExplanations only(String id) {
        return new LabelledExplanations(explanations.subset(explanations.indexOf(id)), plane);
    }

    /** The explanations. */
    public Explanations explanations() {
        return explanations;
    }

    /** Number of images. */
    public int size() {
        return explanations.size();
    }

    /** The output plane drawn. */
    public int plane() {
        return plane;
    }

    /** Whether there are true masks. */
    public boolean hasTruth() {
        return truth != null;
    }

    /** The true masks, one per image ({@code outputShape().size()} entries; do not modify), or null. */
    public List<boolean[]> truth() {
        return truth;
    }

    /** The masks of the outputs predicted above 0.5, one per image. */
    public List<boolean[]> predictedMasks() {
        List<boolean[]> out = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            double[] p = explanations.get(i).outputs();
            boolean[] m = new boolean[p.length];
            for (int o = 0; o < p.length; o++) {
                m[o] = p[o] > 0.5;
            }
            out.add(m);
        }
        return out;
    }

    /** The masks selecting the drawn plane's outputs (null when there is only one plane: every output). */
    public List<boolean[]> planeMasks() {
        OutputShape os = explanations.outputShape();
        if (os.planes() == 1) {
            return null;
        }
        boolean[] m = new boolean[os.size()];
        int hw = os.height() * os.width();
        java.util.Arrays.fill(m, plane * hw, (plane + 1) * hw, true);
        return Collections.nCopies(size(), m);
    }

    /** Image i's true mask on the drawn plane as a 0/1 map. */
    public double[][] truthMap(int i) {
        if (truth == null) {
            throw new IllegalStateException("no true masks were given");
        }
        OutputShape os = explanations.outputShape();
        int h = os.height();
        int w = os.width();
        double[][] map = new double[h][w];
        boolean[] m = truth.get(i);
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                map[r][c] = m[(plane * h + r) * w + c] ? 1 : 0;
            }
        }
        return map;
    }

    /** Channel c of image i's explained input as a map. */
    public double[][] inputMap(int i, int c) {
        ImageShape s = explanations.imageShape();
        double[][] map = new double[s.height()][s.width()];
        var input = explanations.input(i);
        for (int r = 0; r < s.height(); r++) {
            for (int col = 0; col < s.width(); col++) {
                map[r][col] = input.get(c, r, col);
            }
        }
        return map;
    }

    /**
     * Whether the players are the input channels and the inputs are kept, so that input values can be
     * set against contributions (the global figures and the input rows of the sample panel).
     */
    public boolean playersAreChannels() {
        ImageShape s = explanations.imageShape();
        OutputShape os = explanations.outputShape();
        return explanations.hasInputs() && explanations.players() == s.channels() && os.height() == s.height()
                && os.width() == s.width();
    }
}
