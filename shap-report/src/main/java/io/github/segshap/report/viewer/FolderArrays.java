package io.github.segshap.report.viewer;

import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.io.CorruptFolderException;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.io.NpyArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The optional array of an explanation folder that {@link io.github.segshap.core.io.ExplanationFolder}
 * does not read into {@link Explanations}: the true masks ({@value #TRUTH}, as the salt example
 * writes them). (Interaction maps are the folder's own, read with the explanations.)
 */
final class FolderArrays {
    /** The true masks: 0 / 1, {@code N x outputs} entries (or {@code [H, W]} for one image). */
    static final String TRUTH = "truth.npy";

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

    private static NpyArray read(Path file) {
        try {
            return Npy.read(file);
        } catch (RuntimeException e) {
            throw new CorruptFolderException(file, "unreadable (" + e.getMessage() + ")");
        }
    }
}
