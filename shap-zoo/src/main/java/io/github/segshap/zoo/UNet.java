package io.github.segshap.zoo;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

import java.util.Objects;

/**
 * The seed project's U-Net for binary segmentation, as a DL4J {@link ComputationGraph}.
 *
 * <p>With depth 2 (the variant the seed used): {@code enc1: conv F, conv F -> maxpool 2 -> dropout;
 * enc2: conv 2F, conv 2F -> maxpool 2 -> dropout; bottleneck: conv 16F, conv 16F;
 * up2: transposed conv 2F (k x k, stride 2) -> concat enc2 -> dropout -> conv 2F, conv 2F;
 * up1: transposed conv F (k x k, stride 2) -> concat enc1 -> dropout -> conv F, conv F;
 * output: 1x1 conv, 1 channel, sigmoid}, ReLU and 'same' padding everywhere. Deeper variants
 * ({@link Builder#depth(int)}) add levels with {@code 2^level F} filters; the bottleneck has
 * {@link Builder#bottleneckFactor(int) 16F}.
 * The loss is a {@link CnnLossLayer} (summed over pixels) with a pluggable {@link ILossFunction}
 * (default binary cross-entropy), the updater Adam with learning rate 1e-3.
 *
 * <p>Defaults: F = 8, 5x5 kernels, depth 2, dropout keep probability 0.5 (DL4J's dropout value is
 * the probability to <b>keep</b> an activation), 4 x 24 x 24 inputs, seed 42. With these defaults the
 * network has 551,585 parameters.
 *
 * <p>Every pooling halves the size, so the input height and width must be multiples of
 * {@link #requiredMultiple(int) 2^depth} (4 for depth 2): pad 101 x 101 images to 104 x 104 with
 * {@link io.github.segshap.core.model.PaddedModel} (or {@link io.github.segshap.core.padding.Padding})
 * and crop the output back.
 *
 * <pre>{@code
 * ComputationGraph net = UNet.builder().filters(8).kernel(5).depth(2).dropoutKeep(0.5)
 *         .inputShape(4, 104, 104).seed(42).build();
 * }</pre>
 */
public final class UNet {
    /** Name of the graph's input. */
    public static final String INPUT = "input";
    /** Name of the graph's output layer. */
    public static final String OUTPUT = "output";

    private UNet() {
    }

    /** How the decoder doubles the size of its feature maps. */
    public enum Upsampling {
        /** A k x k transposed convolution with stride 2, as the seed (Keras {@code Conv2DTranspose}). */
        TRANSPOSED_CONVOLUTION,
        /**
         * Nearest-neighbour doubling followed by a k x k convolution ("resize-convolution"): the
         * same shapes and receptive field, no checkerboard artefacts, and on CPU much faster to train
         * in DL4J 1.0.0-M2.1, whose transposed convolution has no oneDNN helper.
         */
        NEAREST_THEN_CONVOLUTION
    }

    /** A builder with the seed's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The multiple the input height and width must have for a U-Net of this depth: {@code 2^depth}. */
    public static int requiredMultiple(int depth) {
        if (depth < 1 || depth > 10) {
            throw new IllegalArgumentException("depth must be in 1..10, got " + depth);
        }
        return 1 << depth;
    }

    /** The multiple the seed's depth-2 U-Net needs: 4. */
    public static int requiredMultiple() {
        return requiredMultiple(2);
    }

    /** Builder for the U-Net; every option has the seed's value as default. */
    public static final class Builder {
        private int filters = 8;
        private int kernel = 5;
        private int depth = 2;
        private double dropoutKeep = 0.5;
        private int channels = 4;
        private int height = 24;
        private int width = 24;
        private long seed = 42;
        private int bottleneckFactor = 16;
        private ILossFunction loss = new LossBinaryXENT();
        private IUpdater updater = new Adam(1e-3);
        private Upsampling upsampling = Upsampling.TRANSPOSED_CONVOLUTION;
        private boolean batchNormalization;

