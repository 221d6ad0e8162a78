package io.github.segshap.dl4j.model;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.image.Layout;
import io.github.segshap.core.model.IncompatibleInputException;
import io.github.segshap.core.model.InputSizes;
import io.github.segshap.core.model.InputSpec;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.dl4j.images.Images;
import io.github.segshap.dl4j.runtime.Dl4jRuntime;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Objects;

/**
 * A Deeplearning4j {@link ComputationGraph} or {@link MultiLayerNetwork} as a shap-core
 * {@link Model}: images in, segmentation maps out. The adapter only runs the network; the work is
 * shared with package-private parts: the input probe (what input the network takes, the size to
 * pad to), the replica pool (networks for concurrent calls) and the layout converter (NCHW/NHWC).
 *
 * <ul>
 *   <li><b>Input</b>: NCHW by default; {@link Layout#NHWC} when the network was built for
 *       channels-last input (unless {@link Builder#layout(Layout) given}, the first convolution's
 *       data format says). {@link #inputSpec()} names it, so the explainers send batches in it and
 *       their values are copied in order; a batch in the other layout is converted first
 *       ({@link ImageBatch#in}). Values are converted to the network's data type (usually
 *       float32).</li>
 *   <li><b>Output</b>: kept as maps. A {@code [N, C', H', W']} network output becomes an output shape
 *       {@code [C', H', W']}: {@code [1, H, W]} for a sigmoid mask, {@code [classes, H, W]} for a
 *       softmax mask (one output per class and pixel). Rank-2 and rank-3 outputs keep their shape.
 *       The shape is found by a probe forward pass of one zero image, cached per input shape.</li>
 *   <li><b>Inference mode</b>: {@code output(input, train = false)}: no dropout, batch norm with
 *       its running statistics.</li>
 *   <li><b>Memory</b>: the model owns the one memory budget of a call ({@link #memoryBudget()},
 *       {@link Builder#memoryBudget(long)}, default {@link Model#DEFAULT_MEMORY_BUDGET} = 128 MiB).
 *       One image costs {@link #bytesPerImage(ImageShape)}: its input and output as doubles plus the
 *       network's input, output and twice its activations (estimated from the probe pass). The
 *       explainers send batches of at most {@link #subBatchSize} images, so by default a batch is one
 *       network call; a larger batch is split into sub-batches of that size. Inputs and outputs are
 *       created outside every workspace and closed after use, so repeated calls do not grow
 *       off-heap memory.</li>
 *   <li><b>Threads</b>: {@link #predict} is thread-safe. DL4J's {@code output} is synchronised per
 *       network, so concurrent calls take networks from a pool of up to
 *       {@link Builder#replicas(int)} {@code clone()}s (default 1: calls queue up; on 2 cores ND4J
 *       already uses both for one call).</li>
 *   <li><b>Validation</b>: wrong channel counts and sizes the network cannot take (e.g. 101 x 101
 *       for a U-Net that needs multiples of 4) raise an {@link IncompatibleInputException} that
 *       names the problem and, for sizes, suggests the padded size that works.</li>
 *   <li><b>Closing</b>: {@link #close()} frees the network copies the model made (the replicas) and
 *       forgets the probes; it does not close the network it was given. Afterwards every call that
 *       runs the network ({@code predict}, {@code output}, {@code outputShape},
 *       {@code requireCompatible}, {@code inputSpec(ImageShape)}, {@code subBatchSize}, {@code bytesPerImage})
 *       throws an {@link IllegalStateException} naming the model; the configuration getters still
 *       answer.</li>
 * </ul>
 *
 * <p>Do not train or modify the network while a {@code Dl4jModel} uses it: the first replica is
 * the network itself (unless the oneDNN helpers are switched on after it was built, see
 * {@link Dl4jRuntime}).
 */
public final class Dl4jModel implements Model {

    private final NeuralNetwork network;
    private final int outputIndex;
    private final long memoryBudget;
    private final LayoutConverter converter;
    private final ReplicaPool pool;
    private final InputProbe probe;
    private final String name;

