package io.github.segshap.dl4j.model;

import java.util.Optional;

/**
 * The images do not fit the network: wrong channel count, or a height and width the network's
 * layers cannot take (e.g. 101 x 101 for a U-Net whose poolings and transposed convolutions need
 * multiples of 4). When a nearby size that works is known, {@link #suggestedHeight()} and
 * {@link #suggestedWidth()} give it and the message says to pad to it and crop the output back.
 */
public final class IncompatibleInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final Integer suggestedHeight;
    private final Integer suggestedWidth;

    IncompatibleInputException(String message, Integer suggestedHeight, Integer suggestedWidth, Throwable cause) {
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
