package io.github.segshap.core.image;

/**
 * A batch of images handed to a model: {@code count} images of one shape, stored contiguously
 * in NCHW order.
 *
 * <p>A batch is a read-only view of a buffer the explainer reuses between calls: a model must not
 * modify it nor keep a reference to it after {@code predict} returns.
 */
public final class ImageBatch {
    private final ImageShape shape;
    private final int count;
    private final double[] values;

    /**
     * A view of the first {@code count} images in {@code values}.
     *
     * @param shape  shape of each image
     * @param count  number of images, at least 1
     * @param values at least {@code count * shape.size()} values; not copied
     */
    public ImageBatch(ImageShape shape, int count, double[] values) {
        if (count < 1) {
            throw new IllegalArgumentException("a batch needs at least one image, got " + count);
        }
        if ((long) count * shape.size() > values.length) {
            throw new IllegalArgumentException("a batch of " + count + " images of shape " + shape + " needs "
                    + (long) count * shape.size() + " values but the buffer has " + values.length);
        }
        this.shape = shape;
        this.count = count;
        this.values = values;
    }

    /** The shape of each image. */
    public ImageShape shape() {
        return shape;
    }

    /** Number of images in the batch. */
    public int count() {
        return count;
    }

    /** The value of image {@code n} at (channel, row, column). */
    public double get(int n, int channel, int row, int column) {
        return values[n * shape.size() + shape.index(channel, row, column)];
    }

    /**
     * The underlying NCHW buffer; only the first {@code count * shape.size()} values belong to the
     * batch. Read only.
     */
    public double[] values() {
        return values;
    }

    /** Copies the batch into a new float array in NCHW order (for single-precision runtimes). */
    public float[] toFloatArray() {
        int n = count * shape.size();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
