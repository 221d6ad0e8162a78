package io.github.segshap.core.model;

import io.github.segshap.core.image.ImageShape;

import java.util.Arrays;

/**
 * The shape of one model output, e.g. {@code [1, 101, 101]} for a sigmoid mask or
 * {@code [classes, H, W]} for a softmax mask. Outputs are flattened row-major, so output index
 * {@code k = (c * H + h) * W + w} for a three-dimensional shape.
 *
 * <p><b>Maps.</b> A segmentation explanation draws each output plane as a map of the image, so its
 * outputs must be maps ({@link #isMapOf}): planes of the image's height and width, or smaller by one
 * integer factor f in both (each side {@code floor} or {@code ceil} of the image's side / f, as a
 * stride-f detector gives). This is the one place that decides it; the explainers themselves take
 * outputs of any shape.
 */
public final class OutputShape {
    private final int[] dims;
    private final int size;

    private OutputShape(int[] dims) {
        if (dims.length == 0) {
            throw new IllegalArgumentException("an output shape needs at least one dimension");
        }
        long s = 1;
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("output dimensions must be positive, got " + Arrays.toString(dims));
            }
            s *= d;
        }
        if (s > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("output shape " + Arrays.toString(dims) + " is too large");
        }
        this.dims = dims;
        this.size = (int) s;
    }

    /** An output shape with the given dimensions (copied). */
    public static OutputShape of(int... dims) {
        return new OutputShape(dims.clone());
    }

    /** A single-channel map of {@code height x width} outputs, shape {@code [1, height, width]}. */
    public static OutputShape map(int height, int width) {
        return of(1, height, width);
    }

    /** Number of outputs K (the product of the dimensions). */
    public int size() {
        return size;
    }

    /** The dimensions (a copy). */
    public int[] dims() {
        return dims.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Dimension {@code i}. */
    public int dim(int i) {
        return dims[i];
    }

    /** Height of a map-like output (the second-to-last dimension, or 1 for a vector). */
    public int height() {
        return dims.length >= 2 ? dims[dims.length - 2] : 1;
    }

    /** Width of a map-like output (the last dimension). */
    public int width() {
        return dims[dims.length - 1];
    }

    /** Number of {@code height x width} planes (e.g. classes): {@code size / (height * width)}. */
    public int planes() {
        return size / (height() * width());
    }

    /**
     * Whether these outputs are maps of images of {@code input}'s shape: at least two dimensions, the
     * last two the image's height and width, or both smaller by one integer factor f (each
     * {@code floor} or {@code ceil} of the image's side divided by f).
     */
    public boolean isMapOf(ImageShape input) {
        if (dims.length < 2) {
            return false;
        }
        int h = height();
        int w = width();
        for (int f = 1; f <= Math.max(input.height(), input.width()); f++) {
            if (divided(input.height(), f, h) && divided(input.width(), f, w)) {
                return true;
            }
            if (input.height() / f < h && input.width() / f < w) {
                break;
            }
        }
        return false;
    }

    private static boolean divided(int side, int f, int out) {
        return out == side / f || out == (side + f - 1) / f;
    }

    /**
     * This shape, when its outputs are maps of images of {@code input}'s shape ({@link #isMapOf}).
     *
     * @param input the images' shape
     * @param model what the model is, for the message
     * @return this
     * @throws OutputNotAMapException naming the output shape, the input shape and what is accepted
     */
    public OutputShape requireMapOf(ImageShape input, String model) {
        if (!isMapOf(input)) {
            throw new OutputNotAMapException("the output of " + model + " for images of shape " + input + " is "
                    + this + " per image, which is not a map of the image: segmentation explanations take outputs "
                    + "[O, H, W] of the image's height and width (" + input.height() + "x" + input.width()
                    + ") or smaller by one integer factor (e.g. " + ceilDiv(input.height(), 4) + "x"
                    + ceilDiv(input.width(), 4) + " for a stride-4 network); explain other outputs (sequence logits, "
                    + "class scores) with the explainers of the Java API (ExactExplainer, KernelExplainer, ...)");
        }
        return this;
    }

    private static int ceilDiv(int side, int f) {
        return (side + f - 1) / f;
    }

    /** Row-major multi-index of flat output index {@code k}. */
    public int[] position(int k) {
        int[] pos = new int[dims.length];
        for (int i = dims.length - 1; i >= 0; i--) {
            pos[i] = k % dims[i];
            k /= dims[i];
        }
        return pos;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutputShape other && Arrays.equals(dims, other.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
