package io.github.segshap.onnx.quantize;

import ai.onnx.proto.OnnxMl;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.provenance.Precision;
import io.github.segshap.onnx.graph.OnnxGraph;
import io.github.segshap.onnx.graph.OnnxGraph.Attribute;
import io.github.segshap.onnx.graph.OnnxGraph.Dim;
import io.github.segshap.onnx.graph.OnnxGraph.ElementType;
import io.github.segshap.onnx.model.OnnxModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The int8 quantizer on a small conv net built in Java: its QDQ graph, what ONNX Runtime runs, its error. */
class Int8QuantizerTest {
    static final ImageShape SHAPE = new ImageShape(3, 16, 16);
    /**
     * The bound on a sigmoid output's int8 error on these images: 8-bit steps of each of two layers
     * (about 1/255 of their range each) reach the logit as a few hundredths at most, and a sigmoid's
     * slope is at most 1/4.
     */
    static final double OUTPUT_BOUND = 0.02;

    /** conv 3->8 (3x3) -> batch norm -> relu -> conv 8->8 -> relu -> conv 8->1 (1x1) -> sigmoid; opset 13. */
    static byte[] net(long seed, int opset) {
        Random r = new Random(seed);
        OnnxGraph g = new OnnxGraph("tiny-qdq", opset);
        String x = g.input("image", ElementType.FLOAT, Dim.of("N"), Dim.of(3), Dim.of(16), Dim.of(16));
        String c1 = g.node("Conv", List.of(x, g.initializer("w1", gaussian(r, 8 * 3 * 9, 0.4), 8, 3, 3, 3),
                g.initializer("b1", gaussian(r, 8, 0.1), 8)), Attribute.ints("pads", 1, 1, 1, 1));
        String bn = g.node("BatchNormalization", List.of(c1, g.initializer("gamma", positive(r, 8), 8),
                g.initializer("beta", gaussian(r, 8, 0.1), 8), g.initializer("mean", gaussian(r, 8, 0.1), 8),
                g.initializer("var", positive(r, 8), 8)));
        String a1 = g.node("Relu", List.of(bn));
        String c2 = g.node("Conv", List.of(a1, g.initializer("w2", gaussian(r, 8 * 8 * 9, 0.2), 8, 8, 3, 3),
                g.initializer("b2", gaussian(r, 8, 0.1), 8)), Attribute.ints("pads", 1, 1, 1, 1));
        String a2 = g.node("Relu", List.of(c2));
        String c3 = g.node("Conv", List.of(a2, g.initializer("w3", gaussian(r, 8, 0.5), 1, 8, 1, 1)));
        g.output(g.node("Sigmoid", List.of(c3)), "mask", ElementType.FLOAT, Dim.of("N"), Dim.of(1), Dim.of(16),
                Dim.of(16));
        return g.toBytes();
    }

