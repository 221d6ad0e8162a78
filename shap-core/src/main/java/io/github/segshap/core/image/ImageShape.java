package io.github.segshap.core.image;

/**
 * The shape of one input image: channels x height x width (an {@link Image} is channel-major, NCHW
 * without the N).
 *
 * @param channels number of input channels (images of the same section), at least 1
 * @param height   rows, at least 1
 * @param width    columns, at least 1
 */
public record ImageShape(int channels, int height, int width) {

    /** Checks that every dimension is positive. */
    public ImageShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape must be positive, got channels=" + channels
                    + " height=" + height + " width=" + width);
        }
        if ((long) channels * height * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image shape " + channels + "x" + height + "x" + width
                    + " has more than 2^31-1 values");
        }
    }

    /** Number of values in one image, {@code channels * height * width}. */
    public int size() {
        return channels * height * width;
    }

    /** Number of pixels in one channel, {@code height * width}. */
    public int pixels() {
        return height * width;
    }

    /** Flat index of (channel, row, column) in channel-major order. */
    public int index(int channel, int row, int column) {
        return (channel * height + row) * width + column;
    }

    /** Throws a message naming both shapes when {@code other} differs from this one. */
    public void requireSame(ImageShape other, String what) {
        if (!equals(other)) {
            throw new IllegalArgumentException(what + " has shape " + other + " but the image has shape " + this);
        }
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