    private Dl4jModel(Builder b) {
        Networks.requireExplainable(b.network, b.outputIndex);
        this.network = b.network;
        this.outputIndex = b.outputIndex;
        this.memoryBudget = b.memoryBudget;
        this.converter = LayoutConverter.of(network, b.layout);
        this.name = "Dl4jModel(" + network.getClass().getSimpleName() + " of "
                + (network.params() == null ? 0 : network.params().length()) + " parameters, " + converter.layout() + ", output " + outputIndex + ")";
        this.pool = new ReplicaPool(network, b.replicas, name);
        this.probe = new InputProbe(pool, converter, outputIndex, InputProbe.expectedChannels(network),
                Networks.requiredMultiple(network));
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

    /** The wrapped network (the first replica); not closed by {@link #close()}. */
    public NeuralNetwork network() {
        return network;
    }

    /**
     * What the network takes as its configuration says: the first convolution's input channels
     * (unknown when there is none), the layout, any size (the sizes a network takes show only in a
     * trial: {@link #inputSpec(ImageShape)}).
     */
    @Override
    public InputSpec inputSpec() {
        return InputSpec.of(Math.max(0, probe.expectedChannels()), converter.layout(), InputSpec.Sizes.any());
    }

    /**
     * {@link #inputSpec()} with the sizes a probe pass on {@code images}' shape reveals: a U-Net of
     * depth d that fails on 101 x 101 takes multiples of 2^d, so
     * {@code inputSpec(s).suggestedShape(s)} is 104 x 104 at depth 2 and 112 x 112 at depth 4 (pad
     * the images to it and crop the outputs back with {@link io.github.segshap.core.model.PaddedModel}).
     *
     * @throws IncompatibleInputException when no padded size works either (e.g. the channel count is wrong)
     * @throws IllegalStateException      when the model is closed
     */
    @Override
    public InputSpec inputSpec(ImageShape images) {
        InputSpec spec = inputSpec();
        return spec.withSizes(InputSizes.sizesFor(images, this::requireCompatible, spec.sizes()));
    }

    /** Bytes one {@link #predict} call may take ({@link Builder#memoryBudget(long)}). */
    @Override
    public long memoryBudget() {
        return memoryBudget;
    }

    /**
     * Bytes one image of shape {@code input} takes in a call: its input and output as doubles plus
     * the network's input, output and twice its activations in the network's data type (from the
     * cached probe pass).
     *
     * @throws IncompatibleInputException when the network cannot take images of this shape
     * @throws IllegalStateException      when the model is closed
     */
    @Override
    public long bytesPerImage(ImageShape input) {
        return probe(input).bytesPerImage();
    }

    /**
     * The shape of one output for images of shape {@code input}, from a probe forward pass (cached).
     *
     * @throws IncompatibleInputException when the network cannot take images of this shape
     * @throws IllegalStateException      when the model is closed
     */
    @Override
    public OutputShape outputShape(ImageShape input) {
        return probe(input).outputShape();
    }

    /**
     * Checks that the network takes images of this shape (by a cached probe forward pass).
     *
     * @throws IncompatibleInputException naming the problem, with a suggested padded size for sizes
     * @throws IllegalStateException      when the model is closed
     */
    public void requireCompatible(ImageShape input) {
        probe(input);
    }

    /**
     * Number of images predicted in one network call for this input shape:
     * {@link Model#imagesWithin imagesWithin(memoryBudget(), bytesPerImage(input))}, the same rule
     * the explainers size their batches by.
     */
    public int subBatchSize(ImageShape input) {
        return Model.imagesWithin(memoryBudget, bytesPerImage(input));
    }

    @Override
    public boolean isThreadSafe() {
        return true;
    }

    /**
     * Predicts the batch in the network's layout (a batch in the other layout is converted first).
     *
     * @throws IllegalStateException when the model is closed
     */
    @Override
    public double[] predict(ImageBatch given) {
        ImageBatch batch = given.in(converter.layout());
        ImageShape shape = batch.shape();
        InputProbe.Result p = probe(shape);
        OutputShape os = p.outputShape();
        int k = os.size();
        int n = batch.count();
        int step = Model.imagesWithin(memoryBudget, p.bytesPerImage());
        double[] out = new double[Math.multiplyExact(n, k)];
        return pool.apply(net -> {
            for (int first = 0; first < n; first += step) {
                int count = Math.min(step, n - first);
                INDArray input = converter.toInput(batch, first, count);
                try {
                    INDArray output = Networks.forward(net, input, outputIndex);
                    try {
                        converter.copyOutput(output, count, os, out, first * k);
                    } finally {
                        output.close();
                    }
                } finally {
                    input.close();
                }
            }
            return out;
        });
    }

    /**
     * Predicts images given as an NCHW array (NHWC when the layout is NHWC).
     *
     * @return the outputs, {@code [N, C', H', W']} (or the network's own rank for non-map outputs)
     */
    public INDArray output(INDArray images) {
        List<Image> list = converter.layout() == Layout.NHWC ? Images.fromNhwc(images) : Images.fromNchw(images);
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

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return pool.isClosed();
    }

    /**
     * Frees the network copies this model made (idle ones now, busy ones when their call ends) and
     * forgets the probes. The network given to the builder stays open and usable. Idempotent.
     */
    @Override
    public void close() {
        pool.close();
        probe.clear();
    }

    /** Names the network type, its size, the layout and the output explained. */
    @Override
    public String toString() {
        return name;
    }

    private InputProbe.Result probe(ImageShape shape) {
        pool.requireOpen();
        return probe.probe(shape);
    }

    /** Builder for {@link Dl4jModel}; options are copied at {@link #build()}. */
    public static final class Builder {
        private final NeuralNetwork network;
        private Layout layout;
        private int outputIndex;
        private long memoryBudget = Model.DEFAULT_MEMORY_BUDGET;
        private int replicas = 1;

        private Builder(NeuralNetwork network) {
            this.network = Networks.requireSupported(network);
        }

        /** Layout of the image input; by default the first convolution's data format (NCHW without one). */
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
         * The model's memory budget ({@link Dl4jModel#memoryBudget()}): bytes one network call may
         * take, counted by {@link Dl4jModel#bytesPerImage}; larger batches are split. The explainers
         * size their batches from it too. Default {@link Model#DEFAULT_MEMORY_BUDGET} (128 MiB).
         */
        public Builder memoryBudget(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("batch memory budget must be positive, got " + bytes);
            }
            this.memoryBudget = bytes;
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
