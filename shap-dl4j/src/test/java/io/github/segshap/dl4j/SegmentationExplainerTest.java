package io.github.segshap.dl4j;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.segmentation.ExplainerKind;
import io.github.segshap.dl4j.images.Images;
import io.github.segshap.core.padding.BoundaryMode;
import io.github.segshap.core.padding.Padding;
import io.github.segshap.dl4j.model.Dl4jModel;
import io.github.segshap.dl4j.model.Dl4jModels;
import io.github.segshap.core.model.IncompatibleInputException;
import io.github.segshap.zoo.UNet;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentationExplainerTest {
    private static final ImageShape SHAPE = new ImageShape(3, 6, 5);

    @Test
    void contributionsAddUpToTheDl4jPrediction() {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 11);
        List<Image> images = TestNets.images(8, SHAPE, 11);
        Explanations out = SegmentationExplainer.explain(net, images);
        assertEquals(8, out.size());
        for (int i = 0; i < out.size(); i++) {
            Explanation e = out.get(i);
            assertEquals(List.of("channel 0", "channel 1", "channel 2"), e.playerNames());
            assertEquals(OutputShape.of(1, 6, 5), e.outputShape());
            assertEquals("exact", e.explainer());
            double[] direct = TestNets.dl4jOutput(net, images.get(i));
            double[] base = e.baseValues();
            for (int k = 0; k < direct.length; k++) {
                double sum = base[k] + e.value(0, k) + e.value(1, k) + e.value(2, k);
                assertEquals(direct[k], sum, 1e-5, "image " + i + " output " + k);
            }
            assertTrue(e.maxAbsResidual() < 1e-12);
        }
    }

    @Test
    void aChannelTheNetworkIgnoresGetsZero() {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 12);
        TestNets.ignoreChannel(net, 1);
        Explanations out = SegmentationExplainer.explain(net, TestNets.images(6, SHAPE, 12));
        for (Explanation e : out.all()) {
            for (double v : e.values(1)) {
                assertEquals(0, v, 1e-6);
            }
            double other = 0;
            for (double v : e.values(0)) {
                other = Math.max(other, Math.abs(v));
            }
            assertTrue(other > 1e-3, "the used channel has a visible contribution");
        }
    }

    @Test
    void channelsEnteringIdenticallyGetEqualContributions() {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 13);
        TestNets.copyChannelWeights(net, 0, 2);
        List<Image> images = new ArrayList<>();
        for (Image im : TestNets.images(6, SHAPE, 13)) {
            double[] v = im.toArray();
            System.arraycopy(v, 0, v, 2 * SHAPE.pixels(), SHAPE.pixels());
            images.add(Image.of(SHAPE, v));
        }
        for (Explanation e : SegmentationExplainer.explain(net, images).all()) {
            assertArrayEquals(e.values(0), e.values(2), 1e-6);
        }
    }

    @Test
    void dl4jPathEqualsThePlainCoreModel() {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 14);
        Model plain = Model.of(OutputShape.of(1, 6, 5), (ImageBatch b) -> {
            INDArray in = Nd4j.create(b.toFloatArray(), new long[] {b.count(), 3, 6, 5}, 'c');
            synchronized (net) {
                return net.output(in, false).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c')
                        .data().asDouble();
            }
        });
        List<Image> images = TestNets.images(5, SHAPE, 14);
        Explanations a = SegmentationExplainer.explain(net, images);
        Explanations b = SegmentationExplainer.explain(plain, images);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(b.get(i).baseValues(), a.get(i).baseValues(), 1e-6);
            assertArrayEquals(b.get(i).outputs(), a.get(i).outputs(), 1e-6);
            for (int p = 0; p < 3; p++) {
                assertArrayEquals(b.get(i).values(p), a.get(i).values(p), 1e-6);
            }
        }
    }

    @Test
    void aSavedAndReloadedModelExplainsIdentically(@TempDir Path dir) throws Exception {
        ComputationGraph net = TestNets.convGraph(3, 6, 5, 15);
        Path file = dir.resolve("model.zip");
        ModelSerializer.writeModel(net, file.toFile(), false);
        assertInstanceOf(ComputationGraph.class, Dl4jModels.load(file));
        MultiLayerNetwork mln = TestNets.convNet(3, 6, 5, 15);
        ModelSerializer.writeModel(mln, dir.resolve("mln.zip").toFile(), false);
        assertInstanceOf(MultiLayerNetwork.class, Dl4jModels.load(dir.resolve("mln.zip")));

        List<Image> images = TestNets.images(4, SHAPE, 15);
        Explanations before = SegmentationExplainer.explain(net, images);
        Explanations after = SegmentationExplainer.explain(Dl4jModels.loadModel(file, SHAPE), images);
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i).baseValues(), after.get(i).baseValues(), 0);
            for (int p = 0; p < 3; p++) {
                assertArrayEquals(before.get(i).values(p), after.get(i).values(p), 0);
            }
        }
        IncompatibleInputException e = assertThrows(IncompatibleInputException.class,
                () -> Dl4jModels.loadModel(file, new ImageShape(2, 6, 5)));
        assertTrue(e.getMessage().contains("model.zip does not fit the images"), e.getMessage());
    }

    @Test
    void smallUNetIsExplainedEndToEndAndCroppedBack() {
        ComputationGraph unet = UNet.builder().filters(2).kernel(3).inputShape(2, 8, 8).seed(7).build();
        List<Image> images = new ArrayList<>();
        for (Image im : TestNets.images(5, new ImageShape(2, 6, 7), 16)) {
            images.add(Padding.centred(6, 7, 8, 8).pad(im, BoundaryMode.MIRROR));
        }
        AtomicLong calls = new AtomicLong();
        Explanations out = SegmentationExplainer.of(unet, ExplanationOptions.builder()
                .channelNames("seismic", "energy")
                .progress((done, total, what) -> calls.incrementAndGet())
                .build()).explain(images);
        assertTrue(calls.get() > 0);
        for (int i = 0; i < out.size(); i++) {
            Explanation e = out.get(i);
            assertEquals(List.of("seismic", "energy"), e.playerNames());
            double[] direct = TestNets.dl4jOutput(unet, images.get(i));
            double[] c0 = e.values(0);
            double[] c1 = e.values(1);
            for (int k = 0; k < direct.length; k++) {
                assertEquals(direct[k], e.baseValues()[k] + c0[k] + c1[k], 1e-5);
            }
            // crop the maps back to 6 x 7: additivity holds pixel by pixel, so it still holds
            Padding crop = Padding.centred(6, 7, 8, 8);
            double[] base = crop.crop(e.baseValues(), 1);
            double[] prediction = crop.crop(e.outputs(), 1);
            double[] k0 = crop.crop(c0, 1);
            double[] k1 = crop.crop(c1, 1);
            assertEquals(6 * 7, prediction.length);
            assertEquals(e.outputMap(0)[1][0], prediction[0]);
            for (int k = 0; k < prediction.length; k++) {
                assertTrue(Math.abs(prediction[k] - base[k] - k0[k] - k1[k]) < 1e-12);
            }
        }
    }

    @Test
    void manyPatchesSwitchToKernel() {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 17);
        List<Image> images = TestNets.images(3, SHAPE, 17);
        Explanations e = SegmentationExplainer.of(net, ExplanationOptions.builder().patches(4, 3)
                .background(images.subList(0, 2)).build()).explain(images.get(2));
        assertEquals(12, e.players());
        assertEquals("kernel", e.explainer());
        assertTrue(e.maxAbsResidual() < 1e-6);
        Explanations exact = SegmentationExplainer.of(net, ExplanationOptions.builder().patches(1, 2)
                .background(images.subList(0, 2)).build()).explain(images.get(2));
        assertEquals("exact", exact.explainer());
    }

    @Test
    void arrayInputsGiveTheSameExplanations() {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 18);
        List<Image> images = TestNets.images(4, SHAPE, 18);
        float[][][][] array = Images.toArray(images);
        List<Image> rounded = Images.of(array);
        Explanations a = SegmentationExplainer.explain(net, rounded);
        Explanations b = SegmentationExplainer.explain(net, array);
        INDArray nd = Nd4j.create(array);
        Explanations c = SegmentationExplainer.explain(net, nd);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(a.get(i).values(1), b.get(i).values(1), 0);
            assertArrayEquals(a.get(i).values(1), c.get(i).values(1), 0);
        }
    }

    @Test
    void changingTheBuilderAfterBuildDoesNotChangeTheBuiltExplainer() {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 27);
        List<Image> images = TestNets.images(5, SHAPE, 27);
        ExplanationOptions.Builder builder = ExplanationOptions.builder().channelNames("a", "b", "c")
                .backgroundSize(4).seed(3);
        SegmentationExplainer built = SegmentationExplainer.of(net, builder.build());
        Explanations before = built.explain(images);
        builder.channelNames("x", "y", "z").backgroundSize(2).seed(9).patches(2, 2)
                .explainer(ExplainerKind.KERNEL).background(images.subList(0, 1));
        Explanations after = built.explain(images);
        assertEquals(List.of("a", "b", "c"), after.playerNames());
        assertEquals("exact", after.explainer());
        Provenance p = after.provenance().orElseThrow();
        assertEquals(4, p.backgroundSize());
        assertEquals(3, p.seed());
        assertEquals(3, built.options().explainer().seed());
        for (int i = 0; i < images.size(); i++) {
            assertArrayEquals(before.get(i).values(0), after.get(i).values(0), 0);
        }
        assertEquals(List.of("x @ patch (0,0)", "x @ patch (0,1)"), SegmentationExplainer.of(net, builder.build())
                .explain(images).playerNames()
                .subList(0, 2), "the builder itself did change");
    }

    @Test
    void theFacadeTakesTheOneOptionsValueInteractionsIncluded() {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 29);
        List<Image> images = TestNets.images(4, SHAPE, 29);
        ExplanationOptions options = ExplanationOptions.builder().explainer(ExplainerKind.EXACT).interactions(true)
                .memoryBudget(1 << 16).threads(1).build();
        SegmentationExplainer explainer = SegmentationExplainer.of(net, options);
        assertEquals(options.explainer(), explainer.options().explainer());
        assertEquals(options.evaluation().memoryBudget(), explainer.options().evaluation().memoryBudget());
        Explanations e = explainer.explain(images);
        assertTrue(e.get(0).interactions().isPresent(), "interaction maps reach the facade");
        assertEquals("DL4J MultiLayerNetwork, " + net.numParams() + " parameters", e.provenance().orElseThrow().model());
        ExplanationOptions described = ExplanationOptions.builder().model("my net", "abc").build();
        assertEquals("my net", SegmentationExplainer.of(net, described).explain(images).provenance().orElseThrow()
                .model(), "a description in the options is kept");
    }

    @Test
    void theProvenanceDescribesTheNetwork() {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 28);
        Provenance p = SegmentationExplainer.explain(net, TestNets.images(3, SHAPE, 28)).provenance().orElseThrow();
        assertEquals("DL4J MultiLayerNetwork, " + net.numParams() + " parameters", p.model());
        assertEquals("exact", p.explainer());
        assertEquals(3, p.backgroundSize());
        assertEquals(List.of("0", "1", "2"), p.backgroundIds());
        assertEquals("none", p.padding());
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void emptyImageListIsNamed() {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 20);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SegmentationExplainer.explain(net, List.of()));
        assertTrue(e.getMessage().contains("no images to explain"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SegmentationExplainer.explain(net, new float[0][][][]));
    }

    @Test
    void nanAndInfinitePixelsAreNamed() {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 21);
        float[][][][] a = Images.toArray(TestNets.images(3, SHAPE, 21));
        a[1][2][3][4] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SegmentationExplainer.explain(net, a));
        assertTrue(e.getMessage().contains("image 1") && e.getMessage().contains("channel 2, row 3, column 4"),
                e.getMessage());
        INDArray nd = Nd4j.create(Images.toArray(TestNets.images(3, SHAPE, 21)));
        nd.putScalar(new long[] {2, 0, 1, 1}, Double.POSITIVE_INFINITY);
        e = assertThrows(IllegalArgumentException.class, () -> SegmentationExplainer.explain(net, nd));
        assertTrue(e.getMessage().contains("image 2") && e.getMessage().contains("Infinity"), e.getMessage());
    }

    @Test
    void backgroundOfAnotherShapeIsNamed() {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 22);
        SegmentationExplainer explainer = SegmentationExplainer.of(net, ExplanationOptions.builder()
                .background(TestNets.images(2, new ImageShape(3, 5, 5), 22)).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> explainer.explain(TestNets.images(2, SHAPE, 22)));
        assertTrue(e.getMessage().contains("background image 0 has shape 3x5x5 but the explained images have shape "
                + "3x6x5"), e.getMessage());
    }

    @Test
    void wrongChannelCountIsNamed() {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 23);
        IncompatibleInputException e = assertThrows(IncompatibleInputException.class,
                () -> SegmentationExplainer.explain(net, TestNets.images(2, new ImageShape(4, 6, 5), 23)));
        assertTrue(e.getMessage().contains("takes 3 input channels but the images have 4"), e.getMessage());
    }

    @Test
    void sizeTheNetworkCannotTakeSuggestsPadding() {
        ComputationGraph unet = UNet.builder().filters(2).kernel(3).inputShape(2, 8, 8).build();
        IncompatibleInputException e = assertThrows(IncompatibleInputException.class,
                () -> SegmentationExplainer.explain(unet, TestNets.images(2, new ImageShape(2, 9, 9), 24)));
        assertTrue(e.getMessage().contains("multiples of 4") && e.getMessage().contains("pad the images to 12x12")
                && e.getMessage().contains("crop the outputs back to 9x9"), e.getMessage());
    }

    @Test
    void imagesOfDifferentShapesAreNamed() {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 25);
        List<Image> images = new ArrayList<>(TestNets.images(2, SHAPE, 25));
        images.add(TestNets.images(1, new ImageShape(3, 6, 6), 25).get(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SegmentationExplainer.explain(net, images));
        assertTrue(e.getMessage().contains("image 2 has shape 3x6x6 but image 0 has shape 3x6x5"), e.getMessage());
    }

    @Test
    void oneImageWithoutBackgroundIsNamed() {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 26);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SegmentationExplainer.explain(net, TestNets.images(1, SHAPE, 26)));
        assertTrue(e.getMessage().contains("no background"), e.getMessage());
    }

    @Test
    void notAModelFileIsNamed(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a model");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dl4jModels.load(text));
        assertTrue(e.getMessage().contains("is not a DL4J model: it is not a zip file"), e.getMessage());
        Path zip = dir.resolve("other.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            out.write(1);
            out.closeEntry();
        }
        e = assertThrows(IllegalArgumentException.class, () -> Dl4jModels.load(zip));
        assertTrue(e.getMessage().contains("is not a DL4J model: the zip has no configuration.json"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Dl4jModels.load(dir.resolve("missing.zip")));
        assertTrue(e.getMessage().contains("no model file at"), e.getMessage());
    }
}
