package io.github.segshap.dl4j.model;

import io.github.segshap.core.explainers.ExactExplainer;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.image.Layout;
import io.github.segshap.core.masking.BackgroundMasker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.players.Players;
import io.github.segshap.dl4j.TestNets;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.github.segshap.dl4j.model.ModelFixtures.SHAPE;
import static io.github.segshap.dl4j.model.ModelFixtures.batchValues;
import static io.github.segshap.dl4j.model.ModelFixtures.expected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter: predictions like DL4J's own, batches by the one memory budget, memory, closing. */
class Dl4jModelTest {
    @Test
    void multiLayerNetworkPredictsSigmoidMapsLikeDl4j() {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 1);
        Dl4jModel model = Dl4jModel.of(net);
        assertEquals(OutputShape.of(1, 6, 5), model.outputShape(SHAPE));
        assertEquals(java.util.OptionalInt.of(3), model.inputSpec().channels());
        assertEquals(Layout.NCHW, model.inputSpec().layout());
        List<Image> images = TestNets.images(7, SHAPE, 1);
        double[] out = model.predict(new ImageBatch(SHAPE, 7, batchValues(images)));
        assertArrayEquals(expected(net, images), out, 1e-6);
    }

    @Test
    void computationGraphPredictsLikeDl4j() {
        ComputationGraph net = TestNets.convGraph(3, 6, 5, 2);
        Dl4jModel model = Dl4jModel.of(net);
        assertEquals(java.util.OptionalInt.of(3), model.inputSpec().channels());
        List<Image> images = TestNets.images(5, SHAPE, 2);
        double[] out = model.predict(new ImageBatch(SHAPE, 5, batchValues(images)));
        assertArrayEquals(expected(net, images), out, 1e-6);
    }

    @Test
    void softmaxOutputsOneMapPerClass() {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 4, 3, CNN2DFormat.NCHW);
        Dl4jModel model = Dl4jModel.of(net);
        assertEquals(OutputShape.of(4, 6, 5), model.outputShape(SHAPE));
        double[] out = model.predict(TestNets.images(1, SHAPE, 3).get(0));
        for (int p = 0; p < 30; p++) {
            double sum = 0;
            for (int c = 0; c < 4; c++) {
                sum += out[c * 30 + p];
            }
            assertEquals(1.0, sum, 1e-5, "pixel " + p + " class probabilities sum to 1");
        }
    }

    @Test
    void memoryBudgetSplitsBatchesWithoutChangingResults() {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 5);
        Dl4jModel big = Dl4jModel.of(net);
        Dl4jModel tiny = Dl4jModel.builder(net).memoryBudget(1).build();
        assertEquals(1, tiny.subBatchSize(SHAPE));
        assertTrue(big.subBatchSize(SHAPE) > 100);
        List<Image> images = TestNets.images(6, SHAPE, 5);
        ImageBatch batch = new ImageBatch(SHAPE, 6, batchValues(images));
        assertArrayEquals(big.predict(batch), tiny.predict(batch), 1e-6);
    }

    @Test
    void repeatedCallsLeakNeitherWorkspacesNorOffHeapMemory() {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 7);
        Dl4jModel model = Dl4jModel.of(net);
        ImageBatch batch = new ImageBatch(SHAPE, 64, batchValues(TestNets.images(64, SHAPE, 7)));
        for (int i = 0; i < 10; i++) {
            model.predict(batch);
        }
        long before = Pointer.totalBytes();
        for (int i = 0; i < 100; i++) {
            model.predict(batch);
        }
        long grown = Pointer.totalBytes() - before;
        assertFalse(Nd4j.getWorkspaceManager().anyWorkspaceActiveForCurrentThread(),
                "no workspace stays open after predict");
        // 100 calls allocate 100 x 64 x (90 + 30) x 4 bytes = 3 MB of inputs and outputs if nothing were freed
        assertTrue(grown < 500_000, "off-heap memory grew by " + grown + " bytes over 100 calls");
    }

    @Test
    void outputConvenienceAcceptsArrays() {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 8);
        Dl4jModel model = Dl4jModel.of(net);
        List<Image> images = TestNets.images(2, SHAPE, 8);
        INDArray out = model.output(io.github.segshap.dl4j.images.Images.toArray(images));
        assertArrayEquals(new long[] {2, 1, 6, 5}, out.shape());
        assertArrayEquals(expected(net, images), out.data().asDouble(), 1e-6);
    }

    @Test
    void theModelOwnsOneBudgetAndTheExplainersBatchesFitIt() {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 10);
        assertEquals(Model.DEFAULT_MEMORY_BUDGET, Dl4jModel.of(net).memoryBudget());
        Dl4jModel model = Dl4jModel.builder(net).memoryBudget(20_000).build();
        assertEquals(20_000, model.memoryBudget());
        long perImage = model.bytesPerImage(SHAPE);
        assertTrue(perImage > 12L * SHAPE.size() + 8L * 30, "activations counted: " + perImage);
        assertEquals(Model.imagesWithin(20_000, perImage), model.subBatchSize(SHAPE));
        int sub = model.subBatchSize(SHAPE);
        assertTrue(sub > 1 && sub < 16, "a budget of a few images: " + sub);

        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        Model recording = new Model() {
            @Override
            public OutputShape outputShape(ImageShape input) {
                return model.outputShape(input);
            }

            @Override
            public double[] predict(ImageBatch batch) {
                sizes.add(batch.count());
                return model.predict(batch);
            }

            @Override
            public boolean isThreadSafe() {
                return true;
            }

            @Override
            public long memoryBudget() {
                return model.memoryBudget();
            }

            @Override
            public long bytesPerImage(ImageShape input) {
                return model.bytesPerImage(input);
            }
        };
        List<Image> background = TestNets.images(8, SHAPE, 10);
        Explanation e = ExactExplainer.builder(recording, Players.perChannel(SHAPE), BackgroundMasker.of(background))
                .build().explain(TestNets.images(1, SHAPE, 20).get(0));
        assertTrue(sizes.stream().allMatch(n -> n <= sub), "every batch is one network call of <= " + sub + ": " + sizes);
        assertEquals(sub, sizes.stream().mapToInt(Integer::intValue).max().orElseThrow(), "the batches fill the budget");
        Explanation big = ExactExplainer.builder(Dl4jModel.of(net), Players.perChannel(SHAPE),
                BackgroundMasker.of(background)).build().explain(TestNets.images(1, SHAPE, 20).get(0));
        assertArrayEquals(big.baseValues(), e.baseValues(), 1e-6);
        for (int p = 0; p < 3; p++) {
            assertArrayEquals(big.values(p), e.values(p), 1e-6, "player " + p);
        }
    }

    @Test
    void aClosedModelRefusesWorkAndNamesItself() {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 21);
        List<Image> images = TestNets.images(2, SHAPE, 21);
        ImageBatch batch = new ImageBatch(SHAPE, 2, batchValues(images));
        Dl4jModel model = Dl4jModel.builder(net).replicas(2).build();
        double[] before = model.predict(batch);
        assertFalse(model.isClosed());
        try (Dl4jModel closing = model) {
            assertTrue(closing.toString().startsWith("Dl4jModel(MultiLayerNetwork of "), closing.toString());
        }
        assertTrue(model.isClosed());
        model.close(); // idempotent
        List<org.junit.jupiter.api.function.Executable> uses = List.of(
                () -> model.predict(batch),
                () -> model.predict(images.get(0)),
                () -> model.output(images),
                () -> model.outputShape(SHAPE),
                () -> model.requireCompatible(SHAPE),
                () -> model.inputSpec(SHAPE),
                () -> model.subBatchSize(SHAPE),
                () -> model.bytesPerImage(SHAPE));
        for (org.junit.jupiter.api.function.Executable use : uses) {
            IllegalStateException e = assertThrows(IllegalStateException.class, use);
            assertTrue(e.getMessage().startsWith(model + " is closed"), e.getMessage());
        }
        assertEquals(Layout.NCHW, model.inputSpec().layout(), "the configuration still answers");
        assertEquals(java.util.OptionalInt.of(3), model.inputSpec().channels());
        assertFalse(net.params().wasClosed(), "the network given to the builder is not closed");
        assertArrayEquals(before, Dl4jModel.of(net).predict(batch), 0.0, "the network still predicts");
    }
}
