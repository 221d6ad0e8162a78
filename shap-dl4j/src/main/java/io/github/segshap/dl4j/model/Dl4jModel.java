package io.github.segshap.dl4j.model;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.dl4j.images.Images;
import io.github.segshap.dl4j.runtime.Dl4jRuntime;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Deeplearning4j {@link ComputationGraph} or {@link MultiLayerNetwork} as a shap-core
 * {@link Model}: images in, segmentation maps out.
 *
 * <ul>
 *   <li><b>Input</b>: NCHW by default; {@link Layout#NHWC} when the network was built for
 *       channels-last input ({@link Layout#AUTO}, the default, reads the first convolution's data
 *       format). Values are converted to the network's data type (usually float32).</li>
 *   <li><b>Output</b>: kept as maps. A {@code [N, C', H', W']} network output becomes an output shape
 *       {@code [C', H', W']}: {@code [1, H, W]} for a sigmoid mask, {@code [classes, H, W]} for a
 *       softmax mask (one output per class and pixel). Rank-2 and rank-3 outputs keep their shape.
 *       The shape is found by a probe forward pass of one zero image, cached per input shape.</li>
 *   <li><b>Inference mode</b>: {@code output(input, train = false)}: no dropout, batch norm with
 *       its running statistics.</li>
 *   <li><b>Memory</b>: a call is split into sub-batches whose activations (estimated from the probe
 *       pass) fit {@link Builder#batchBytes(long)} (default 256 MiB). Inputs and outputs are
 *       created outside every workspace and closed after use, so repeated calls do not grow
 *       off-heap memory.</li>
 *   <li><b>Threads</b>: {@link #predict} is thread-safe. DL4J's {@code output} is synchronised per
 *       network, so concurrent calls take networks from a pool of up to
 *       {@link Builder#replicas(int)} {@code clone()}s (default 1: calls queue up; on 2 cores ND4J
 *       already uses both for one call).</li>
 *   <li><b>Validation</b>: wrong channel counts and sizes the network cannot take (e.g. 101 x 101
 *       for a U-Net that needs multiples of 4) raise an {@link IncompatibleInputException} that
 *       names the problem and, for sizes, suggests the padded size that works.</li>
 * </ul>
 *
 * <p>Do not train or modify the network while a {@code Dl4jModel} uses it: the first replica is
 * the network itself (unless the oneDNN helpers are switched on after it was built, see
 * {@link Dl4jRuntime}).
 */
public final class Dl4jModel implements Model {
    /** The default memory budget of one sub-batch's activations: 256 MiB. */
    public static final long DEFAULT_BATCH_BYTES = 256L << 20;

    /** Layout of the network's image input. */
    public enum Layout {
        /** Read from the first convolution layer's data format; NCHW when there is none. */
        AUTO,
        /** Channels first: {@code [N, C, H, W]} (DL4J's default). */
        NCHW,
        /** Channels last: {@code [N, H, W, C]}. */
        NHWC
    }

    private final NeuralNetwork network;
    private final Layout layout;
    private final int outputIndex;
    private final long batchBytes;
    private final int maxReplicas;
    private final int expectedChannels;
    private final DataType dataType;
    private final BlockingQueue<NeuralNetwork> idle;
    private final AtomicInteger created = new AtomicInteger();
    private final Map<ImageShape, Probe> probes = new ConcurrentHashMap<>();

    private Dl4jModel(Builder b) {
        this.network = b.network;
        this.layout = b.layout == Layout.AUTO ? detectLayout(network) : b.layout;
        this.outputIndex = b.outputIndex;
        this.batchBytes = b.batchBytes;
        this.maxReplicas = b.replicas;
        this.expectedChannels = expectedChannels(network, layout);
        this.dataType = network.params() == null ? DataType.FLOAT : network.params().dataType();
        this.idle = new ArrayBlockingQueue<>(maxReplicas);
        if (network instanceof ComputationGraph cg) {
            int outputs = cg.getConfiguration().getNetworkOutputs().size();
            if (outputIndex >= outputs) {
                throw new IllegalArgumentException("output " + outputIndex + " does not exist: the graph has "
                        + outputs + " outputs " + cg.getConfiguration().getNetworkOutputs());
            }
            if (cg.getConfiguration().getNetworkInputs().size() != 1) {
                throw new IllegalArgumentException("the graph has " + cg.getConfiguration().getNetworkInputs().size()
                        + " inputs " + cg.getConfiguration().getNetworkInputs() + ": only single-input graphs can be "
                        + "explained as images");
            }
        } else if (outputIndex != 0) {
            throw new IllegalArgumentException("a MultiLayerNetwork has one output, not output " + outputIndex);
        }
    }

    /** A model with the defaults for a {@link ComputationGraph} or {@link MultiLayerNetwork}. */
    public static Dl4jModel of(NeuralNetwork network) {
        return builder(network).build();
    }

    /** A builder for a {@link ComputationGraph} or {@link MultiLayerNetwork}. */
    public static Builder builder(NeuralNetwork network) {
        Dl4jRuntime.init(); // the oneDNN default is applied before any network is cloned
        return new Builder(network);
    }

    /** The wrapped network (the first replica). */
    public NeuralNetwork network() {
        return network;
    }

    /** The input layout used (never {@link Layout#AUTO}). */
    public Layout layout() {
        return layout;
    }

    /** The channel count the network's first layer takes, or -1 when it cannot be read. */
    public int expectedChannels() {
        return expectedChannels;
    }

    /**
     * The shape of one output for images of shape {@code input}, from a probe forward pass (cached).
     *
     * @throws IncompatibleInputException when the network cannot take images of this shape
     */
    @Override
    public OutputShape outputShape(ImageShape input) {
        return probe(input).outputShape;
    }

    /**
     * Checks that the network takes images of this shape (by a cached probe forward pass).
     *
     * @throws IncompatibleInputException naming the problem, with a suggested padded size for sizes
     */
    public void requireCompatible(ImageShape input) {
        probe(input);
    }

    /**
     * The shape to give the network images of {@code shape} in: {@code shape} itself when the network
     * takes it, else the padded size it suggests (a U-Net of depth d takes multiples of 2^d: 101 x 101
     * images become 104 x 104 at depth 2 and 112 x 112 at depth 4). Pad the images to it and crop
     * the outputs back with {@link io.github.segshap.core.model.PaddedModel} (or
     * {@link io.github.segshap.core.padding.Padding} by hand).
     *
     * @throws IncompatibleInputException when no padded size works either (e.g. the channel count is wrong)
     */
    public ImageShape paddedShape(ImageShape shape) {
        try {
            requireCompatible(shape);
            return shape;
        } catch (IncompatibleInputException e) {
            if (e.suggestedHeight().isEmpty() || e.suggestedWidth().isEmpty()) {
                throw e;
            }
            ImageShape padded = new ImageShape(shape.channels(), e.suggestedHeight().get(), e.suggestedWidth().get());
            requireCompatible(padded);
            return padded;
        }
    }

    /** Number of images predicted in one network call for this input shape (from the memory budget). */
    public int subBatchSize(ImageShape input) {
        return probe(input).maxImages;
    }

    @Override
    public boolean isThreadSafe() {
        return true;
    }

    @Override
    public double[] predict(ImageBatch batch) {
        ImageShape shape = batch.shape();
        Probe probe = probe(shape);
        int k = probe.outputShape.size();
        int n = batch.count();
        double[] out = new double[Math.multiplyExact(n, k)];
        NeuralNetwork net = acquire();
        try {
            for (int first = 0; first < n; first += probe.maxImages) {
                int count = Math.min(probe.maxImages, n - first);
                INDArray input = toInput(batch.values(), first, count, shape);
                try {
                    INDArray output = forward(net, input);
                    try {
                        copyOutput(output, count, probe, out, first * k);
                    } finally {
                        output.close();
                    }
                } finally {
                    input.close();
                }
            }
        } finally {
            release(net);
        }
        return out;
    }

    /**
     * Predicts images given as an NCHW array (NHWC when the layout is NHWC).
     *
     * @return the outputs, {@code [N, C', H', W']} (or the network's own rank for non-map outputs)
     */
    public INDArray output(INDArray images) {
        List<Image> list = layout == Layout.NHWC ? Images.fromNhwc(images) : Images.fromNchw(images);
        return output(list);
    }

    /** Predicts images given as {@code [image][channel][row][column]}. */
    public INDArray output(float[][][][] images) {
        return output(Images.of(images));
    }

    /** Predicts a list of images of one shape; returns {@code [N, outputShape...]}. */
    public INDArray output(List<Image> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images to predict: the list is empty");
        }
        ImageShape shape = images.get(0).shape();
        double[] values = new double[Math.multiplyExact(images.size(), shape.size())];
        for (int i = 0; i < images.size(); i++) {
            shape.requireSame(images.get(i).shape(), "image " + i);
            images.get(i).copyTo(values, i * shape.size());
        }
        double[] out = predict(new ImageBatch(shape, images.size(), values));
        int[] dims = outputShape(shape).dims();
        long[] full = new long[dims.length + 1];
        full[0] = images.size();
        for (int i = 0; i < dims.length; i++) {
            full[i + 1] = dims[i];
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.create(out, full, 'c');
        }
    }

    /** Predicts one image; the output flattened row-major (see {@link #outputShape(ImageShape)}). */
    public double[] predict(Image image) {
        return predict(new ImageBatch(image.shape(), 1, image.toArray()));
    }

    // ---------------------------------------------------------------- probing and validation

    private Probe probe(ImageShape shape) {
        Probe p = probes.get(shape);
        if (p == null) {
            p = computeProbe(shape);
            probes.putIfAbsent(shape, p);
        }
        return p;
    }

    private Probe computeProbe(ImageShape shape) {
        if (expectedChannels > 0 && shape.channels() != expectedChannels) {
            throw new IncompatibleInputException("the network takes " + expectedChannels + " input channels but the "
                    + "images have " + shape.channels() + " (image shape " + shape + ", layout " + layout + ")",
                    null, null, null);
        }
        NeuralNetwork net = acquire();
        try {
            long[] outShape;
            long activations;
            try {
                outShape = tryForward(net, shape);
                activations = activationElements(net, shape);
            } catch (RuntimeException e) {
                throw sizeError(net, shape, e);
            }
            if (outShape.length < 2 || outShape[0] != 1) {
                throw new IllegalStateException("the network's output for one image has shape " + Arrays.toString(outShape)
                        + ": expected a batch dimension of 1 first");
            }
            int[] dims = new int[outShape.length - 1];
            for (int i = 1; i < outShape.length; i++) {
                dims[i - 1] = Math.toIntExact(outShape[i]);
            }
            if (dims.length == 3 && layout == Layout.NHWC) {
                dims = new int[] {dims[2], dims[0], dims[1]};
            }
            OutputShape os = OutputShape.of(dims);
            long perImage = (2 * activations + shape.size() + os.size()) * (long) dataType.width()
                    + 8L * (shape.size() + os.size());
            int maxImages = (int) Math.max(1, Math.min(Integer.MAX_VALUE, batchBytes / Math.max(1, perImage)));
            return new Probe(os, maxImages);
        } finally {
            release(net);
        }
    }

    private long[] tryForward(NeuralNetwork net, ImageShape shape) {
        INDArray input = toInput(new double[shape.size()], 0, 1, shape);
        try {
            INDArray out = forward(net, input);
            try {
                return out.shape();
            } finally {
                out.close();
            }
        } finally {
            input.close();
        }
    }

    private long activationElements(NeuralNetwork net, ImageShape shape) {
        INDArray input = toInput(new double[shape.size()], 0, 1, shape);
        try {
            long total = 0;
            if (net instanceof ComputationGraph cg) {
                for (INDArray a : cg.feedForward(input, false).values()) {
                    total += a.length();
                }
            } else {
                for (INDArray a : ((MultiLayerNetwork) net).feedForward(input, false)) {
                    total += a.length();
                }
            }
            return total;
        } finally {
            input.close();
        }
    }

    private IncompatibleInputException sizeError(NeuralNetwork net, ImageShape shape, RuntimeException cause) {
        String reason = firstLine(cause);
        for (int multiple = 2; multiple <= 64; multiple *= 2) {
            int h = roundUp(shape.height(), multiple);
            int w = roundUp(shape.width(), multiple);
            if (h == shape.height() && w == shape.width()) {
                continue;
            }
            try {
                tryForward(net, new ImageShape(shape.channels(), h, w));
            } catch (RuntimeException e) {
                continue;
            }
            return new IncompatibleInputException("the network cannot take " + shape.height() + "x" + shape.width()
                    + " images (" + reason + "); its height and width probably must be multiples of " + multiple
                    + " (it runs on " + h + "x" + w + "): pad the images to " + h + "x" + w
                    + " and crop the outputs back to " + shape.height() + "x" + shape.width()
                    + " (io.github.segshap.core.model.PaddedModel.of(model, " + multiple + ", BoundaryMode.MIRROR)"
                    + " does both)", h, w, cause);
        }
        return new IncompatibleInputException("the network cannot take images of shape " + shape + " (layout " + layout
                + "): " + reason, null, null, cause);
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage();
        if (m == null) {
            return t.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static int roundUp(int v, int multiple) {
        return (v + multiple - 1) / multiple * multiple;
    }

    // ---------------------------------------------------------------- forward passes

    private INDArray forward(NeuralNetwork net, INDArray input) {
        if (net instanceof ComputationGraph cg) {
            INDArray[] outs = cg.output(false, input);
            for (int i = 0; i < outs.length; i++) {
                if (i != outputIndex) {
                    outs[i].close();
                }
            }
            return outs[outputIndex];
        }
        return ((MultiLayerNetwork) net).output(input, false);
    }

    private INDArray toInput(double[] values, int first, int count, ImageShape shape) {
        int size = shape.size();
        int offset = first * size;
        long[] dims = layout == Layout.NHWC
                ? new long[] {count, shape.height(), shape.width(), shape.channels()}
                : new long[] {count, shape.channels(), shape.height(), shape.width()};
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            if (dataType == DataType.DOUBLE) {
                double[] data = layout == Layout.NHWC ? toNhwcDouble(values, offset, count, shape)
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

    private static double[] toNhwcDouble(double[] values, int offset, int count, ImageShape shape) {
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

    private void copyOutput(INDArray output, int count, Probe probe, double[] dest, int offset) {
        int k = probe.outputShape.size();
        if (output.length() != (long) count * k) {
            throw new IllegalStateException("the network returned an output of shape " + Arrays.toString(output.shape())
                    + " for " + count + " images, but the probe pass gave " + probe.outputShape + " per image");
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
                    fromNhwc(d, null, count, probe.outputShape, dest, offset);
                } else {
                    System.arraycopy(d, 0, dest, offset, count * k);
                }
            } else {
                float[] f = c.data().asFloat();
                if (nhwcMaps) {
                    fromNhwc(null, f, count, probe.outputShape, dest, offset);
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

    // ---------------------------------------------------------------- replica pool

    private NeuralNetwork acquire() {
        NeuralNetwork net = idle.poll();
        if (net != null) {
            return net;
        }
        int n = created.getAndIncrement();
        if (n < maxReplicas) {
            return n == 0 && !Dl4jRuntime.needsRebuild(network) ? network : copy(network);
        }
        created.decrementAndGet();
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a network replica", e);
        }
    }

    private void release(NeuralNetwork net) {
        if (!idle.offer(net)) {
            throw new IllegalStateException("replica pool overflow");
        }
    }

    private static NeuralNetwork copy(NeuralNetwork net) {
        if (net instanceof ComputationGraph cg) {
            return cg.clone();
        }
        return ((MultiLayerNetwork) net).clone();
    }

    // ---------------------------------------------------------------- configuration reading

    private static List<Layer> firstLayers(NeuralNetwork net) {
        List<Layer> out = new ArrayList<>();
        if (net instanceof ComputationGraph cg) {
            ComputationGraphConfiguration conf = cg.getConfiguration();
            String input = conf.getNetworkInputs().get(0);
            for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
                if (e.getValue().contains(input)) {
                    GraphVertex v = conf.getVertices().get(e.getKey());
                    if (v instanceof LayerVertex lv) {
                        out.add(lv.getLayerConf().getLayer());
                    }
                }
            }
        } else {
            MultiLayerNetwork mln = (MultiLayerNetwork) net;
            if (mln.getLayerWiseConfigurations().getConfs().size() > 0) {
                out.add(mln.getLayerWiseConfigurations().getConf(0).getLayer());
            }
        }
        return out;
    }

    private static Layout detectLayout(NeuralNetwork net) {
        for (Layer l : firstLayers(net)) {
            if (l instanceof ConvolutionLayer c && c.getCnn2dDataFormat() == CNN2DFormat.NHWC) {
                return Layout.NHWC;
            }
        }
        return Layout.NCHW;
    }

    private static int expectedChannels(NeuralNetwork net, Layout layout) {
        for (Layer l : firstLayers(net)) {
            if (l instanceof FeedForwardLayer f && f.getNIn() > 0 && l instanceof ConvolutionLayer) {
                return Math.toIntExact(f.getNIn());
            }
        }
        return -1;
    }

    private record Probe(OutputShape outputShape, int maxImages) {
    }

    /** Builder for {@link Dl4jModel}. */
    public static final class Builder {
        private final NeuralNetwork network;
        private Layout layout = Layout.AUTO;
        private int outputIndex;
        private long batchBytes = DEFAULT_BATCH_BYTES;
        private int replicas = 1;

        private Builder(NeuralNetwork network) {
            Objects.requireNonNull(network, "network");
            if (!(network instanceof ComputationGraph) && !(network instanceof MultiLayerNetwork)) {
                throw new IllegalArgumentException("only ComputationGraph and MultiLayerNetwork are supported, got "
                        + network.getClass().getName());
            }
            this.network = network;
        }

        /** Layout of the image input; default {@link Layout#AUTO}. */
        public Builder layout(Layout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /** Which output of a multi-output graph to explain; default 0. */
        public Builder outputIndex(int index) {
            if (index < 0) {
                throw new IllegalArgumentException("output index must be >= 0, got " + index);
            }
            this.outputIndex = index;
            return this;
        }

        /**
         * Memory one network call may take (inputs, outputs and twice the activations, estimated from
         * the probe pass); larger batches are split. Default {@link #DEFAULT_BATCH_BYTES}.
         */
        public Builder batchBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("batch memory budget must be positive, got " + bytes);
            }
            this.batchBytes = bytes;
            return this;
        }

        /**
         * Most network copies used by concurrent calls (each a {@code clone()}, made when first
         * needed); default 1.
         */
        public Builder replicas(int replicas) {
            if (replicas < 1) {
                throw new IllegalArgumentException("replicas must be at least 1, got " + replicas);
            }
            this.replicas = replicas;
            return this;
        }

        /** The model. */
        public Dl4jModel build() {
            return new Dl4jModel(this);
        }
    }
}
