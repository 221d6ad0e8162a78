package io.github.segshap.core.explanation;

import io.github.segshap.core.Arguments;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.provenance.Provenance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The explanations of a batch of images by one explainer: per image its id, the explained input
 * (when kept), its true mask (the label, when known: optional data, the way shap's
 * {@code Explanation} carries {@code data}), and its {@link Explanation} (base values, one value map
 * per player, prediction, optional standard errors), all with the same players, image shape and
 * output shape, plus the {@link Provenance} that made them. Immutable.
 *
 * <p>Every statistic of a cohort (mean |contribution| per player over all images, inside or
 * outside a mask) is computed here, once, so no front end recomputes it.
 * {@link io.github.segshap.core.io.ExplanationFolder} saves and reads it.
 */
public final class Explanations {
    private final List<String> ids;
    private final List<Image> inputs;
    private final List<Explanation> items;
    private final ImageShape imageShape;
    private final Provenance provenance;
    private final List<boolean[]> labels;

    private Explanations(List<String> ids, List<Image> inputs, List<Explanation> items, ImageShape imageShape,
                         Provenance provenance) {
        this(ids, inputs, items, imageShape, provenance, List.of());
    }

    private Explanations(List<String> ids, List<Image> inputs, List<Explanation> items, ImageShape imageShape,
                         Provenance provenance, List<boolean[]> labels) {
        Arguments.notNull(imageShape, "imageShape");
        if (items.isEmpty()) {
            throw new IllegalArgumentException("no explanations: the batch is empty");
        }
        if (ids.size() != items.size()) {
            throw new IllegalArgumentException(ids.size() + " ids for " + items.size() + " explanations");
        }
        if (!inputs.isEmpty() && inputs.size() != items.size()) {
            throw new IllegalArgumentException(inputs.size() + " inputs for " + items.size() + " explanations");
        }
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(Arguments.notNull(id, "id"))) {
                throw new IllegalArgumentException("image id '" + id + "' appears twice");
            }
        }
        Explanation first = items.get(0);
        for (int i = 0; i < items.size(); i++) {
            Explanation e = items.get(i);
            if (!e.playerNames().equals(first.playerNames()) || !e.outputShape().equals(first.outputShape())) {
                throw new IllegalArgumentException("explanation " + i + " (" + ids.get(i) + ": players "
                        + e.playerNames() + ", output " + e.outputShape() + ") does not match explanation 0 (players "
                        + first.playerNames() + ", output " + first.outputShape() + ")");
            }
            if (!inputs.isEmpty()) {
                inputs.get(i).shape().requireSame(imageShape, "input " + i + " (" + ids.get(i) + ")");
            }
        }
        if (!labels.isEmpty() && labels.size() != items.size()) {
            throw new IllegalArgumentException(labels.size() + " true masks for " + items.size() + " explanations");
        }
        int k = first.outputShape().size();
        List<boolean[]> copies = new ArrayList<>(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            boolean[] m = Arguments.notNull(labels.get(i), "true mask " + i);
            if (m.length != k) {
                throw new IllegalArgumentException("the true mask of image " + ids.get(i) + " has " + m.length
                        + " entries, the outputs " + first.outputShape() + " " + k);
            }
            copies.add(m.clone());
        }
        this.ids = List.copyOf(ids);
        this.inputs = List.copyOf(inputs);
        this.items = List.copyOf(items);
        this.imageShape = imageShape;
        this.provenance = provenance;
        this.labels = Collections.unmodifiableList(copies);
    }

    /**
     * A batch of explanations.
     *
     * @param ids          one id per image, unique (e.g. sample ids or {@code "0", "1", ...})
     * @param inputs       the explained inputs, one per image, or an empty list when not kept
     * @param explanations one per image, same players and output shape
     * @param imageShape   the shape of the explained images
     * @param provenance   how they were made, or null when not known (files of an old version)
     */
    public static Explanations of(List<String> ids, List<Image> inputs, List<Explanation> explanations,
                                  ImageShape imageShape, Provenance provenance) {
        return new Explanations(ids, inputs, explanations, imageShape, provenance);
    }

    /** A batch with ids {@code "0" .. "N-1"}. */
    public static Explanations of(List<Image> inputs, List<Explanation> explanations, Provenance provenance) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no inputs: the batch is empty");
        }
        return of(indexIds(explanations.size()), inputs, explanations, inputs.get(0).shape(), provenance);
    }

    /** The ids {@code "0" .. "n-1"}. */
    public static List<String> indexIds(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(Integer.toString(i));
        }
        return ids;
    }

    /**
     * The batches one after another (e.g. the parts of a streamed or resumed run).
     *
     * @throws IllegalArgumentException when they differ in players, shapes or recipe, or repeat an id
     */
    public static Explanations concat(List<Explanations> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to concatenate");
        }
        Explanations first = parts.get(0);
        List<String> ids = new ArrayList<>();
        List<Image> inputs = new ArrayList<>();
        List<Explanation> items = new ArrayList<>();
        List<boolean[]> labels = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Explanations p = parts.get(i);
            p.imageShape.requireSame(first.imageShape, "part " + i + "'s image");
            if (p.hasLabels() != first.hasLabels()) {
                throw new IllegalArgumentException("part " + i + (p.hasLabels() ? " has" : " has no")
                        + " true masks but part 0 " + (first.hasLabels() ? "has" : "has none"));
            }
            if (p.hasInputs() != first.hasInputs()) {
                throw new IllegalArgumentException("part " + i + (p.hasInputs() ? " keeps" : " does not keep")
                        + " its inputs but part 0 " + (first.hasInputs() ? "does" : "does not"));
            }
            if (first.provenance != null && p.provenance != null && !first.provenance.sameRecipe(p.provenance)) {
                throw new IllegalArgumentException("part " + i + " was made differently from part 0: "
                        + first.provenance.differences(p.provenance));
            }
            ids.addAll(p.ids);
            inputs.addAll(p.inputs);
            items.addAll(p.items);
            labels.addAll(p.labels);
        }
        return new Explanations(ids, inputs, items, first.imageShape, first.provenance, labels);
    }

    /** Number of images N. */
    public int size() {
        return items.size();
    }

    /** Image i's explanation. */
    public Explanation get(int i) {
        return items.get(i);
    }

    /** All explanations, in image order. */
    public List<Explanation> all() {
        return items;
    }

    /** Image i's id. */
    public String id(int i) {
        return ids.get(i);
    }

    /** The ids, in image order. */
    public List<String> ids() {
        return ids;
    }

    /** The index of the image with this id. */
    public int indexOf(String id) {
        int i = ids.indexOf(id);
        if (i < 0) {
            throw new IllegalArgumentException("no image with id '" + id + "'; ids are " + abbreviated(ids));
        }
        return i;
    }

    /** Whether the explained inputs are kept. */
    public boolean hasInputs() {
        return !inputs.isEmpty();
    }

    /** The explained input of image i. */
    public Image input(int i) {
        if (inputs.isEmpty()) {
            throw new IllegalStateException("these explanations do not keep their inputs");
        }
        return inputs.get(i);
    }

    /** The explained inputs (empty when not kept). */
    public List<Image> inputs() {
        return inputs;
    }

    /** The shape of the explained images. */
    public ImageShape imageShape() {
        return imageShape;
    }

    /** The shape of one explained output, e.g. {@code [1, H, W]}. */
    public OutputShape outputShape() {
        return items.get(0).outputShape();
    }

    /** The player names. */
    public List<String> playerNames() {
        return items.get(0).playerNames();
    }

    /** Number of players M. */
    public int players() {
        return items.get(0).players();
    }

    /** The explainer's name, e.g. {@code exact}. */
    public String explainer() {
        return items.get(0).explainer();
    }

    /** How these explanations were made; empty for files of a version that did not record it. */
    public Optional<Provenance> provenance() {
        return Optional.ofNullable(provenance);
    }

    /** The same explanations with another provenance. */
    public Explanations withProvenance(Provenance provenance) {
        return new Explanations(ids, inputs, items, imageShape, provenance, labels);
    }

    /**
     * The same explanations with the true mask of every image given by id (see {@link #withLabels(List)}).
     *
     * @throws IllegalArgumentException naming the images without a mask
     */
    public Explanations withLabels(java.util.Map<String, boolean[]> byId) {
        List<boolean[]> masks = new ArrayList<>(ids.size());
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            boolean[] m = byId.get(id);
            if (m == null) {
                missing.add(id);
            }
            masks.add(m);
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no true mask for image" + (missing.size() == 1 ? " " : "s ")
                    + abbreviated(missing) + " of " + ids.size());
        }
        return withLabels(masks);
    }

    /** Whether the true masks (labels) of the images are known. */
    public boolean hasLabels() {
        return !labels.isEmpty();
    }

    /**
     * Image i's true mask: one entry per output ({@code outputShape().size()}), set inside the
     * labelled region, like the masks of {@link #cohort}. A copy.
     *
     * @throws IllegalStateException when the explanations carry no true masks
     */
    public boolean[] label(int i) {
        if (labels.isEmpty()) {
            throw new IllegalStateException("these explanations carry no true masks");
        }
        return labels.get(i).clone();
    }

    /** The true masks in image order (copies), or an empty list when not known; see {@link #label}. */
    public List<boolean[]> labels() {
        List<boolean[]> out = new ArrayList<>(labels.size());
        labels.forEach(m -> out.add(m.clone()));
        return out;
    }

    /**
     * The same explanations with these true masks, one per image in image order, or none (an empty list).
     *
     * @throws IllegalArgumentException naming the image whose mask has not {@code outputShape().size()} entries
     */
    public Explanations withLabels(List<boolean[]> labels) {
        return new Explanations(ids, inputs, items, imageShape, provenance, labels);
    }

    /** The images at these indices, in the order given. */
    public Explanations subset(int... indices) {
        List<String> i2 = new ArrayList<>();
        List<Image> in2 = new ArrayList<>();
        List<Explanation> e2 = new ArrayList<>();
        List<boolean[]> l2 = new ArrayList<>();
        for (int i : indices) {
            i2.add(ids.get(i));
            if (!inputs.isEmpty()) {
                in2.add(inputs.get(i));
            }
            if (!labels.isEmpty()) {
                l2.add(labels.get(i));
            }
            e2.add(items.get(i));
        }
        return new Explanations(i2, in2, e2, imageShape, provenance, l2);
    }

    /** Player p's map of output plane {@code plane} for image i. */
    public double[][] contributionMap(int image, int player, int plane) {
        return items.get(image).map(player, plane);
    }

    /** The largest absolute additivity residual of image i. */
    public double maxAbsResidual(int image) {
        return items.get(image).maxAbsResidual();
    }

    /** The largest absolute additivity residual over all images. */
    public double maxAbsResidual() {
        double max = 0;
        for (Explanation e : items) {
            double r = e.maxAbsResidual();
            if (Double.isNaN(r)) {
                return Double.NaN;
            }
            max = Math.max(max, r);
        }
        return max;
    }

    /** Checks every image's additivity; see {@link Explanation#checkAdditivity(double)}. */
    public Explanations checkAdditivity(double tolerance) {
        for (Explanation e : items) {
            e.checkAdditivity(tolerance);
        }
        return this;
    }

    /** Mean |value| of each player over every output of every image. */
    public double[] meanAbsContribution() {
        return cohort(null, true).meanAbs();
    }

    /**
     * Statistics of each player over the outputs inside the masks (or outside them).
     *
     * @param masks  one mask per image, {@code outputShape().size()} entries each (e.g. the true
     *               salt at every pixel); null for every output
     * @param inside true for the outputs where the mask is set, false for the others
     */
    public CohortStatistics cohort(List<boolean[]> masks, boolean inside) {
        int k = outputShape().size();
        if (masks != null && masks.size() != items.size()) {
            throw new IllegalArgumentException(masks.size() + " masks for " + items.size() + " images");
        }
        CohortStatistics.Accumulator acc = new CohortStatistics.Accumulator(playerNames());
        for (int i = 0; i < items.size(); i++) {
            boolean[] mask = masks == null ? null : masks.get(i);
            if (mask != null && mask.length != k) {
                throw new IllegalArgumentException("mask " + i + " (" + ids.get(i) + ") has " + mask.length
                        + " entries, the outputs " + k);
            }
            acc.add(items.get(i), mask, inside);
        }
        return acc.result();
    }

    private static String abbreviated(List<String> ids) {
        return ids.size() <= 10 ? ids.toString() : ids.subList(0, 10) + " and " + (ids.size() - 10) + " more";
    }

    @Override
    public String toString() {
        return "Explanations[" + size() + " images " + imageShape + ", " + explainer() + ", players " + playerNames()
                + ", outputs " + outputShape() + "]";
    }
}
