package io.github.segshap.core.masking;

import io.github.segshap.core.image.Image;

/**
 * What an absent player takes instead of the explained image's values. A masker gives, for the
 * explained image, weighted {@link Replacements}; the base value is the model's weighted mean
 * output on them.
 */
public interface Masker {

    /**
     * The replacements for explaining {@code image}.
     *
     * @throws IllegalArgumentException when the masker's data do not fit the image's shape
     */
    Replacements replacementsFor(Image image);

    /**
     * Whether {@link #replacementsFor} returns the same replacements whatever the image; then the
     * base value (the empty coalition) is computed once and shared by every explained image.
     */
    boolean isImageIndependent();
}
