package io.github.segshap.core.image;

import java.util.Arrays;

/**
 * One immutable multi-channel image (channel-major: channel, row, column), in double precision.
 *
 * <p>Construction checks that every value is finite, so NaN or infinite pixels are rejected with
 * the position of the first bad value.
 */
public final class Image {
    private final ImageShape shape;
    private final double[] values;

    private Image(ImageShape shape, double[] values) {
        this.shape = shape;
        this.values = values;
    }

    /**
     * An image from channel-major values (copied).
     *
     * @param shape  the shape
     * @param values {@code shape.size()} values, channel-major; not modified
     * @throws IllegalArgumentException when the length does not match or a value is NaN or infinite
     */
    public static Image of(ImageShape shape, double[] values) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException("image of shape " + shape + " needs " + shape.size()
                    + " values but got " + values.length);
        }
        double[] copy = values.clone();
        requireFinite(shape, copy, "image");
        return new Image(shape, copy);
    }

    /** An image from channel-major float values (widened to double). */
    public static Image of(ImageShape shape, float[] values) {
        double[] wide = new double[values.length];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = values[i];
        }
        if (wide.length != shape.size()) {
            throw new IllegalArgumentException("image of shape " + shape + " needs " + shape.size()
                    + " values but got " + wide.length);
        }
        requireFinite(shape, wide, "image");
        return new Image(shape, wide);
    }

    /** An image from {@code [channel][row][column]} values. */
    public static Image of(double[][][] channels) {
        if (channels.length == 0 || channels[0].length == 0 || channels[0][0].length == 0) {
            throw new IllegalArgumentException("image must have at least one channel, row and column");
        }
        ImageShape shape = new ImageShape(channels.length, channels[0].length, channels[0][0].length);
        double[] flat = new double[shape.size()];
        int i = 0;
        for (int c = 0; c < shape.channels(); c++) {
            if (channels[c].length != shape.height()) {
                throw new IllegalArgumentException("channel " + c + " has " + channels[c].length
                        + " rows but channel 0 has " + shape.height());
            }
            for (int r = 0; r < shape.height(); r++) {
                if (channels[c][r].length != shape.width()) {
                    throw new IllegalArgumentException("channel " + c + " row " + r + " has "
                            + channels[c][r].length + " columns but expected " + shape.width());
                }
                System.arraycopy(channels[c][r], 0, flat, i, shape.width());
                i += shape.width();
            }
        }
        requireFinite(shape, flat, "image");
        return new Image(shape, flat);
    }

    /** Wraps values this package already owns and has checked. */
    static Image wrap(ImageShape shape, double[] values) {
        return new Image(shape, values);
    }

    /**
     * Throws an {@link IllegalArgumentException} naming the channel, row and column of the first NaN
     * or infinite value.
     *
     * @param what what the values are, for the message (e.g. "background row 3")
     */
    public static void requireFinite(ImageShape shape, double[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                int c = i / shape.pixels();
                int r = (i % shape.pixels()) / shape.width();
                int col = i % shape.width();
                throw new IllegalArgumentException(what + " has value " + values[i] + " at channel " + c
                        + ", row " + r + ", column " + col + ": inputs must be finite");
            }
        }
    }

    /** The shape of this image. */
    public ImageShape shape() {
        return shape;
    }

    /** The value at (channel, row, column). */
    public double get(int channel, int row, int column) {
        return values[shape.index(channel, row, column)];
    }

    /** A copy of the channel-major values. */
    public double[] toArray() {
        return values.clone();
    }

    /**
     * Copies the channel-major values into {@code dest} at {@code offset} (no allocation).
     *
     * @param dest Modified.
     */
    public void copyTo(double[] dest, int offset) {
        System.arraycopy(values, 0, dest, offset, values.length);
    }

    /**
     * Copies {@code length} values starting at flat index {@code from} into {@code dest} (no
     * allocation).
     *
     * @param dest Modified.
     */
    public void copyRange(int from, double[] dest, int destPos, int length) {
        System.arraycopy(values, from, dest, destPos, length);
    }

    /** The value at a flat channel-major index. */
    public double valueAt(int index) {
        return values[index];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image other && shape.equals(other.shape) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Image[" + shape + "]";
    }
}
