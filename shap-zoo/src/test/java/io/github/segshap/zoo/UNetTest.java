package io.github.segshap.zoo;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UNetTest {

    @Test
    void seedUNetHas551585Parameters() {
        ComputationGraph net = UNet.builder().filters(8).kernel(5).depth(2).dropoutKeep(0.5)
                .inputShape(4, 24, 24).seed(42).build();
        assertEquals(551_585, net.numParams());
        ComputationGraphConfiguration conf = net.getConfiguration();
        assertTrue(conf.getVertices().containsKey("up2_concat") && conf.getVertices().containsKey("up1_deconv"));
    }

    @Test
    void requiredMultipleIsTwoToTheDepth() {
        assertEquals(4, UNet.requiredMultiple());
        assertEquals(16, UNet.requiredMultiple(4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UNet.builder().inputShape(4, 101, 101).configuration());
        assertTrue(e.getMessage().contains("multiples of 4") && e.getMessage().contains("pad to 104x104"),
                e.getMessage());
    }

    @Test
    void inferenceIsDeterministicDespiteDropoutAndKeepsTheSize() {
        ComputationGraph net = UNet.builder().filters(2).kernel(3).inputShape(3, 8, 12).build();
        INDArray x = Nd4j.rand(2, 3, 8, 12);
        INDArray a = net.output(false, x)[0];
        INDArray b = net.output(false, x)[0];
        assertArrayEquals(new long[] {2, 1, 8, 12}, a.shape());
        assertEquals(a, b);
        double min = a.minNumber().doubleValue();
        double max = a.maxNumber().doubleValue();
        assertTrue(min > 0 && max < 1, "sigmoid output");
    }

    @Test
    void deeperVariantBuilds() {
        ComputationGraph net = UNet.builder().filters(2).kernel(3).depth(3).inputShape(1, 16, 16).build();
        assertArrayEquals(new long[] {1, 1, 16, 16}, net.output(false, Nd4j.rand(1, 1, 16, 16))[0].shape());
    }

    @Test
    void resizeConvolutionKeepsShapesAndParameterCount() {
        UNet.Builder b = UNet.builder().filters(8).kernel(5).depth(2).inputShape(4, 24, 24).seed(42)
                .upsampling(UNet.Upsampling.NEAREST_THEN_CONVOLUTION);
        ComputationGraph net = b.build();
        // a k x k convolution from C to F channels has as many weights as the k x k transposed one
        assertEquals(551_585, net.numParams());
        ComputationGraphConfiguration conf = net.getConfiguration();
        assertTrue(conf.getVertices().containsKey("up1_resize") && conf.getVertices().containsKey("up1_upconv"));
        assertTrue(!conf.getVertices().containsKey("up1_deconv"), "no transposed convolution left");
        assertArrayEquals(new long[] {3, 1, 24, 24}, net.output(false, Nd4j.rand(3, 4, 24, 24))[0].shape());
        ComputationGraph odd = UNet.builder().filters(2).kernel(3).depth(3).inputShape(1, 16, 24)
                .upsampling(UNet.Upsampling.NEAREST_THEN_CONVOLUTION).build();
        assertArrayEquals(new long[] {1, 1, 16, 24}, odd.output(false, Nd4j.rand(1, 1, 16, 24))[0].shape());
        assertThrows(NullPointerException.class, () -> UNet.builder().upsampling(null));
    }

    @Test
    void batchNormalizationAddsFourValuesPerChannelAndInferenceIsDeterministic() {
        UNet.Builder b = UNet.builder().filters(2).kernel(3).depth(2).bottleneckFactor(4).inputShape(3, 8, 8)
                .upsampling(UNet.Upsampling.NEAREST_THEN_CONVOLUTION);
        ComputationGraph plain = b.build();
        ComputationGraph bn = b.batchNormalization(true).build();
        // k x k convolutions: enc 2+2, enc 4+4, bottleneck 8+8, up2 4 (+4+4), up1 2 (+2+2) channels
        int channels = 2 + 2 + 4 + 4 + 8 + 8 + 4 + 4 + 4 + 2 + 2 + 2;
        assertEquals(plain.numParams() + 4L * channels, bn.numParams());
        assertTrue(bn.getConfiguration().getVertices().containsKey("enc1_conv1_bn"));
        INDArray x = Nd4j.rand(2, 3, 8, 8);
        bn.fit(new org.nd4j.linalg.dataset.DataSet(x, Nd4j.rand(2, 1, 8, 8).gt(0.5).castTo(x.dataType())));
        INDArray a = bn.output(false, x)[0];
        assertEquals(a, bn.output(false, x)[0]);
        assertArrayEquals(new long[] {2, 1, 8, 8}, a.shape());
    }

    @Test
    void batchNormalizedConvolutionsAreFollowedByARelu() {
        for (UNet.Upsampling up : UNet.Upsampling.values()) {
            ComputationGraph bn = UNet.builder().filters(2).kernel(3).depth(2).bottleneckFactor(4).inputShape(3, 8, 8)
                    .upsampling(up).batchNormalization(true).seed(3).build();
            ComputationGraphConfiguration conf = bn.getConfiguration();
            INDArray x = Nd4j.rand(2, 3, 8, 8).subi(0.5);
            Map<String, INDArray> acts = bn.feedForward(x, false);
            int blocks = 0;
            for (String name : conf.getTopologicalOrderStr()) {
                if (!(conf.getVertices().get(name) instanceof LayerVertex lv
                        && lv.getLayerConf().getLayer() instanceof BatchNormalization)) {
                    continue;
                }
                // a fresh network's batch norm (unit statistics) keeps the signs of the convolution's
                // output, which has both: a ReLU after it matters (the BN's own activation array is
                // rectified in place by the ReLU layer, so the convolution's is looked at)
                String convolution = conf.getVertexInputs().get(name).get(0);
                assertTrue(acts.get(convolution).minNumber().doubleValue() < 0, up + ": '" + convolution
                        + "' is never negative");
                List<String> consumers = consumers(conf, name);
                assertEquals(1, consumers.size(), name + " feeds " + consumers);
                String relu = consumers.get(0);
                assertTrue(conf.getVertices().get(relu) instanceof LayerVertex v
                        && v.getLayerConf().getLayer() instanceof ActivationLayer a
                        && a.getActivationFn() instanceof ActivationReLU, up + ": '" + name + "' feeds '" + relu
                        + "', not a ReLU layer");
                // what the rest of the network sees
                assertTrue(acts.get(relu).minNumber().doubleValue() >= 0, up + ": '" + relu + "' has negatives");
                assertTrue(acts.get(relu).maxNumber().doubleValue() > 0, up + ": '" + relu + "' is all zero");
                for (String next : consumers(conf, relu)) {
                    assertTrue(!(conf.getVertices().get(next) instanceof LayerVertex v
                            && v.getLayerConf().getLayer() instanceof ActivationLayer), next);
                }
                blocks++;
            }
            // k x k convolutions: enc 2 + 2, bottleneck 2, up 2 + 2, and the resize-convolutions
            assertEquals(up == UNet.Upsampling.TRANSPOSED_CONVOLUTION ? 10 : 12, blocks, up.toString());
        }
    }

    private static List<String> consumers(ComputationGraphConfiguration conf, String vertex) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
            if (e.getValue().contains(vertex)) {
                out.add(e.getKey());
            }
        }
        return out;
    }
}