        private Builder() {
        }

        /** Filters F of the first level (level l has {@code 2^l F}); default 8. */
        public Builder filters(int filters) {
            this.filters = positive(filters, "filters");
            return this;
        }

        /** Kernel size of the convolutions and transposed convolutions; default 5. */
        public Builder kernel(int kernel) {
            this.kernel = positive(kernel, "kernel");
            return this;
        }

        /** Number of poolings (levels); default 2. */
        public Builder depth(int depth) {
            requiredMultiple(depth);
            this.depth = depth;
            return this;
        }

        /** Filters of the bottleneck as a multiple of F; default 16 (the seed's 16F). */
        public Builder bottleneckFactor(int factor) {
            this.bottleneckFactor = positive(factor, "bottleneck factor");
            return this;
        }

        /**
         * DL4J's dropout value: the probability to keep an activation (Keras' dropout 0.5 is keep 0.5,
         * Keras' 0.1 is keep 0.9); 1 switches dropout off. Default 0.5. Inference never drops.
         */
        public Builder dropoutKeep(double keep) {
            if (!(keep > 0 && keep <= 1)) {
                throw new IllegalArgumentException("dropout keep probability must be in (0, 1], got " + keep);
            }
            this.dropoutKeep = keep;
            return this;
        }

        /**
         * The input shape; height and width must be multiples of {@code 2^depth}. Default 4 x 24 x 24.
         */
        public Builder inputShape(int channels, int height, int width) {
            this.channels = positive(channels, "channels");
            this.height = positive(height, "height");
            this.width = positive(width, "width");
            return this;
        }

