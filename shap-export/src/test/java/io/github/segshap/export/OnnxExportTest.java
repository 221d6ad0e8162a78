package io.github.segshap.export;

import ai.onnx.proto.OnnxMl;
import io.github.segshap.core.explainers.ExactExplainer;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.masking.BackgroundMasker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.players.Players;
import io.github.segshap.dl4j.model.Dl4jModel;
import io.github.segshap.zoo.UNet;
import io.github.segshap.core.model.IncompatibleInputException;
import io.github.segshap.onnx.model.OnnxModel;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exported U-Net predicts and explains what the DL4J U-Net does. */
class OnnxExportTest {
    private static final double TOLERANCE = 1e-5;
    private static final ImageShape SHAPE = new ImageShape(3, 16, 16);

    @TempDir
    Path dir;

    /** A U-Net variant: depth, up-sampling, batch normalisation, kernel size. */
    record Variant(int depth, UNet.Upsampling upsampling, boolean batchNorm, int kernel) {
        ComputationGraph build() {
            ComputationGraph net = UNet.builder().filters(2).kernel(kernel).depth(depth).bottleneckFactor(4)
                    .upsampling(upsampling).batchNormalization(batchNorm).inputShape(3, 16, 16).seed(7).build();
            randomiseBiasesAndStatistics(net, new Random(depth * 31L + kernel));
            return net;
        }

        @Override
        public String toString() {
            return "depth " + depth + ", " + upsampling + (batchNorm ? ", batch norm" : "") + ", kernel " + kernel;
        }
    }

