package io.github.segshap.core.image;

/**
 * A batch of images handed to a model: {@code count} images of one shape, stored contiguously in
 * one {@link Layout} (NCHW unless said otherwise). The explainers build their masked batches in the
 * layout the model's {@link io.github.segshap.core.model.InputSpec} names, so a channels-last model
 * is fed channels-last batches without a transposition; {@link #in(Layout)} converts the rest.
 *
 * <p>A batch is a read-only view of a buffer the explainer reuses between calls: a model must not
 * modify it nor keep a reference to it after {@code predict} returns.
 */
public final class ImageBatch {
    private final ImageShape shape;
    private final int count;
    private final double[] values;
    private final Layout layout;

    /**
     * A view of the first {@code count} NCHW images in {@code values}.
     *
     * @param shape  shape of each image
     * @param count  number of images, at least 1
     * @param values at least {@code count * shape.size()} values; not copied
     */
    public ImageBatch(ImageShape shape, int count, double[] values) {
        this(shape, count, values, Layout.NCHW);
    }

    /**
     * A view of the first {@code count} images in {@code values}, stored in {@code layout}.
     *
     * @param shape  shape of each image
     * @param count  number of images, at least 1
     * @param values at least {@code count * shape.size()} values; not copied
     * @param layout the order of each image's values
     */
    public ImageBatch(ImageShape shape, int count, double[] values, Layout layout) {
        if (layout == null) {
            throw new IllegalArgumentException("a batch needs a layout, got null");
        }
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
        this.layout = layout;
    }

    /** The shape of each image. */
    public ImageShape shape() {
        return shape;
    }

    /** Number of images in the batch. */
    public int count() {
        return count;
    }

    /** The order of each image's values. */
    public Layout layout() {
        return layout;
    }

    /** The value of image {@code n} at (channel, row, column), whatever the layout. */
    public double get(int n, int channel, int row, int column) {
        return values[n * shape.size() + layout.index(shape, channel, row, column)];
    }

    /**
     * The underlying buffer, in {@link #layout()}; only the first {@code count * shape.size()} values
     * belong to the batch. Read only.
     */
    public double[] values() {
        return values;
    }

    /**
     * This batch in {@code target} layout: itself when it is in it already, else a new batch over a
     * transposed copy ({@link Layout#copy}).
     */
    public ImageBatch in(Layout target) {
        if (target == layout) {
            return this;
        }
        double[] out = new double[Math.multiplyExact(count, shape.size())];
        Layout.copy(layout, values, 0, target, out, 0, count, shape.channels(), shape.pixels());
        return new ImageBatch(shape, count, out, target);
    }

    /** Copies the batch into a new float array in its {@link #layout()} (for single-precision runtimes). */
    public float[] toFloatArray() {
        int n = count * shape.size();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
