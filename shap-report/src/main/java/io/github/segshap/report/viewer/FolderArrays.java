package io.github.segshap.report.viewer;

import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.interactions.InteractionMaps;
import io.github.segshap.core.io.CorruptFolderException;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.io.NpyArray;
import io.github.segshap.core.model.OutputShape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The optional arrays of an explanation folder that {@link io.github.segshap.core.io.ExplanationFolder}
 * does not read into {@link Explanations}: the true masks ({@value #TRUTH}, as the salt example
 * writes them) and the interaction maps ({@value #INTERACTIONS}, float64 {@code [N, M, M, *output]}).
 */
final class FolderArrays {
    /** The true masks: 0 / 1, {@code N x outputs} entries (or {@code [H, W]} for one image). */
    static final String TRUTH = "truth.npy";
    /** The SHAP interaction values, float64 {@code [N, M, M, *output_shape]}. */
    static final String INTERACTIONS = "interactions.npy";

    private FolderArrays() {
    }

    /**
     * The true masks in {@code dir}, one per image, {@code outputs} entries each (a value other than
     * 0 is inside), or empty when the folder has none.
     *
     * @throws CorruptFolderException naming the file when its size fits neither N x outputs nor
     *                                (for one image) the outputs
     */
    static Optional<List<boolean[]>> truth(Path dir, int images, int outputs) {
        Path file = dir.resolve(TRUTH);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        NpyArray a = read(file);
        if (a.size() != (long) images * outputs) {
            throw new CorruptFolderException(file, "shape " + Arrays.toString(a.shape()) + " (" + a.size()
                    + " entries) does not fit " + images + " images of " + outputs + " outputs");
        }
        double[] v = a.toDoubles();
        List<boolean[]> masks = new ArrayList<>(images);
        for (int i = 0; i < images; i++) {
            boolean[] m = new boolean[outputs];
            for (int o = 0; o < outputs; o++) {
                m[o] = v[i * outputs + o] != 0;
            }
            masks.add(m);
        }
        return Optional.of(masks);
    }

    /**
     * The interaction maps in {@code dir}, one per image of {@code ex}, or empty when the folder has none.
     *
     * @throws CorruptFolderException naming the file when its shape is not {@code [N, M, M, *output]}
     */
    static Optional<List<InteractionMaps>> interactions(Path dir, Explanations ex) {
        Path file = dir.resolve(INTERACTIONS);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        NpyArray a = read(file);
        int n = ex.size();
        int m = ex.players();
        OutputShape os = ex.outputShape();
        int[] dims = os.dims();
        int[] want = new int[3 + dims.length];
        want[0] = n;
        want[1] = m;
        want[2] = m;
        System.arraycopy(dims, 0, want, 3, dims.length);
        if (!Arrays.equals(a.shape(), want)) {
            throw new CorruptFolderException(file, "shape " + Arrays.toString(a.shape()) + ", expected "
                    + Arrays.toString(want) + " (images, players, players, outputs)");
        }
        double[] v = a.toDoubles();
        int per = m * m * os.size();
        List<InteractionMaps> maps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            maps.add(InteractionMaps.of(ex.playerNames(), os, Arrays.copyOfRange(v, i * per, (i + 1) * per), null));
        }
        return Optional.of(maps);
    }

    private static NpyArray read(Path file) {
        try {
            return Npy.read(file);
        } catch (RuntimeException e) {
            throw new CorruptFolderException(file, "unreadable (" + e.getMessage() + ")");
        }
    }
}
