package io.github.segshap.salt.preprocess;

/**
 * Pads images to a size a network can halve repeatedly and crops them back. A U-Net with two
 * 2 x 2 poolings needs height and width divisible by 4: a 101 x 101 TGS image is padded to
 * 104 x 104 ({@link #toMultipleOf}) and predictions are cropped back to 101 x 101 ({@link #crop})
 * before metrics and figures.
 *
 * <p>The padding is split {@code before = extra / 2}, {@code after = extra - before} (101 -> 104:
 * 1 row above and left, 2 below and right). Immutable value holding those four widths; arrays are
 * NCHW {@code float[]} (any number of images and channels) or a single row-major plane.
 *
 * @param height     the original height
 * @param width      the original width
 * @param top        rows added above
 * @param left       columns added on the left
 * @param paddedHeight height after padding
 * @param paddedWidth  width after padding
 */
public record Padding(int height, int width, int top, int left, int paddedHeight, int paddedWidth) {
    /** How the added border is filled. */
    public enum Fill {
        /** NumPy {@code pad(mode='reflect')}: mirrored about the edge sample (not repeated). */
        REFLECT,
        /** Zeros. */
        ZERO
    }

    /** Validates the widths. */
    public Padding {
        if (height < 1 || width < 1 || top < 0 || left < 0 || paddedHeight < height + top
                || paddedWidth < width + left) {
            throw new IllegalArgumentException("bad padding " + height + "x" + width + " -> " + paddedHeight + "x"
                    + paddedWidth + " at (" + top + ", " + left + ")");
        }
    }

    /** The padding that brings {@code height x width} up to the next multiples of {@code multiple}. */
    public static Padding toMultipleOf(int height, int width, int multiple) {
        if (multiple < 1) {
            throw new IllegalArgumentException("multiple must be at least 1, got " + multiple);
        }
        int ph = (height + multiple - 1) / multiple * multiple;
        int pw = (width + multiple - 1) / multiple * multiple;
        return new Padding(height, width, (ph - height) / 2, (pw - width) / 2, ph, pw);
    }

    /** True when nothing is added. */
    public boolean isIdentity() {
        return paddedHeight == height && paddedWidth == width;
    }

    /**
     * Pads {@code count} NCHW images of {@code channels} channels.
     *
     * @param images NCHW, {@code count * channels * height * width} values; not modified
     * @return NCHW {@code count * channels * paddedHeight * paddedWidth} values
     */
    public float[] pad(float[] images, int count, int channels, Fill fill) {
        int plane = height * width;
        int outPlane = paddedHeight * paddedWidth;
        if (images.length != count * channels * plane) {
            throw new IllegalArgumentException(count + " x " + channels + " x " + height + " x " + width
                    + " images need " + count * channels * plane + " values, got " + images.length);
        }
        float[] out = new float[count * channels * outPlane];
        int bottom = paddedHeight - height - top;
        int right = paddedWidth - width - left;
        if ((fill == Fill.REFLECT) && (Math.max(top, bottom) >= height || Math.max(left, right) >= width)) {
            throw new IllegalArgumentException("reflect padding wider than the image (" + height + "x" + width + ")");
        }
        for (int p = 0; p < count * channels; p++) {
            int in0 = p * plane;
            int out0 = p * outPlane;
            for (int r = 0; r < paddedHeight; r++) {
                int sr = r - top;
                if (sr < 0 || sr >= height) {
                    if (fill == Fill.ZERO) {
                        continue;
                    }
                    sr = BoundaryMode.MIRROR.index(sr, height);
                }
                for (int c = 0; c < paddedWidth; c++) {
                    int sc = c - left;
                    if (sc < 0 || sc >= width) {
                        if (fill == Fill.ZERO) {
                            continue;
                        }
                        sc = BoundaryMode.MIRROR.index(sc, width);
                    }
                    out[out0 + r * paddedWidth + c] = images[in0 + sr * width + sc];
                }
            }
        }
        return out;
    }

    /**
     * Crops padded NCHW images back to {@code height x width}.
     *
     * @param padded NCHW, {@code count * channels * paddedHeight * paddedWidth} values; not modified
     */
    public float[] crop(float[] padded, int count, int channels) {
        int plane = height * width;
        int inPlane = paddedHeight * paddedWidth;
        if (padded.length != count * channels * inPlane) {
            throw new IllegalArgumentException(count + " x " + channels + " x " + paddedHeight + " x " + paddedWidth
                    + " images need " + count * channels * inPlane + " values, got " + padded.length);
        }
        float[] out = new float[count * channels * plane];
        for (int p = 0; p < count * channels; p++) {
            for (int r = 0; r < height; r++) {
                System.arraycopy(padded, p * inPlane + (r + top) * paddedWidth + left, out, p * plane + r * width,
                        width);
            }
        }
        return out;
    }
}