        /** Seed of the weight initialisation; default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The loss of the sigmoid output (e.g. a focal loss); default binary cross-entropy. */
        public Builder loss(ILossFunction loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        /** How the decoder up-samples; default the seed's transposed convolution. */
        public Builder upsampling(Upsampling upsampling) {
            this.upsampling = Objects.requireNonNull(upsampling, "upsampling");
            return this;
        }

        /**
         * Batch normalisation after every k x k convolution, before its ReLU: convolution (no
         * activation) -> {@link BatchNormalization} -> {@link ActivationLayer} (ReLU); default off, as
         * the seed. It adds 4 values per channel (2 trained, 2 running statistics) and usually makes
         * training converge in fewer epochs; inference uses the running statistics.
         *
         * <p>Earlier versions of this builder made the ReLU the batch-normalisation layer's
         * activation, which DL4J 1.0.0-M2.1 never applies: those networks have no ReLU after their
         * normalised convolutions, and networks saved with them keep that configuration when loaded.
         */
        public Builder batchNormalization(boolean on) {
            this.batchNormalization = on;
            return this;
        }

        /** The updater; default Adam with learning rate 1e-3. */
        public Builder updater(IUpdater updater) {
            this.updater = Objects.requireNonNull(updater, "updater");
            return this;
        }

        private static int positive(int v, String what) {
            if (v < 1) {
                throw new IllegalArgumentException(what + " must be positive, got " + v);
            }
            return v;
        }

        /** The configuration (not initialised). */
        public ComputationGraphConfiguration configuration() {
            int multiple = requiredMultiple(depth);
            if (height % multiple != 0 || width % multiple != 0) {
                throw new IllegalArgumentException("a U-Net of depth " + depth + " needs a height and width that are "
                        + "multiples of " + multiple + ", got " + height + "x" + width + ": pad to "
                        + roundUp(height, multiple) + "x" + roundUp(width, multiple) + " (see PaddedModel) and crop "
                        + "the output back");
            }
            ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                    .seed(seed)
                    .updater(updater)
                    .weightInit(WeightInit.XAVIER)
                    .activation(Activation.RELU)
                    .convolutionMode(ConvolutionMode.Same)
                    .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                    .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                    .graphBuilder()
                    .addInputs(INPUT)
                    .setInputTypes(InputType.convolutional(height, width, channels));
            String previous = INPUT;
            String[] skips = new String[depth];
            for (int level = 0; level < depth; level++) {
                int f = filters << level;
                String p = "enc" + (level + 1);
                String c2 = conv(g, p + "_conv2", f, conv(g, p + "_conv1", f, previous));
                skips[level] = c2;
                g.addLayer(p + "_pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build(), c2);
                previous = dropout(g, p + "_drop", p + "_pool");
            }
            int fb = filters * bottleneckFactor;
            previous = conv(g, "bottleneck_conv2", fb, conv(g, "bottleneck_conv1", fb, previous));
            for (int level = depth - 1; level >= 0; level--) {
                int f = filters << level;
                String p = "up" + (level + 1);
                String up = upsample(g, p, f, previous);
                g.addVertex(p + "_concat", new MergeVertex(), up, skips[level]);
                String in = dropout(g, p + "_drop", p + "_concat");
                previous = conv(g, p + "_conv2", f, conv(g, p + "_conv1", f, in));
            }
            g.addLayer("mask", new ConvolutionLayer.Builder(1, 1).nOut(1).activation(Activation.SIGMOID).build(),
                    previous);
            g.addLayer(OUTPUT, new CnnLossLayer.Builder(loss).activation(Activation.IDENTITY).build(), "mask");
            g.setOutputs(OUTPUT);
            return g.build();
        }

        private String upsample(ComputationGraphConfiguration.GraphBuilder g, String prefix, int f, String input) {
            if (upsampling == Upsampling.TRANSPOSED_CONVOLUTION) {
                g.addLayer(prefix + "_deconv", new Deconvolution2D.Builder().nOut(f).kernelSize(kernel, kernel)
                        .stride(2, 2).convolutionMode(ConvolutionMode.Same).build(), input);
                return prefix + "_deconv";
            }
            g.addLayer(prefix + "_resize", new Upsampling2D.Builder(2).build(), input);
            return conv(g, prefix + "_upconv", f, prefix + "_resize");
        }

        private String dropout(ComputationGraphConfiguration.GraphBuilder g, String name, String input) {
            if (dropoutKeep >= 1) {
                return input;
            }
            g.addLayer(name, new DropoutLayer.Builder(dropoutKeep).build(), input);
            return name;
        }

        /**
         * A k x k convolution with ReLU, or a convolution without activation, batch normalisation and
         * a ReLU {@link ActivationLayer} ({@code name_bn}, {@code name_relu}); returns the output's name.
         * The ReLU is a layer of its own because DL4J 1.0.0-M2.1's batch-normalisation layer never
         * applies its activation function.
         */
        private String conv(ComputationGraphConfiguration.GraphBuilder g, String name, int nOut, String input) {
            if (!batchNormalization) {
                g.addLayer(name, new ConvolutionLayer.Builder(kernel, kernel).nOut(nOut).build(), input);
                return name;
            }
            g.addLayer(name, new ConvolutionLayer.Builder(kernel, kernel).nOut(nOut).activation(Activation.IDENTITY)
                    .build(), input);
            g.addLayer(name + "_bn", new BatchNormalization.Builder().activation(Activation.IDENTITY).build(), name);
            g.addLayer(name + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "_bn");
            return name + "_relu";
        }

        /**
         * The initialised network. DL4J picks its layers' oneDNN helpers when they are built: switch
         * them on first (shap-dl4j's {@code Dl4jRuntime.init()}); the explainer's adapter rebuilds a
         * network built earlier.
         */
        public ComputationGraph build() {
            ComputationGraph net = new ComputationGraph(configuration());
            net.init();
            return net;
        }
    }

    static int roundUp(int v, int multiple) {
        return (v + multiple - 1) / multiple * multiple;
    }
}
