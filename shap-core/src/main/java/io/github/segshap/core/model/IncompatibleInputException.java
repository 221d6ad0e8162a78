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
    private final Integer suggestedMultiple;

    /**
     * @param message         what does not fit, and the size to pad to when known
     * @param suggestedHeight a height that works, or null
     * @param suggestedWidth  a width that works, or null
     * @param cause           the adapter's own failure, or null
     */
    public IncompatibleInputException(String message, Integer suggestedHeight, Integer suggestedWidth, Throwable cause) {
        this(message, suggestedHeight, suggestedWidth, null, cause);
    }

    /**
     * @param message           what does not fit, and the size to pad to when known
     * @param suggestedHeight   a height that works, or null
     * @param suggestedWidth    a width that works, or null
     * @param suggestedMultiple the multiple heights and widths seem to need (found by trial), or null
     * @param cause             the adapter's own failure, or null
     */
    public IncompatibleInputException(String message, Integer suggestedHeight, Integer suggestedWidth,
                                      Integer suggestedMultiple, Throwable cause) {
        super(message, cause);
        this.suggestedHeight = suggestedHeight;
        this.suggestedWidth = suggestedWidth;
        this.suggestedMultiple = suggestedMultiple;
    }

    /** The multiple heights and widths seem to need, when a trial found one (else a fixed size, or nothing). */
    public Optional<Integer> suggestedMultiple() {
        return Optional.ofNullable(suggestedMultiple);
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
