package io.github.segshap.core.learned;

import java.util.List;

/**
 * A learned explainer was asked to explain another model or use another background than the ones it
 * was fitted for: its maps would be those of the other model, so it refuses. The message names what
 * differs, with both fingerprints.
 */
public final class LearnedMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** What differs, e.g. {@code the model differs (fitted for sha256:..., given sha256:...)}. */
    private final List<String> differences;

    LearnedMismatchException(List<String> differences) {
        super("this learned explainer was fitted for another model or background: " + String.join("; ", differences)
                + "; fit one for this model and background (segshap-dl4j.jar fit-explainer)");
        this.differences = List.copyOf(differences);
    }

    /** What differs, one sentence per difference (model first, then background). */
    public List<String> differences() {
        return differences;
    }
}
