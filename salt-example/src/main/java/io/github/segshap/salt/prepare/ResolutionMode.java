package io.github.segshap.salt.prepare;

/** The image size the model is trained and explained at. */
public enum ResolutionMode {
    /**
     * The original study's: 101 -> every 2nd pixel -> 51 -> anti-aliased resize to 48 (attributes
     * and the power-transform fit at 48 x 48) -> every 2nd pixel -> 24 x 24. Masks go through the
     * same resampling and are then binarised ({@code != 0}).
     */
    SEED(24),
    /**
     * The full 101 x 101 tiles, attributes computed at full resolution. A U-Net with two poolings
     * needs a multiple of 4: pad with {@link io.github.segshap.core.padding.Padding} to 104 x 104
     * and crop predictions back for metrics and figures.
     */
    FULL(101);

    private final int size;

    ResolutionMode(int size) {
        this.size = size;
    }

    /** The side of the prepared images: 24 or 101. */
    public int size() {
        return size;
    }
}
