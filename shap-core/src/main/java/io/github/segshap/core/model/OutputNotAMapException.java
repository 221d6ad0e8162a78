package io.github.segshap.core.model;

/**
 * The model's outputs are not maps of the image (e.g. an OCR recogniser's {@code [24, 6625]} sequence
 * logits for a {@code 3 x 48 x 192} input), so a segmentation explanation would draw them as a map
 * they are not. Thrown by {@link OutputShape#requireMapOf}, naming the output shape, the input shape
 * and what is accepted.
 */
public final class OutputNotAMapException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message the output shape, the input shape and what is accepted */
    public OutputNotAMapException(String message) {
        super(message);
    }
}
