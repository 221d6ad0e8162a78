package io.github.segshap.core.model;

import java.util.Optional;

/**
 * The images do not fit the model: wrong channel count, a size other than the model's fixed one,
 * or a height and width the network's layers cannot take (e.g. 101 x 101 for a U-Net whose poolings
 * and transposed convolutions need multiples of 4). When a nearby size that works is known,
 * {@link #suggestedHeight()} and {@link #suggestedWidth()} give it and the message says to pad to it
 * and crop the output back ({@link PaddedModel} does both). Thrown by every model adapter.
 */
public final class IncompatibleInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final Integer suggestedHeight;
    private final Integer suggestedWidth;

    /**
     * @param message         what does not fit, and the size to pad to when known
     * @param suggestedHeight a height that works, or null
     * @param suggestedWidth  a width that works, or null
     * @param cause           the adapter's own failure, or null
     */
    public IncompatibleInputException(String message, Integer suggestedHeight, Integer suggestedWidth, Throwable cause) {
        super(message, cause);
        this.suggestedHeight = suggestedHeight;
        this.suggestedWidth = suggestedWidth;
    }

    /** The smallest larger height found to work, if any (pad to it, then crop the output back). */
    public Optional<Integer> suggestedHeight() {
        return Optional.ofNullable(suggestedHeight);
    }

    /** The smallest larger width found to work, if any. */
    public Optional<Integer> suggestedWidth() {
        return Optional.ofNullable(suggestedWidth);
    }
}