    static List<Image> images(int n, long seed) {
        Random r = new Random(seed);
        List<Image> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] v = new double[SHAPE.size()];
            for (int k = 0; k < v.length; k++) {
                v[k] = r.nextDouble();
            }
            out.add(Image.of(SHAPE, v));
        }
        return out;
    }

    private static float[] gaussian(Random r, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * scale);
        }
        return v;
    }

    private static float[] positive(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (0.5 + r.nextDouble());
        }
        return v;
    }

    @Test
    void writesQdqNodesWithInt8WeightsAndFoldsTheBatchNorm() throws Exception {
        QuantizedModel q = Int8Quantizer.builder().build().quantize(net(1, 13), images(8, 2));
        assertEquals(2, q.quantizedNodes());
        assertEquals(1, q.floatNodes(), "the output layer stays float32");
        assertEquals(1, q.foldedBatchNorms());
        OnnxMl.ModelProto m = OnnxMl.ModelProto.parseFrom(q.bytes());
        Map<String, Long> ops = new java.util.TreeMap<>();
        m.getGraph().getNodeList().forEach(n -> ops.merge(n.getOpType(), 1L, Long::sum));
        assertFalse(ops.containsKey("BatchNormalization"), ops.toString());
        // activations: the image, relu 1, relu 2 (each once, shared by its readers)
        assertEquals(3L, ops.get("QuantizeLinear"), ops.toString());
        // 3 activations, 2 weights, 2 biases
        assertEquals(7L, ops.get("DequantizeLinear"), ops.toString());
        long int8Weights = m.getGraph().getInitializerList().stream()
                .filter(t -> t.getDataType() == OnnxMl.TensorProto.DataType.INT8_VALUE && t.getDimsCount() == 4)
                .count();
        assertEquals(2, int8Weights);
        assertTrue(m.getMetadataPropsList().stream().anyMatch(p -> p.getKey().equals(Int8Quantizer.CALIBRATION_KEY)
                && p.getValue().equals(q.calibrationRecord())), "the calibration is in the model's metadata");
        assertTrue(q.calibrationRecord().startsWith("minmax over 8 images (sha256:"), q.calibrationRecord());
    }

    @Test
    void onnxRuntimeRunsTheQuantizedConvolutionsAsQLinearConv() {
        QuantizedModel q = Int8Quantizer.builder().build().quantize(net(1, 13), images(8, 2));
        Map<String, Integer> ops = OptimizedGraph.operators(q.bytes());
        int qlinear = ops.entrySet().stream().filter(e -> e.getKey().endsWith("QLinearConv"))
                .mapToInt(Map.Entry::getValue).sum();
        assertEquals(2, qlinear, ops.toString());
        Map<String, Integer> float32 = OptimizedGraph.operators(net(1, 13));
        assertFalse(float32.keySet().stream().anyMatch(k -> k.endsWith("QLinearConv")), float32.toString());
    }

    @Test
    void outputsStayWithinTheBoundOfFloat32OnOtherImages() {
        byte[] fp32 = net(3, 13);
        QuantizedModel q = Int8Quantizer.builder().build().quantize(fp32, images(16, 4));
        List<Image> test = images(6, 5);
        ImageBatch batch = batch(test);
        try (OnnxModel f = OnnxModel.builder(fp32).build(); OnnxModel i = OnnxModel.builder(q.bytes()).build()) {
            double[] a = f.predict(batch);
            double[] b = i.predict(batch);
            double max = 0;
            double any = 0;
            for (int k = 0; k < a.length; k++) {
                max = Math.max(max, Math.abs(a[k] - b[k]));
                any += Math.abs(a[k] - b[k]);
            }
            assertTrue(max <= OUTPUT_BOUND, "int8 differs from float32 by " + max);
            assertTrue(any > 0, "the int8 model computes something else than the float32 one (it is not a copy)");
        }
    }

    @Test
    void theSameCalibrationGivesTheSameBytesAndAnotherOneOthers() {
        byte[] fp32 = net(1, 13);
        Int8Quantizer quantizer = Int8Quantizer.builder().build();
        byte[] first = quantizer.quantize(fp32, images(8, 2)).bytes();
        assertArrayEquals(first, quantizer.quantize(fp32, images(8, 2)).bytes());
        assertFalse(Arrays.equals(first, quantizer.quantize(fp32, images(8, 3)).bytes()));
        QuantizedModel p = Int8Quantizer.builder().calibration(Calibration.percentile(99.9)).build()
                .quantize(fp32, images(8, 2));
        assertFalse(Arrays.equals(first, p.bytes()), "a percentile narrows the ranges");
        assertEquals("percentile 99.9", p.calibration().label());
    }

    @Test
    void theOutputLayerIsQuantizedWhenAskedFor() {
        QuantizedModel q = Int8Quantizer.builder().quantizeOutputLayer(true).build().quantize(net(1, 13), images(4, 2));
        assertEquals(3, q.quantizedNodes());
        assertEquals(0, q.floatNodes());
    }

    @Test
    void refusalsNameTheProblem() {
        Int8Quantizer quantizer = Int8Quantizer.builder().build();
        IllegalArgumentException opset = assertThrows(IllegalArgumentException.class,
                () -> quantizer.quantize(net(1, 11), images(2, 2)));
        assertTrue(opset.getMessage().contains("operator set 13"), opset.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> quantizer.quantize(net(1, 13), List.of()));
        assertTrue(none.getMessage().contains("calibration image"), none.getMessage());
        IllegalArgumentException bytes = assertThrows(IllegalArgumentException.class,
                () -> quantizer.quantize(new byte[] {1, 2, 3}, images(2, 2)));
        assertTrue(bytes.getMessage().contains("not a serialised ONNX model"), bytes.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Calibration.percentile(40));
        assertEquals(Precision.INT8, Precision.of("INT8"));
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class, () -> Precision.of("bf16"));
        assertTrue(label.getMessage().contains("float32 or int8"), label.getMessage());
    }

    static ImageBatch batch(List<Image> images) {
        double[] v = new double[images.size() * SHAPE.size()];
        for (int i = 0; i < images.size(); i++) {
            images.get(i).copyTo(v, i * SHAPE.size());
        }
        return new ImageBatch(SHAPE, images.size(), v);
    }
}
