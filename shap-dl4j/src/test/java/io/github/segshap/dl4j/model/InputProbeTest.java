package io.github.segshap.dl4j.model;

import io.github.segshap.core.model.IncompatibleInputException;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.dl4j.TestNets;
import io.github.segshap.core.image.Layout;
import io.github.segshap.zoo.UNet;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What input a network takes: output shapes, memory per image, and errors naming the size to pad to. */
class InputProbeTest {
    private static InputProbe probeOf(NeuralNetwork net) {
        ReplicaPool pool = new ReplicaPool(net, 1, "test model");
        return new InputProbe(pool, LayoutConverter.of(net, null), 0, InputProbe.expectedChannels(net),
                Networks.requiredMultiple(net));
    }

    @Test
    void probeGivesTheOutputShapeAndTheMemoryOfOneImage() {
        InputProbe probe = probeOf(TestNets.convNet(3, 6, 5, 1));
        assertEquals(3, probe.expectedChannels());
        InputProbe.Result r = probe.probe(ModelFixtures.SHAPE);
        assertEquals(OutputShape.of(1, 6, 5), r.outputShape());
        // activations kept by feedForward: input 90, conv 4 x 30, conv 1 x 30, loss 1 x 30 = 270 floats
        long expected = (2 * 270 + 90 + 30) * 4L + 8L * (90 + 30);
        assertEquals(expected, r.bytesPerImage());
        assertEquals(expected, InputProbe.bytesPerImage(ModelFixtures.SHAPE, OutputShape.of(1, 6, 5), 270, 4));
        assertSame(r, probe.probe(ModelFixtures.SHAPE), "cached per shape");
    }

    @Test
    void theChannelCountIsReadFromTheFirstConvolution() {
        assertEquals(3, InputProbe.expectedChannels(TestNets.convGraph(3, 6, 5, 1)));
        assertEquals(2, InputProbe.expectedChannels(UNet.builder().filters(2).kernel(3).inputShape(2, 8, 8).build()));
    }

    @Test
    void sizeErrorsNameTheSizeToPadToAndTheMultiple() {
        InputProbe depth3 = probeOf(UNet.builder().filters(2).kernel(3).depth(3).inputShape(1, 16, 16).build());
        IncompatibleInputException e = assertThrows(IncompatibleInputException.class,
                () -> depth3.probe(new ImageShape(1, 13, 17)));
        assertTrue(e.getMessage().contains("cannot take 13x17 images"), e.getMessage());
        assertTrue(e.getMessage().contains("multiples of 8"), e.getMessage());
        assertTrue(e.getMessage().contains("pad the images to 16x24"), e.getMessage());
        assertTrue(e.getMessage().contains("crop the outputs back to 13x17"), e.getMessage());
        assertEquals(16, e.suggestedHeight().orElseThrow());
        assertEquals(24, e.suggestedWidth().orElseThrow());
        assertEquals(new ImageShape(1, 16, 24), depth3.paddedShape(new ImageShape(1, 13, 17)));
    }

    @Test
    void aWrongChannelCountHasNoSuggestedSize() {
        InputProbe probe = probeOf(TestNets.convNet(3, 6, 5, 2));
        IncompatibleInputException e = assertThrows(IncompatibleInputException.class,
                () -> probe.paddedShape(new ImageShape(1, 6, 5)));
        assertTrue(e.getMessage().contains("takes 3 input channels but the images have 1"), e.getMessage());
        assertTrue(e.getMessage().contains("layout NCHW"), e.getMessage());
        assertTrue(e.suggestedHeight().isEmpty() && e.suggestedWidth().isEmpty());
    }

    @Test
    void probingUsesTheNetworkAsItsOnlyReplica() {
        ComputationGraph net = UNet.builder().filters(2).kernel(3).inputShape(2, 8, 8).build();
        ReplicaPool pool = new ReplicaPool(net, 1, "test model");
        InputProbe probe = new InputProbe(pool, LayoutConverter.of(net, null), 0, 2, Networks.requiredMultiple(net));
        probe.probe(new ImageShape(2, 8, 8));
        assertThrows(IncompatibleInputException.class, () -> probe.probe(new ImageShape(2, 10, 9)));
        assertEquals(1, pool.created(), "no copy made for probing");
        LayoutConverter converter = LayoutConverter.of(net, null);
        assertEquals(DataType.FLOAT.width(), converter.valueBytes());
    }

