package io.github.segshap.salt.prepare.preprocess;

/**
 * The axis along which the directional attributes (energy, the GST window, Sobel) run.
 *
 * <p>In TGS images depth runs down the rows. The original pipeline reshaped each 2-D image to a
 * {@code (1, H, W)} volume before calling bruges, so its attributes ran along the image's last
 * axis, horizontally: that is {@link #HORIZONTAL}, the default for a faithful reproduction.
 * {@link #VERTICAL} runs them along depth, as a geophysicist computes trace attributes.
 */
public enum AttributeAxis {
    /**
     * The original's choice: energy along each row (across columns), GST window 5 rows x 7
     * columns, Sobel derivative along columns ({@code scipy.ndimage.sobel(x)}, axis -1).
     */
    HORIZONTAL,
    /**
     * Along depth: energy down each column, GST window 7 rows x 5 columns (the horizontal call on
     * the transposed image, transposed back), Sobel derivative along rows
     * ({@code scipy.ndimage.sobel(x, axis=0)}).
     */
    VERTICAL;

    /** The array axis (0 rows, 1 columns) along which the attribute's derivative or window runs. */
    public int arrayAxis() {
        return this == HORIZONTAL ? 1 : 0;
    }
}
