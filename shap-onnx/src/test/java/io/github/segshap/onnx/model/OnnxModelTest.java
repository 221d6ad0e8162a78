package io.github.segshap.onnx.model;

import io.github.segshap.core.image.Layout;
import io.github.segshap.core.explainers.ExactExplainer;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.masking.BackgroundMasker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.players.Players;
import io.github.segshap.onnx.graph.OnnxGraph.Dim;
import io.github.segshap.onnx.model.TinyConvNet.Variant;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OnnxModel against the same network evaluated by hand in plain Java. */
class OnnxModelTest {
    private static final double TOLERANCE = 1e-5;
    private static final ImageShape SHAPE = new ImageShape(3, 10, 12);

    @Test
    void sigmoidNetPredictsWhatTheHandEvaluationDoes() {
        TinyConvNet net = new TinyConvNet(3, 4, 1, 1);
        try (OnnxModel m = OnnxModel.builder(net.onnx(Variant.NCHW)).build()) {
            assertEquals(Layout.NCHW, m.inputSpec().layout());
            assertEquals("image", m.inputName());
            assertEquals("mask", m.outputName());
            assertTrue(m.fixedBatch().isEmpty());
            assertEquals(OutputShape.of(1, 10, 12), m.outputShape(SHAPE));
            assertClose(net.reference(10, 12), m, TinyConvNet.randomBatch(SHAPE, 5, 2));
        }
    }

    @Test
    void channelsLastModelIsDetectedAndAgrees() {
        TinyConvNet net = new TinyConvNet(3, 4, 1, 3);
        try (OnnxModel m = OnnxModel.builder(net.onnx(Variant.NHWC)).build()) {
            assertEquals(Layout.NHWC, m.inputSpec().layout());
            assertEquals(Layout.NHWC, m.outputLayout(SHAPE));
            assertEquals(OutputShape.of(1, 10, 12), m.outputShape(SHAPE));
            assertClose(net.reference(10, 12), m, TinyConvNet.randomBatch(SHAPE, 4, 4));
        }
    }

    @Test
    void aChannelsLastModelTakesChannelsLastBatchesAsTheyAreAndConvertsOthers() {
        TinyConvNet net = new TinyConvNet(3, 5, 2, 21);
        try (OnnxModel m = OnnxModel.builder(net.onnx(Variant.NHWC)).build()) {
            ImageBatch first = TinyConvNet.randomBatch(SHAPE, 3, 22);
            ImageBatch last = first.in(Layout.NHWC);
            assertEquals(Layout.NHWC, last.layout());
            assertArrayEquals(m.predict(first), m.predict(last), "the same numbers from either layout, bit for bit");
            assertClose(net.reference(10, 12), m, first);
        }
    }

