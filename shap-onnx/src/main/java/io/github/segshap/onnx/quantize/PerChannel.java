package io.github.segshap.onnx.quantize;

import java.util.List;

/** Row-major arrays seen as slices along one axis (a weight tensor's output channels). */
final class PerChannel {
    private PerChannel() {
    }

    /** The slice of flat index {@code i} along {@code axis} of a tensor of {@code dims}. */
    static int channelOf(int i, int inner, int channels) {
        return (i / inner) % channels;
    }

    /** Product of the dimensions after {@code axis}. */
    static int inner(List<Long> dims, int axis) {
        long n = 1;
        for (int d = axis + 1; d < dims.size(); d++) {
            n *= dims.get(d);
        }
        return Math.toIntExact(n);
    }

    /** Multiplies each slice along {@code axis} by its factor, in place. */
    static void scale(float[] values, List<Long> dims, int axis, float[] factor) {
        int inner = inner(dims, axis);
        int channels = Math.toIntExact(dims.get(axis));
        for (int i = 0; i < values.length; i++) {
            values[i] *= factor[channelOf(i, inner, channels)];
        }
    }

    /** The largest absolute value of each slice along {@code axis}. */
    static float[] maxAbs(float[] values, List<Long> dims, int axis) {
        int inner = inner(dims, axis);
        int channels = Math.toIntExact(dims.get(axis));
        float[] m = new float[channels];
        for (int i = 0; i < values.length; i++) {
            int c = channelOf(i, inner, channels);
            m[c] = Math.max(m[c], Math.abs(values[i]));
        }
        return m;
    }
}