    // moved from Dl4jModelTest
    @Test
    void theSuggestedShapeIsTheSmallestSizeTheUNetTakes() {
        Dl4jModel depth2 = Dl4jModel.of(UNet.builder().filters(2).kernel(3).depth(2).inputShape(2, 16, 16).build());
        Dl4jModel depth4 = Dl4jModel.of(UNet.builder().filters(2).kernel(3).depth(4).inputShape(2, 16, 16).build());
        assertEquals(new ImageShape(2, 16, 16), depth2.inputSpec(new ImageShape(2, 16, 16)).suggestedShape(new ImageShape(2, 16, 16)));
        assertEquals(new ImageShape(2, 12, 16), depth2.inputSpec(new ImageShape(2, 11, 13)).suggestedShape(new ImageShape(2, 11, 13)));
        assertEquals(new ImageShape(2, 16, 16), depth4.inputSpec(new ImageShape(2, 11, 13)).suggestedShape(new ImageShape(2, 11, 13)));
        assertEquals(new ImageShape(2, 112, 112), depth4.inputSpec(new ImageShape(2, 101, 101)).suggestedShape(new ImageShape(2, 101, 101)));
        assertThrows(IncompatibleInputException.class, () -> depth2.inputSpec(new ImageShape(3, 11, 13)));
        assertEquals(io.github.segshap.core.model.InputSpec.Sizes.multipleOf(16),
                depth4.inputSpec(new ImageShape(2, 101, 101)).sizes(), "a U-Net of depth 4 takes multiples of 16");
    }

    // moved from Dl4jModelTest
    @Test
    void wrongChannelCountIsNamed() {
        Dl4jModel model = Dl4jModel.of(TestNets.convNet(3, 6, 5, 9));
        IncompatibleInputException e = assertThrows(IncompatibleInputException.class,
                () -> model.outputShape(new ImageShape(4, 6, 5)));
        assertTrue(e.getMessage().contains("takes 3 input channels but the images have 4"), e.getMessage());
    }

    // moved from Dl4jModelTest
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

    @Tag("campaign")
    @Test
    void theMultipleOfAnEncoderDecoderIsReadFromItsConfiguration() {
        assertEquals(4, Networks.requiredMultiple(UNet.builder().filters(2).kernel(3).depth(2).inputShape(2, 24, 24)
                .build()));
        assertEquals(16, Networks.requiredMultiple(UNet.builder().filters(2).kernel(3).depth(4).inputShape(2, 16, 16)
                .upsampling(UNet.Upsampling.NEAREST_THEN_CONVOLUTION).build()));
        assertEquals(1, Networks.requiredMultiple(TestNets.convGraph(3, 6, 5, 1)), "no upsampling: any size");
        assertEquals(1, Networks.requiredMultiple(TestNets.convNet(3, 6, 5, 1)));
    }

    @Tag("campaign")
    @Test
    void aSizeTheConfigurationRulesOutIsRefusedWithoutAForwardPass() {
        // a U-Net built (and trained) at 24 x 24, given 101 x 101 data: once native CONCAT errors in the log
        ComputationGraph net = UNet.builder().filters(2).kernel(3).depth(2).inputShape(4, 24, 24).build();
        ReplicaPool pool = new ReplicaPool(net, 1, "test model");
        InputProbe probe = new InputProbe(pool, LayoutConverter.of(net, null), 0, 4, Networks.requiredMultiple(net));
        IncompatibleInputException e = assertThrows(IncompatibleInputException.class,
                () -> probe.probe(new ImageShape(4, 101, 101)));
        assertEquals(0, pool.created(), "no network taken: no forward pass at 101 x 101");
        assertTrue(e.getMessage().contains("cannot take 101x101 images (its configuration shrinks the input by 4")
                && e.getMessage().contains("pad the images to 104x104"), e.getMessage());
        assertEquals(new ImageShape(4, 104, 104), probe.paddedShape(new ImageShape(4, 101, 101)));
    }
}