    static Stream<Variant> variants() {
        return Stream.of(
                new Variant(2, UNet.Upsampling.TRANSPOSED_CONVOLUTION, false, 5),
                new Variant(3, UNet.Upsampling.TRANSPOSED_CONVOLUTION, true, 3),
                new Variant(2, UNet.Upsampling.NEAREST_THEN_CONVOLUTION, true, 5),
                new Variant(3, UNet.Upsampling.NEAREST_THEN_CONVOLUTION, false, 3),
                new Variant(2, UNet.Upsampling.TRANSPOSED_CONVOLUTION, false, 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void exportedUNetPredictsWhatDl4jPredicts(Variant variant) {
        ComputationGraph net = variant.build();
        ImageBatch batch = randomBatch(SHAPE, 3, 11);
        INDArray x = Nd4j.create(batch.toFloatArray(), new long[] {3, 3, 16, 16}, 'c');
        double[] dl4j = net.output(false, x)[0].castTo(DataType.DOUBLE).dup('c').data().asDouble();
        Path file = dir.resolve("unet.onnx");
        OnnxExport.write(net, SHAPE, file);
        try (OnnxModel onnx = OnnxModel.of(file)) {
            assertArrayEquals(new long[] {-1, 3, 16, 16}, onnx.declaredInputShape(), "dynamic batch, fixed size");
            assertEquals(OnnxExport.INPUT, onnx.inputName());
            double[] viaOnnx = onnx.predict(batch);
            assertEquals(dl4j.length, viaOnnx.length);
            double max = maxDifference(dl4j, viaOnnx);
            assertTrue(max <= TOLERANCE, variant + ": max difference " + max);
            assertTrue(spread(dl4j) > 1e-3, "the random network's output is not constant: " + spread(dl4j));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void exportedUNetExplainsWhatDl4jExplains(Variant variant) {
        ComputationGraph net = variant.build();
        List<Image> background = images(SHAPE, 2, 21);
        Image image = images(SHAPE, 1, 22).get(0);
        Players players = Players.perChannel(SHAPE);
        Explanation viaDl4j = explain(Dl4jModel.of(net), players, background, image);
        try (OnnxModel onnx = OnnxModel.builder(OnnxExport.toBytes(net, SHAPE, OnnxExport.Size.DYNAMIC)).build()) {
            Explanation viaOnnx = explain(onnx, players, background, image);
            for (int p = 0; p < players.count(); p++) {
                double max = maxDifference(viaDl4j.values(p), viaOnnx.values(p));
                assertTrue(max <= TOLERANCE, variant + ", player " + p + ": max difference " + max);
            }
            assertTrue(maxDifference(viaDl4j.baseValues(), viaOnnx.baseValues()) <= TOLERANCE);
        }
    }

    @Test
    void batchNormalisedUNetExportsAReluAfterEveryBatchNorm() throws Exception {
        ComputationGraph net = new Variant(2, UNet.Upsampling.NEAREST_THEN_CONVOLUTION, true, 3).build();
        OnnxMl.GraphProto g = OnnxMl.ModelProto.parseFrom(OnnxExport.toBytes(net, SHAPE, OnnxExport.Size.FIXED))
                .getGraph();
        Map<String, List<String>> consumers = new HashMap<>();
        for (OnnxMl.NodeProto n : g.getNodeList()) {
            for (String in : n.getInputList()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n.getOpType());
            }
        }
        long norms = 0;
        for (OnnxMl.NodeProto n : g.getNodeList()) {
            if (n.getOpType().equals("BatchNormalization")) {
                assertEquals(List.of("Relu"), consumers.get(n.getOutput(0)), n.getName() + " feeds");
                norms++;
            }
        }
        // 12 k x k convolutions (enc 2 + 2, bottleneck 2, up 2 x (resize-convolution + 2))
        assertEquals(12, norms);
    }

    @Test
    void aBatchNormActivationIsDroppedAsDl4jDropsIt() {
        // the configuration of U-Nets built before the ReLU became a layer of its own: DL4J M2.1 never
        // applies the batch norm's ReLU, and the export must predict what DL4J predicts
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(5).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(8, 8, 3))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.IDENTITY)
                        .convolutionMode(ConvolutionMode.Same).build(), "in")
                .addLayer("conv_bn", new BatchNormalization.Builder()
                        .activation(Activation.RELU).build(), "conv")
                .addLayer("mask", new ConvolutionLayer.Builder(1, 1).nOut(1).activation(Activation.SIGMOID).build(),
                        "conv_bn")
                .addLayer("out", new CnnLossLayer.Builder(new LossBinaryXENT()).activation(Activation.IDENTITY).build(),
                        "mask")
                .setOutputs("out").build());
        net.init();
        randomiseBiasesAndStatistics(net, new Random(9));
        ImageShape shape = new ImageShape(3, 8, 8);
        ImageBatch batch = randomBatch(shape, 4, 13);
        INDArray x = Nd4j.create(batch.toFloatArray(), new long[] {4, 3, 8, 8}, 'c');
        double[] dl4j = net.output(false, x)[0].castTo(DataType.DOUBLE).dup('c').data().asDouble();
        INDArray normalised = net.feedForward(x, false).get("conv_bn");
        assertTrue(normalised.minNumber().doubleValue() < 0, "DL4J applied the batch norm's ReLU after all");
        try (OnnxModel onnx = OnnxModel.builder(OnnxExport.toBytes(net, shape, OnnxExport.Size.FIXED)).build()) {
            double max = maxDifference(dl4j, onnx.predict(batch));
            assertTrue(max <= TOLERANCE, "max difference " + max);
        }
    }

