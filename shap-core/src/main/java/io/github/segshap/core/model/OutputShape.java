package io.github.segshap.core.model;

import java.util.Arrays;

/**
 * The shape of one model output, e.g. {@code [1, 101, 101]} for a sigmoid mask or
 * {@code [classes, H, W]} for a softmax mask. Outputs are flattened row-major, so output index
 * {@code k = (c * H + h) * W + w} for a three-dimensional shape.
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
