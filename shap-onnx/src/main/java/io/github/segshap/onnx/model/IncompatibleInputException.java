package io.github.segshap.onnx.model;

import java.util.Optional;

/**
 * The images do not fit the ONNX model: wrong channel count, a size other than the model's fixed
 * one, or a height and width the network cannot take (e.g. 101 x 101 for a U-Net that needs
 * multiples of 4). When a size that works is known, {@link #suggestedHeight()} and
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

    /** The height to pad the images to, if one is known to work. */
    public Optional<Integer> suggestedHeight() {
        return Optional.ofNullable(suggestedHeight);
    }

    /** The width to pad the images to, if one is known to work. */
    public Optional<Integer> suggestedWidth() {
        return Optional.ofNullable(suggestedWidth);
    }
}
