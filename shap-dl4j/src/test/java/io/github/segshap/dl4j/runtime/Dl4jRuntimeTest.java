package io.github.segshap.dl4j.runtime;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.dl4j.TestNets;
import io.github.segshap.dl4j.model.Dl4jModel;
import io.github.segshap.zoo.UNet;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Dl4jRuntimeTest {
    private static final ImageShape SHAPE = new ImageShape(3, 8, 8);

    @AfterEach
    void restoreDefault() {
        Dl4jRuntime.disableOneDnn();
    }

    private static double[] predict(Dl4jModel model, List<Image> images) {
        double[] v = new double[images.size() * SHAPE.size()];
        for (int i = 0; i < images.size(); i++) {
            images.get(i).copyTo(v, i * SHAPE.size());
        }
        return model.predict(new ImageBatch(SHAPE, images.size(), v));
    }

    /**
     * The shim class lets DL4J's helper check succeed, so switching helpers on really gives the
     * convolution layers their MKLDNN helpers (with whatever native build is on the class path), and
     * the outputs agree with the built-in path.
     */
    @Test
    void switchGivesLayersTheirHelpersAndKeepsOutputs() {
        Dl4jRuntime.disableOneDnn();
        ComputationGraph net = UNet.builder().filters(2).kernel(3).inputShape(3, 8, 8).build();
        assertFalse(Dl4jRuntime.usesOneDnn(net), "helpers are off by default: " + Dl4jRuntime.helpers(net));
        assertFalse(Dl4jRuntime.needsRebuild(net));
        List<Image> images = TestNets.images(4, SHAPE, 3);
        double[] plain = predict(Dl4jModel.of(net), images);

        Dl4jRuntime.enableOneDnn();
        assertTrue(Dl4jRuntime.oneDnnEnabled());
        assertTrue(Dl4jRuntime.needsRebuild(net), "a network built before the switch has no helpers");
        ComputationGraph rebuilt = net.clone();
        assertTrue(Dl4jRuntime.usesOneDnn(rebuilt), "helpers after the switch: " + Dl4jRuntime.helpers(rebuilt));
        double[] fast = predict(Dl4jModel.of(net), images);
        assertArrayEquals(plain, fast, 1e-6);
    }

    /** With the oneDNN native build (the default) the fast path is taken and agrees to 1e-6. */
    @Test
    void oneDnnBuildAgreesWithTheDefaultPath() {
        Assumptions.assumeTrue(Dl4jRuntime.oneDnnBinariesPresent(),
                "the linux-x86_64-onednn build of nd4j-native is not on the class path (built with -Pplain-nd4j)");
        Dl4jRuntime.disableOneDnn();
        ComputationGraph net = UNet.builder().filters(4).kernel(5).inputShape(3, 8, 8).build();
        List<Image> images = TestNets.images(6, SHAPE, 4);
        double[] plain = predict(Dl4jModel.of(net), images);
        assertTrue(Dl4jRuntime.enableOneDnn());
        ComputationGraph fastNet = net.clone();
        assertTrue(Dl4jRuntime.helpers(fastNet).contains("MKLDNNConvHelper"), Dl4jRuntime.helpers(fastNet).toString());
        assertArrayEquals(plain, predict(Dl4jModel.of(fastNet), images), 1e-6);
    }
}
