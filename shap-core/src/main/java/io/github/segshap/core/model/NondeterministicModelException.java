package io.github.segshap.core.model;

/**
 * A model that gave two different outputs for the same input: dropout left on in inference, a
 * random layer, or state kept between calls. Shapley values of such a model are noise, and the
 * additivity check cannot catch it (values add up by construction), so explaining stops here.
 */
public final class NondeterministicModelException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    NondeterministicModelException(String message) {
        super(message);
    }
}
