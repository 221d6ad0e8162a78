package io.github.segshap.core.image;

/**
 * Where the channel axis of an image array sits: {@link #NCHW} (channels first, the order of an
 * {@link Image} and of PyTorch and DL4J) or {@link #NHWC} (channels last, TensorFlow's and Keras').
 * The one layout type of the project, and the one place values are rearranged between the two
 * ({@link #copy}): a model's {@link io.github.segshap.core.model.InputSpec} names the layout it
 * takes, an {@link ImageBatch} carries the layout of its values, and adapters convert only what
 * arrives in the other one.
 */
public enum Layout {
    /** Channels first: {@code [N, C, H, W]}. */
    NCHW,
    /** Channels last: {@code [N, H, W, C]}. */
    NHWC;

    /** The axes as messages spell them, e.g. {@code [N, C, H, W]}. */
    public String axes() {
        return this == NCHW ? "[N, C, H, W]" : "[N, H, W, C]";
    }

    /** The name as the command line and the provenance spell it: {@code nchw} or {@code nhwc}. */
    public String label() {
        return this == NCHW ? "nchw" : "nhwc";
    }

    /** The flat index of (channel, row, column) in one image of {@code shape} in this layout. */
    public int index(ImageShape shape, int channel, int row, int column) {
        return this == NCHW ? shape.index(channel, row, column)
                : (row * shape.width() + column) * shape.channels() + channel;
    }

    /**
     * The index in this layout of the value at channels-first index {@code i} of one image of
     * {@code channels} planes of {@code pixels} values each.
     */
    public int fromChannelsFirst(int i, int channels, int pixels) {
        return this == NCHW ? i : (i % pixels) * channels + i / pixels;
    }

    /**
     * Copies {@code count} images (or outputs) of {@code channels} planes of {@code pixels} values
     * from layout {@code from} to layout {@code to}: a plain copy when they are the same, else the
     * one transposition of the project. Values are copied exactly.
     *
     * @param src        the values in layout {@code from}; not modified
     * @param srcOffset  the first value of the first image
     * @param dest       where to write them in layout {@code to}; Modified
     * @param destOffset the first value written
     */
    public static void copy(Layout from, double[] src, int srcOffset, Layout to, double[] dest, int destOffset,
                            int count, int channels, int pixels) {
        int size = Math.multiplyExact(channels, pixels);
        if (from == to) {
            System.arraycopy(src, srcOffset, dest, destOffset, Math.multiplyExact(count, size));
            return;
        }
        for (int n = 0; n < count; n++) {
            int s = srcOffset + n * size;
            int d = destOffset + n * size;
            if (from == NCHW) {
                for (int c = 0; c < channels; c++) {
                    for (int p = 0; p < pixels; p++) {
                        dest[d + p * channels + c] = src[s + c * pixels + p];
                    }
                }
            } else {
                for (int c = 0; c < channels; c++) {
                    for (int p = 0; p < pixels; p++) {
                        dest[d + c * pixels + p] = src[s + p * channels + c];
                    }
                }
            }
        }
    }
}
