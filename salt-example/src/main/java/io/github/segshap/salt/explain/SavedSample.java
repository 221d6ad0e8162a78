package io.github.segshap.salt.explain;

import io.github.segshap.core.explanation.Explanations;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One explained sample as read back from its folder, every array verified: the explanation of the
 * one image (with the model inputs and the provenance), and the true mask.
 *
 * @param id          the sample id
 * @param folder      the sample's folder
 * @param explanation one image's explanation, inputs kept
 * @param truth       the true mask, one entry per pixel
 */
public record SavedSample(String id, Path folder, Explanations explanation, boolean[] truth) {
    /** Checks the sizes and copies the mask. */
    public SavedSample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(explanation, "explanation");
        if (explanation.size() != 1) {
            throw new IllegalArgumentException(folder + " holds " + explanation.size() + " explanations, not 1");
        }
        if (truth.length != explanation.outputShape().size()) {
            throw new IllegalArgumentException(folder + ": the true mask has " + truth.length + " pixels, the"
                    + " explanation " + explanation.outputShape().size());
        }
        truth = truth.clone();
    }

    /** The true mask (a copy). */
    @Override
    public boolean[] truth() {
        return truth.clone();
    }
}