    @Test
    void dynamicSizeExportRunsOnOtherMultiplesAndSaysWhatToPadTo() {
        ComputationGraph net = new Variant(3, UNet.Upsampling.TRANSPOSED_CONVOLUTION, false, 3).build();
        try (OnnxModel onnx = OnnxModel.builder(OnnxExport.toBytes(net, SHAPE, OnnxExport.Size.DYNAMIC)).build()) {
            assertArrayEquals(new long[] {-1, 3, -1, -1}, onnx.declaredInputShape());
            ImageShape other = new ImageShape(3, 24, 8);
            ImageBatch batch = randomBatch(other, 2, 5);
            INDArray x = Nd4j.create(batch.toFloatArray(), new long[] {2, 3, 24, 8}, 'c');
            double[] dl4j = net.output(false, x)[0].castTo(DataType.DOUBLE).dup('c').data().asDouble();
            assertTrue(maxDifference(dl4j, onnx.predict(batch)) <= TOLERANCE);
            IncompatibleInputException e = assertThrows(IncompatibleInputException.class,
                    () -> onnx.outputShape(new ImageShape(3, 20, 20)));
            assertTrue(e.getMessage().contains("multiples of 8") && e.getMessage().contains("pad the images to 24x24"),
                    e.getMessage());
        }
    }

    @Test
    void anUnsupportedVertexIsNamed() {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(8, 8, 2))
                .addLayer("a", new ConvolutionLayer.Builder(1, 1).nOut(2).activation(Activation.IDENTITY).build(), "in")
                .addLayer("b", new ConvolutionLayer.Builder(1, 1).nOut(2).activation(Activation.IDENTITY).build(), "in")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "a", "b")
                .addLayer("out", new CnnLossLayer.Builder(new LossBinaryXENT()).activation(Activation.SIGMOID).build(),
                        "sum")
                .setOutputs("out").build());
        net.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.toBytes(net, new ImageShape(2, 8, 8), OnnxExport.Size.FIXED));
        assertTrue(e.getMessage().contains("vertex 'sum'") && e.getMessage().contains("ElementWiseVertex"),
                e.getMessage());
    }

    @Test
    void aShapeTheNetworkDoesNotTakeIsRefused() {
        ComputationGraph net = new Variant(2, UNet.Upsampling.TRANSPOSED_CONVOLUTION, false, 3).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.toBytes(net, new ImageShape(5, 16, 16), OnnxExport.Size.FIXED));
        assertTrue(e.getMessage().contains("5x16x16") && e.getMessage().contains("3 input channels"), e.getMessage());
    }

    private static Explanation explain(Model model, Players players, List<Image> background, Image image) {
        return ExactExplainer.builder(model, players, BackgroundMasker.of(background)).build().explain(image);
    }

    /** Non-zero biases and batch-norm statistics, so that their wiring is tested too. */
    private static void randomiseBiasesAndStatistics(ComputationGraph net, Random r) {
        for (Layer layer : net.getLayers()) {
            for (Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
                String key = e.getKey();
                INDArray p = e.getValue();
                double[] v = new double[Math.toIntExact(p.length())];
                for (int i = 0; i < v.length; i++) {
                    v[i] = switch (key) {
                        case "b", "beta", "mean" -> 0.2 * r.nextGaussian();
                        case "gamma" -> 1 + 0.2 * r.nextGaussian();
                        case "log10stdev" -> 0.3 * (r.nextDouble() - 0.5);
                        case "var" -> 0.5 + r.nextDouble();
                        default -> Double.NaN;
                    };
                }
                if (!Double.isNaN(v.length == 0 ? 0 : v[0])) {
                    layer.setParam(key, Nd4j.create(v, p.shape(), 'c').castTo(p.dataType()));
                }
            }
        }
    }

    private static ImageBatch randomBatch(ImageShape shape, int count, long seed) {
        Random r = new Random(seed);
        double[] v = new double[count * shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return new ImageBatch(shape, count, v);
    }

    private static List<Image> images(ImageShape shape, int count, long seed) {
        ImageBatch b = randomBatch(shape, count, seed);
        List<Image> out = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            out.add(Image.of(shape, Arrays.copyOfRange(b.values(), n * shape.size(), (n + 1) * shape.size())));
        }
        return out;
    }

    private static double maxDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static double spread(double[] a) {
        return Arrays.stream(a).max().orElseThrow() - Arrays.stream(a).min().orElseThrow();
    }
}
