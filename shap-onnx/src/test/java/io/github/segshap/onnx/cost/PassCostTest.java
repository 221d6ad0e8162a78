package io.github.segshap.onnx.cost;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.segshap.onnx.graph.OnnxGraph;
import io.github.segshap.onnx.graph.OnnxGraph.Attribute;
import io.github.segshap.onnx.graph.OnnxGraph.Dim;
import io.github.segshap.onnx.graph.OnnxGraph.ElementType;
import io.github.segshap.onnx.model.SessionSettings;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Multiply-add counts of small hand-built graphs against counts by hand. */
class PassCostTest {

    private static float[] weights(int n) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (i % 7 - 3) * 0.01f;
        }
        return w;
    }

    private static String image(OnnxGraph g, int c, String h, String w) {
        return g.input("x", ElementType.FLOAT, Dim.of("N"), Dim.of(c), Dim.of(h), Dim.of(w));
    }

    private static void out(OnnxGraph g, String v) {
        g.output(v, "y", ElementType.FLOAT, Dim.of("N"), Dim.of("C"), Dim.of("H"), Dim.of("W"));
    }

    @Test
    void aConvolutionCountsOutputsTimesKernelTimesInputChannels() {
        OnnxGraph g = new OnnxGraph("conv", 13);
        String x = image(g, 64, "H", "W");
        String y = g.node("Conv", List.of(x, g.initializer("w", weights(64 * 64 * 9), 64, 64, 3, 3),
                g.initializer("b", weights(64), 64)), Attribute.ints("pads", 1, 1, 1, 1));
        out(g, y);
        PassCost cost = PassCost.of(g.toBytes(), 1, 64, 128, 128);
        assertEquals(64L * 64 * 9 * 128 * 128, cost.macs());
        assertEquals(1, cost.layers().size());
        assertArrayEquals(new long[] {1, 64, 128, 128}, cost.layers().get(0).outputDims());
        // the same graph at another size: shapes come from the run, not the declaration
        assertEquals(64L * 64 * 9 * 30 * 20, PassCost.of(g.toBytes(), 1, 64, 30, 20).macs());
    }

    @Test
    void groupsStridesAndTransposedConvolutionsAreCountedWithTheirShapes() {
        OnnxGraph g = new OnnxGraph("chain", 13);
        String x = image(g, 8, "H", "W");
        // 8 -> 8, 4 groups of 2 channels, 3x3, no padding: 10x10 -> 8x8
        String a = g.node("Conv", List.of(x, g.initializer("w1", weights(8 * 2 * 9), 8, 2, 3, 3)),
                Attribute.integer("group", 4));
        String r = g.node("Relu", List.of(a));
        // 8 -> 16, 3x3, stride 2, pads 1: 8x8 -> 4x4
        String b = g.node("Conv", List.of(r, g.initializer("w2", weights(16 * 8 * 9), 16, 8, 3, 3)),
                Attribute.ints("strides", 2, 2), Attribute.ints("pads", 1, 1, 1, 1));
        // transposed 16 -> 4, kernel 2, stride 2: 4x4 -> 8x8
        String t = g.node("ConvTranspose", List.of(b, g.initializer("w3", weights(16 * 4 * 4), 16, 4, 2, 2)),
                Attribute.ints("strides", 2, 2));
        out(g, t);
        PassCost cost = PassCost.of(g.toBytes(), 1, 8, 10, 10);
        long conv1 = 8L * 8 * 8 * (2 * 9);
        long conv2 = 16L * 4 * 4 * (8 * 9);
        long transposed = 16L * 4 * 4 * (4 * 4);
        assertEquals(List.of(conv1, conv2, transposed), cost.layers().stream().map(Layer::macs).toList());
        assertEquals(conv1 + conv2 + transposed, cost.macs());
        assertArrayEquals(new long[] {1, 4, 8, 8}, cost.layers().get(2).outputDims());
        assertArrayEquals(new long[] {1, 16, 4, 4}, cost.layers().get(2).inputDims(0));
        assertEquals(3, cost.distinct().size());
    }

    @Test
    void matrixProductsCountTheInnerDimension() {
        OnnxGraph g = new OnnxGraph("dense", 13);
        String x = g.input("x", ElementType.FLOAT, Dim.of("N"), Dim.of(6));
        String m = g.node("MatMul", List.of(x, g.initializer("w", weights(6 * 7), 6, 7)));
        String y = g.node("Gemm", List.of(m, g.initializer("v", weights(5 * 7), 5, 7), g.initializer("c",
                weights(5), 5)), Attribute.integer("transB", 1));
        g.output(y, "y", ElementType.FLOAT, Dim.of("N"), Dim.of(5));
        PassCost cost = PassCost.of(g.toBytes(), 1, 6);
        assertEquals(List.of(6L * 7, 7L * 5), cost.layers().stream().map(Layer::macs).toList());
    }

    @Test
    void equalLayersShareAGroup() {
        OnnxGraph g = new OnnxGraph("twins", 13);
        String x = image(g, 4, "H", "W");
        String a = g.node("Conv", List.of(x, g.initializer("w", weights(4 * 4 * 9), 4, 4, 3, 3)),
                Attribute.ints("pads", 1, 1, 1, 1));
        String b = g.node("Conv", List.of(a, g.initializer("v", weights(4 * 4 * 9), 4, 4, 3, 3)),
                Attribute.ints("pads", 1, 1, 1, 1));
        String c = g.node("Conv", List.of(b, g.initializer("u", weights(4 * 4 * 9), 4, 4, 3, 3)),
                Attribute.ints("pads", 0, 0, 0, 0));
        out(g, c);
        Map<String, List<Layer>> groups = PassCost.of(g.toBytes(), 1, 4, 12, 12).distinct();
        assertEquals(List.of(2, 1), groups.values().stream().map(List::size).toList());
    }

    @Test
    void aLayerAloneRunsAtTheBatchAskedFor() throws OrtException {
        OnnxGraph g = new OnnxGraph("conv", 13);
        String x = image(g, 3, "H", "W");
        out(g, g.node("Conv", List.of(x, g.initializer("w", weights(5 * 3 * 9), 5, 3, 3, 3)),
                Attribute.ints("pads", 1, 1, 1, 1)));
        Layer layer = PassCost.of(g.toBytes(), 1, 3, 9, 7).layers().get(0);
        assertEquals(List.of("x"), layer.aloneInputs());
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> in = new HashMap<>();
        try (OrtSession.SessionOptions o = SessionSettings.DEFAULTS.withIntraOpThreads(1).toOptions();
             OrtSession s = env.createSession(layer.alone(6), o)) {
            long[] dims = layer.aloneInputDims("x", 6);
            assertArrayEquals(new long[] {6, 3, 9, 7}, dims);
            in.put("x", OnnxTensor.createTensor(env, FloatBuffer.allocate(6 * 3 * 9 * 7), dims));
            try (OrtSession.Result r = s.run(in)) {
                assertArrayEquals(new long[] {6, 5, 9, 7}, ((OnnxTensor) r.get(layer.outputName()).get()).getInfo()
                        .getShape());
            }
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    @Test
    void refusalsNameTheProblem() {
        IllegalArgumentException notModel = assertThrows(IllegalArgumentException.class,
                () -> PassCost.of(new byte[] {1, 2, 3, 4, 5}, 1, 3, 4, 4));
        assertTrue(notModel.getMessage().contains("not an ONNX model"), notModel.getMessage());
        OnnxGraph g = new OnnxGraph("two", 13);
        String x = image(g, 3, "H", "W");
        String z = g.input("z", ElementType.FLOAT, Dim.of("N"), Dim.of(3), Dim.of("H"), Dim.of("W"));
        out(g, g.node("Add", List.of(x, z)));
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                () -> PassCost.of(g.toBytes(), 1, 3, 4, 4));
        assertTrue(two.getMessage().contains("[x, z]"), two.getMessage());
        OnnxGraph h = new OnnxGraph("conv", 13);
        out(h, h.node("Conv", List.of(image(h, 3, "H", "W"), h.initializer("w", weights(27), 1, 3, 3, 3))));
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> PassCost.of(h.toBytes(), 1, 5, 4, 4));
        assertTrue(size.getMessage().contains("[1, 5, 4, 4]"), size.getMessage());
    }
}
