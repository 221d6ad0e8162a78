package io.github.segshap.dl4j.zoo;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
}
