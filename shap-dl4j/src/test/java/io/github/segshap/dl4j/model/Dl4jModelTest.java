package io.github.segshap.dl4j.model;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.dl4j.TestNets;
import io.github.segshap.dl4j.zoo.UNet;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Dl4jModelTest {
    private static final ImageShape SHAPE = new ImageShape(3, 6, 5);

    private static double[] batchValues(List<Image> images) {
        int size = images.get(0).shape().size();
        double[] v = new double[images.size() * size];
        for (int i = 0; i < images.size(); i++) {
            images.get(i).copyTo(v, i * size);
        }
        return v;
    }

    private static double[] expected(org.deeplearning4j.nn.api.NeuralNetwork net, List<Image> images) {
        List<Double> all = new ArrayList<>();
        for (Image im : images) {
            for (double d : TestNets.dl4jOutput(net, im)) {
                all.add(d);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void multiLayerNetworkPredictsSigmoidMapsLikeDl4j() {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 1);
        Dl4jModel model = Dl4jModel.of(net);
        assertEquals(OutputShape.of(1, 6, 5), model.outputShape(SHAPE));
        assertEquals(3, model.expectedChannels());
        assertEquals(Dl4jModel.Layout.NCHW, model.layout());
        List<Image> images = TestNets.images(7, SHAPE, 1);
        double[] out = model.predict(new ImageBatch(SHAPE, 7, batchValues(images)));
        assertArrayEquals(expected(net, images), out, 1e-6);
    }

    @Test
    void computationGraphPredictsLikeDl4j() {
        ComputationGraph net = TestNets.convGraph(3, 6, 5, 2);
        Dl4jModel model = Dl4jModel.of(net);
        assertEquals(3, model.expectedChannels());
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
    void channelsLastNetworkTakesTheSameImages() {
        MultiLayerNetwork nchw = TestNets.convNet(3, 6, 5, 2, 4, CNN2DFormat.NCHW);
        MultiLayerNetwork nhwc = TestNets.convNet(3, 6, 5, 2, 4, CNN2DFormat.NHWC);
        nhwc.setParams(nchw.params().dup());
        Dl4jModel a = Dl4jModel.of(nchw);
        Dl4jModel b = Dl4jModel.of(nhwc);
        assertEquals(Dl4jModel.Layout.NHWC, b.layout());
        assertEquals(OutputShape.of(2, 6, 5), b.outputShape(SHAPE));
        List<Image> images = TestNets.images(3, SHAPE, 4);
        ImageBatch batch = new ImageBatch(SHAPE, 3, batchValues(images));
        assertArrayEquals(a.predict(batch), b.predict(batch), 1e-6);
    }

    @Test
    void memoryBudgetSplitsBatchesWithoutChangingResults() {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 5);
        Dl4jModel big = Dl4jModel.of(net);
        Dl4jModel tiny = Dl4jModel.builder(net).batchBytes(1).build();
        assertEquals(1, tiny.subBatchSize(SHAPE));
        assertTrue(big.subBatchSize(SHAPE) > 100);
        List<Image> images = TestNets.images(6, SHAPE, 5);
        ImageBatch batch = new ImageBatch(SHAPE, 6, batchValues(images));
        assertArrayEquals(big.predict(batch), tiny.predict(batch), 1e-6);
    }

    @Test
    void concurrentCallsGiveTheSameNumbers() throws Exception {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 6);
        Dl4jModel model = Dl4jModel.builder(net).replicas(2).build();
        List<Image> images = TestNets.images(20, SHAPE, 6);
        double[] expected = expected(net, images);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> model.predict(new ImageBatch(SHAPE, 20, batchValues(images)))));
            }
            for (Future<double[]> f : futures) {
                assertArrayEquals(expected, f.get(), 1e-6);
            }
        } finally {
            pool.shutdownNow();
        }
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
    void paddedShapeIsTheSmallestSizeTheUNetTakes() {
        Dl4jModel depth2 = Dl4jModel.of(UNet.builder().filters(2).kernel(3).depth(2).inputShape(2, 16, 16).build());
        Dl4jModel depth4 = Dl4jModel.of(UNet.builder().filters(2).kernel(3).depth(4).inputShape(2, 16, 16).build());
        assertEquals(new ImageShape(2, 16, 16), depth2.paddedShape(new ImageShape(2, 16, 16)));
        assertEquals(new ImageShape(2, 12, 16), depth2.paddedShape(new ImageShape(2, 11, 13)));
        assertEquals(new ImageShape(2, 16, 16), depth4.paddedShape(new ImageShape(2, 11, 13)));
        assertEquals(new ImageShape(2, 112, 112), depth4.paddedShape(new ImageShape(2, 101, 101)));
        assertThrows(IncompatibleInputException.class, () -> depth2.paddedShape(new ImageShape(3, 11, 13)));
    }

    @Test
    void wrongChannelCountIsNamed() {
        Dl4jModel model = Dl4jModel.of(TestNets.convNet(3, 6, 5, 9));
        IncompatibleInputException e = assertThrows(IncompatibleInputException.class,
                () -> model.outputShape(new ImageShape(4, 6, 5)));
        assertTrue(e.getMessage().contains("takes 3 input channels but the images have 4"), e.getMessage());
    }

    @Test
    void sizeTheUNetCannotTakeSuggestsPadding() {
        ComputationGraph unet = UNet.builder().filters(2).kernel(3).inputShape(2, 8, 8).build();
        Dl4jModel model = Dl4jModel.of(unet);
        assertEquals(OutputShape.of(1, 8, 8), model.outputShape(new ImageShape(2, 8, 8)));
        IncompatibleInputException e = assertThrows(IncompatibleInputException.class,
                () -> model.outputShape(new ImageShape(2, 10, 9)));
        assertTrue(e.getMessage().contains("cannot take 10x9 images"), e.getMessage());
        assertTrue(e.getMessage().contains("multiples of 4"), e.getMessage());
        assertTrue(e.getMessage().contains("pad the images to 12x12"), e.getMessage());
        assertEquals(12, e.suggestedHeight().orElseThrow());
        assertEquals(12, e.suggestedWidth().orElseThrow());
    }
}