    @Test
    void theOnnxFormatIsFoundOnTheClassPathAndReadsOnnxFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.util.List<io.github.segshap.core.model.ModelFormat> formats = io.github.segshap.core.model.ModelFormat.available();
        assertTrue(formats.stream().anyMatch(f -> f instanceof OnnxModelFormat), formats.toString());
        java.nio.file.Path file = dir.resolve("net.bin");
        java.nio.file.Files.write(file, new TinyConvNet(3, 4, 1, 1).onnx(Variant.NCHW));
        byte[] head = java.util.Arrays.copyOf(java.nio.file.Files.readAllBytes(file), 8);
        io.github.segshap.core.model.ModelFormat onnx = io.github.segshap.core.model.ModelFormat.forFile(file, head)
                .orElseThrow();
        assertEquals("ONNX", onnx.name());
        assertTrue(!onnx.reads(dir.resolve("model.zip"), new byte[] {'P', 'K', 3, 4}), "not a zip");
        io.github.segshap.core.model.ModelFormat.Loaded loaded = onnx.load(file,
                io.github.segshap.core.model.ModelFormat.Options.DEFAULTS);
        try (io.github.segshap.core.model.Model m = loaded.model()) {
            assertEquals("ONNX model net.bin (input 'image' [-1, 3, -1, -1] NCHW, output 'mask')", loaded.description());
            assertEquals(io.github.segshap.core.provenance.Fingerprint.ofFile(file), loaded.fingerprint());
            assertEquals(OutputShape.of(1, 10, 12), m.outputShape(SHAPE));
        }
    }

    @Test
    void twoClassSoftmaxKeepsOnePlanePerClass() {
        TinyConvNet net = new TinyConvNet(3, 5, 2, 5);
        try (OnnxModel m = OnnxModel.builder(net.onnx(Variant.NCHW)).build()) {
            assertEquals(OutputShape.of(2, 10, 12), m.outputShape(SHAPE));
            ImageBatch batch = TinyConvNet.randomBatch(SHAPE, 3, 6);
            assertClose(net.reference(10, 12), m, batch);
            double[] p = m.predict(batch);
            assertEquals(1.0, p[7] + p[120 + 7], 1e-6, "the two classes' probabilities add up to 1");
        }
    }

    @Test
    void softmaxOverChannelsLastIsReadAsPlanes() {
        TinyConvNet net = new TinyConvNet(3, 5, 2, 15);
        try (OnnxModel m = OnnxModel.builder(net.onnx(Variant.NHWC)).build()) {
            assertEquals(OutputShape.of(2, 10, 12), m.outputShape(SHAPE));
            assertClose(net.reference(10, 12), m, TinyConvNet.randomBatch(SHAPE, 2, 16));
        }
    }

    @Test
    void float64InputsAreFedAsDoubles() {
        TinyConvNet net = new TinyConvNet(3, 4, 1, 7);
        try (OnnxModel m = OnnxModel.builder(net.onnx(Variant.DOUBLE_INPUT)).build()) {
            assertEquals(ai.onnxruntime.OnnxJavaType.DOUBLE, m.inputType());
            assertClose(net.reference(10, 12), m, TinyConvNet.randomBatch(SHAPE, 3, 8));
        }
    }

    @Test
    void fixedBatchOneRunsOneImageACall() {
        TinyConvNet net = new TinyConvNet(3, 4, 1, 9);
        byte[] onnx = net.onnx(Variant.NCHW, Dim.of(1), Dim.of(10), Dim.of(12));
        try (OnnxModel m = OnnxModel.builder(onnx).build()) {
            assertEquals(1, m.fixedBatch().orElseThrow());
            assertEquals(1, m.subBatchSize(SHAPE));
            assertClose(net.reference(10, 12), m, TinyConvNet.randomBatch(SHAPE, 4, 10));
        }
    }

    @Test
    void fixedBatchThreePadsTheLastRunAndDropsTheExtraRows() {
        TinyConvNet net = new TinyConvNet(3, 4, 2, 11);
        byte[] onnx = net.onnx(Variant.NCHW, Dim.of(3), Dim.of("H"), Dim.of("W"));
        try (OnnxModel m = OnnxModel.builder(onnx).build()) {
            assertEquals(3, m.fixedBatch().orElseThrow());
            for (int count : new int[] {1, 3, 7}) {
                assertClose(net.reference(10, 12), m, TinyConvNet.randomBatch(SHAPE, count, 12 + count));
            }
        }
    }

    @Test
    void aSmallMemoryBudgetSplitsBatchesWithoutChangingPredictions() {
        TinyConvNet net = new TinyConvNet(3, 4, 1, 13);
        byte[] onnx = net.onnx(Variant.NCHW);
        ImageBatch batch = TinyConvNet.randomBatch(SHAPE, 9, 14);
        try (OnnxModel big = OnnxModel.builder(onnx).build();
             OnnxModel small = OnnxModel.builder(onnx).memoryBudget(3L * OnnxModel.ACTIVATION_FACTOR * 4 * 480)
                     .intraOpThreads(1).build()) {
            assertEquals(9, Math.min(9, big.subBatchSize(SHAPE)));
            assertTrue(big.subBatchSize(SHAPE) >= 9);
            int sub = small.subBatchSize(SHAPE);
            assertTrue(sub >= 1 && sub < 9, "sub-batch " + sub);
            assertArrayEquals(big.predict(batch), small.predict(batch), 0.0);
        }
    }

    @Test
    void concurrentPredictionsEqualSequentialOnes() throws Exception {
        TinyConvNet net = new TinyConvNet(3, 4, 1, 17);
        try (OnnxModel m = OnnxModel.builder(net.onnx(Variant.NCHW)).intraOpThreads(1).build()) {
            assertTrue(m.isThreadSafe());
            List<ImageBatch> batches = new ArrayList<>();
            List<double[]> expected = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                batches.add(TinyConvNet.randomBatch(SHAPE, 1 + i % 3, 100 + i));
                expected.add(m.predict(batches.get(i)));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<double[]>> futures = new ArrayList<>();
                for (int round = 0; round < 4; round++) {
                    for (ImageBatch b : batches) {
                        futures.add(pool.submit(() -> m.predict(b)));
                    }
                }
                for (int i = 0; i < futures.size(); i++) {
                    assertArrayEquals(expected.get(i % batches.size()), futures.get(i).get(), 0.0);
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void explanationsEqualExactEnumerationOverTheHandEvaluatedNetwork() {
        TinyConvNet net = new TinyConvNet(3, 4, 2, 19);
        ImageShape shape = new ImageShape(3, 8, 9);
        List<Image> background = images(shape, 4, 20);
        Image image = images(shape, 1, 21).get(0);
        Players players = Players.perChannel(shape);
        Model reference = net.reference(8, 9);
        try (OnnxModel m = OnnxModel.builder(net.onnx(Variant.NHWC)).build()) {
            Explanation viaOnnx = ExactExplainer.builder(m, players, BackgroundMasker.of(background)).threads(2).build()
                    .explain(image);
            Explanation byHand = exactByEnumeration(reference, players, background, image);
            assertEquals(byHand.outputShape(), viaOnnx.outputShape());
            for (int p = 0; p < players.count(); p++) {
                assertArrayEquals(byHand.values(p), viaOnnx.values(p), TOLERANCE, "player " + p);
            }
            assertArrayEquals(byHand.baseValues(), viaOnnx.baseValues(), TOLERANCE);
            viaOnnx.checkAdditivity(1e-9);
        }
    }

    /**
     * Shapley values by direct enumeration of the coalitions of channels, each masked coalition
     * averaged over the background (the interventional game), evaluated with {@code model}.
     */
    private static Explanation exactByEnumeration(Model model, Players players, List<Image> background, Image image) {
        ImageShape shape = image.shape();
        int m = players.count();
        int k = model.outputShape(shape).size();
        double[][] v = new double[1 << m][];
        for (int s = 0; s < 1 << m; s++) {
            double[] masked = new double[background.size() * shape.size()];
            for (int b = 0; b < background.size(); b++) {
                for (int c = 0; c < shape.channels(); c++) {
                    boolean present = (s >> c & 1) == 1; // one player per channel
                    for (int i = 0; i < shape.height(); i++) {
                        for (int j = 0; j < shape.width(); j++) {
                            masked[b * shape.size() + shape.index(c, i, j)] = present ? image.get(c, i, j)
                                    : background.get(b).get(c, i, j);
                        }
                    }
                }
            }
            double[] out = model.predict(new ImageBatch(shape, background.size(), masked));
            v[s] = new double[k];
            for (int b = 0; b < background.size(); b++) {
                for (int q = 0; q < k; q++) {
                    v[s][q] += out[b * k + q] / background.size();
                }
            }
        }
        double[][] phi = new double[m][k];
        for (int p = 0; p < m; p++) {
            for (int s = 0; s < 1 << m; s++) {
                if ((s >> p & 1) == 1) {
                    continue;
                }
                int size = Integer.bitCount(s);
                double weight = factorial(size) * factorial(m - size - 1) / factorial(m);
                for (int q = 0; q < k; q++) {
                    phi[p][q] += weight * (v[s | 1 << p][q] - v[s][q]);
                }
            }
        }
        return Explanation.builder(players.names(), model.outputShape(shape)).baseValues(v[0]).values(phi)
                .outputs(v[(1 << m) - 1]).explainer("enumeration").build();
    }

    private static double factorial(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }

    static List<Image> images(ImageShape shape, int count, long seed) {
        ImageBatch b = TinyConvNet.randomBatch(shape, count, seed);
        List<Image> out = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            out.add(Image.of(shape, Arrays.copyOfRange(b.values(), n * shape.size(), (n + 1) * shape.size())));
        }
        return out;
    }

    static void assertClose(Model expected, Model actual, ImageBatch batch) {
        double[] e = expected.predict(batch);
        double[] a = actual.predict(batch);
        assertEquals(e.length, a.length, "output length");
        double max = 0;
        for (int i = 0; i < e.length; i++) {
            max = Math.max(max, Math.abs(e[i] - a[i]));
        }
        assertTrue(max <= TOLERANCE, "max difference " + max + " over " + e.length + " outputs");
    }
}
