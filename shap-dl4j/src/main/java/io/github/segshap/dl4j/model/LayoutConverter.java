package io.github.segshap.dl4j.model;

import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.dl4j.model.Dl4jModel.Layout;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Objects;

/**
 * Between shap-core's channels-first doubles and a network's tensors: detects the input
 * {@link Layout} a network was built for, makes input arrays in that layout and data type (outside
 * every workspace; the caller closes them), and copies outputs back channels first. Immutable.
 */
final class LayoutConverter {
    private final Layout layout;
    private final DataType dataType;

    /**
     * @param layout   {@link Layout#NCHW} or {@link Layout#NHWC}
     * @param dataType the network's parameter type; inputs are made in it
     */
    LayoutConverter(Layout layout, DataType dataType) {
        if (Objects.requireNonNull(layout, "layout") == Layout.AUTO) {
            throw new IllegalArgumentException("resolve Layout.AUTO with LayoutConverter.detect first");
        }
        this.layout = layout;
        this.dataType = Objects.requireNonNull(dataType, "dataType");
    }

    /** The converter for {@code network}: {@code layout} resolved by {@link #detect} when AUTO. */
    static LayoutConverter of(NeuralNetwork network, Layout layout) {
        Layout resolved = layout == Layout.AUTO ? detect(network) : layout;
        DataType type = network.params() == null ? DataType.FLOAT : network.params().dataType();
        return new LayoutConverter(resolved, type);
    }

    /** NHWC when a convolution reading the input is channels-last, else NCHW. */
    static Layout detect(NeuralNetwork network) {
        for (Layer l : Networks.firstLayers(network)) {
            if (l instanceof ConvolutionLayer c && c.getCnn2dDataFormat() == CNN2DFormat.NHWC) {
                return Layout.NHWC;
            }
        }
        return Layout.NCHW;
    }

    /** The layout of the arrays made and read (never AUTO). */
    Layout layout() {
        return layout;
    }

    /** Bytes of one value in the network's data type. */
    int valueBytes() {
        return dataType.width();
    }

    /** Zeros of one image of {@code shape}, as a network input (caller closes it). */
    INDArray zeros(ImageShape shape) {
        return toInput(new double[shape.size()], 0, 1, shape);
    }

    /**
     * Images {@code first .. first + count - 1} of channels-first {@code values} as one input array
     * ({@code [N, C, H, W]} or {@code [N, H, W, C]}), created outside every workspace.
     *
     * @param values images of {@code shape}, image-major, channels first; not modified
     */
    INDArray toInput(double[] values, int first, int count, ImageShape shape) {
        int size = shape.size();
        int offset = first * size;
        long[] dims = layout == Layout.NHWC
                ? new long[] {count, shape.height(), shape.width(), shape.channels()}
                : new long[] {count, shape.channels(), shape.height(), shape.width()};
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            if (dataType == DataType.DOUBLE) {
                double[] data = layout == Layout.NHWC ? toNhwc(values, offset, count, shape)
                        : Arrays.copyOfRange(values, offset, offset + count * size);
                return Nd4j.create(data, dims, 'c');
            }
            float[] data = new float[count * size];
            if (layout == Layout.NHWC) {
                int pixels = shape.pixels();
                int c = shape.channels();
                for (int n = 0; n < count; n++) {
                    int base = offset + n * size;
                    for (int ch = 0; ch < c; ch++) {
                        for (int p = 0; p < pixels; p++) {
                            data[n * size + p * c + ch] = (float) values[base + ch * pixels + p];
                        }
                    }
                }
            } else {
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) values[offset + i];
                }
            }
            INDArray a = Nd4j.create(data, dims, 'c');
            return dataType == DataType.FLOAT ? a : a.castTo(dataType);
        }
    }

    private static double[] toNhwc(double[] values, int offset, int count, ImageShape shape) {
        int size = shape.size();
        int pixels = shape.pixels();
        int c = shape.channels();
        double[] data = new double[count * size];
        for (int n = 0; n < count; n++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < pixels; p++) {
                    data[n * size + p * c + ch] = values[offset + n * size + ch * pixels + p];
                }
            }
        }
        return data;
    }

    /**
     * The output shape of one image from the network's output dims for one image
     * ({@code [1, ...]}): rank-4 NHWC maps become channels first.
     *
     * @throws IllegalStateException when the first dimension is not a batch of 1
     */
    OutputShape outputShape(long[] networkOutput) {
        if (networkOutput.length < 2 || networkOutput[0] != 1) {
            throw new IllegalStateException("the network's output for one image has shape "
                    + Arrays.toString(networkOutput) + ": expected a batch dimension of 1 first");
        }
        int[] dims = new int[networkOutput.length - 1];
        for (int i = 1; i < networkOutput.length; i++) {
            dims[i - 1] = Math.toIntExact(networkOutput[i]);
        }
        if (dims.length == 3 && layout == Layout.NHWC) {
            dims = new int[] {dims[2], dims[0], dims[1]};
        }
        return OutputShape.of(dims);
    }

    /**
     * Copies a network output for {@code count} images into {@code dest} at {@code offset},
     * channels first, as doubles.
     *
     * @param output the network's output; not modified, not closed
     * @param dest   Modified
     * @throws IllegalStateException when the output does not hold {@code count} outputs of {@code shape}
     */
    void copyOutput(INDArray output, int count, OutputShape shape, double[] dest, int offset) {
        int k = shape.size();
        if (output.length() != (long) count * k) {
            throw new IllegalStateException("the network returned an output of shape "
                    + Arrays.toString(output.shape()) + " for " + count + " images, but the probe pass gave "
                    + shape + " per image");
        }
        INDArray c = output;
        boolean dup = output.ordering() != 'c' || output.isView() || output.dataType() != DataType.DOUBLE
                && output.dataType() != DataType.FLOAT;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            if (dup) {
                c = output.castTo(DataType.DOUBLE).dup('c');
            }
            boolean nhwcMaps = layout == Layout.NHWC && output.rank() == 4;
            if (c.dataType() == DataType.DOUBLE) {
                double[] d = c.data().asDouble();
                if (nhwcMaps) {
                    fromNhwc(d, null, count, shape, dest, offset);
                } else {
                    System.arraycopy(d, 0, dest, offset, count * k);
                }
            } else {
                float[] f = c.data().asFloat();
                if (nhwcMaps) {
                    fromNhwc(null, f, count, shape, dest, offset);
                } else {
                    for (int i = 0; i < count * k; i++) {
                        dest[offset + i] = f[i];
                    }
                }
            }
        } finally {
            if (c != output) {
                c.close();
            }
        }
    }

    private static void fromNhwc(double[] d, float[] f, int count, OutputShape os, double[] dest, int offset) {
        int planes = os.dim(0);
        int pixels = os.dim(1) * os.dim(2);
        int k = os.size();
        for (int n = 0; n < count; n++) {
            for (int p = 0; p < pixels; p++) {
                for (int ch = 0; ch < planes; ch++) {
                    int src = n * k + p * planes + ch;
                    dest[offset + n * k + ch * pixels + p] = d != null ? d[src] : f[src];
                }
            }
        }
    }
}
