package io.github.segshap.dl4j.model;

import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.image.Layout;
import io.github.segshap.core.model.OutputShape;
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
 * Between shap-core's batches and a network's tensors: detects the input {@link Layout} a network
 * was built for, makes input arrays in its data type from batches in that layout (values copied in
 * order, outside every workspace; the caller closes them), and copies outputs back channels first
 * ({@link Layout#copy} for channels-last maps). Immutable.
 */
final class LayoutConverter {
    private final Layout layout;
    private final DataType dataType;

    /**
     * @param layout   the network's input layout
     * @param dataType the network's parameter type; inputs are made in it
     */
    LayoutConverter(Layout layout, DataType dataType) {
        this.layout = Objects.requireNonNull(layout, "layout (LayoutConverter.detect finds a network's)");
        this.dataType = Objects.requireNonNull(dataType, "dataType");
    }

    /** The converter for {@code network}: {@code layout}, or the one {@link #detect} finds when null. */
    static LayoutConverter of(NeuralNetwork network, Layout layout) {
        Layout resolved = layout == null ? detect(network) : layout;
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

    /** The layout of the arrays made and read. */
    Layout layout() {
        return layout;
    }

    /** Bytes of one value in the network's data type. */
    int valueBytes() {
        return dataType.width();
    }

    /** Zeros of one image of {@code shape}, as a network input (caller closes it). */
    INDArray zeros(ImageShape shape) {
        return toInput(new ImageBatch(shape, 1, new double[shape.size()], layout), 0, 1);
    }

    /**
     * Images {@code first .. first + count - 1} of {@code batch} as one input array
     * ({@code [N, C, H, W]} or {@code [N, H, W, C]}), created outside every workspace.
     *
     * @param batch images in this converter's layout; not modified
     * @throws IllegalArgumentException when the batch is in the other layout (convert it with {@link ImageBatch#in})
     */
    INDArray toInput(ImageBatch batch, int first, int count) {
        if (batch.layout() != layout) {
            throw new IllegalArgumentException("a batch in " + batch.layout() + " for a network that takes " + layout
                    + ": convert it with ImageBatch.in first");
        }
        ImageShape shape = batch.shape();
        double[] values = batch.values();
        int size = shape.size();
        int offset = first * size;
        long[] dims = layout == Layout.NHWC
                ? new long[] {count, shape.height(), shape.width(), shape.channels()}
                : new long[] {count, shape.channels(), shape.height(), shape.width()};
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            if (dataType == DataType.DOUBLE) {
                return Nd4j.create(Arrays.copyOfRange(values, offset, offset + count * size), dims, 'c');
            }
            float[] data = new float[count * size];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) values[offset + i];
            }
            INDArray a = Nd4j.create(data, dims, 'c');
            return dataType == DataType.FLOAT ? a : a.castTo(dataType);
        }
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
            double[] d;
            if (c.dataType() == DataType.DOUBLE) {
                d = c.data().asDouble();
            } else {
                float[] f = c.data().asFloat();
                d = new double[count * k];
                for (int i = 0; i < d.length; i++) {
                    d[i] = f[i];
                }
            }
            if (nhwcMaps) {
                Layout.copy(Layout.NHWC, d, 0, Layout.NCHW, dest, offset, count, shape.dim(0), shape.dim(1) * shape.dim(2));
            } else {
                System.arraycopy(d, 0, dest, offset, count * k);
            }
        } finally {
            if (c != output) {
                c.close();
            }
        }
    }
}
