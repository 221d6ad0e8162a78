package io.github.segshap.export;

import io.github.segshap.core.image.ImageShape;
import io.github.segshap.onnx.cost.PassCost;
import io.github.segshap.zoo.UNet;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The multiply-adds of the exported seed U-Net (F = 8, 5 x 5 kernels, depth 2, bottleneck 16F,
 * transposed convolutions) at 24 x 24, counted by {@link PassCost}, against a count by hand.
 */
class UNetPassCostTest {

    /** Multiply-adds of a k x k convolution from {@code in} to {@code out} channels at s x s outputs. */
    private static long conv(int s, int in, int out, int k) {
        return (long) s * s * out * in * k * k;
    }

    @Test
    void theSeedUNetAt24Is27Point2MillionMultiplyAdds() {
        int k = 5;
        int b = 8 * 16; // bottleneck filters
        long byHand = conv(24, 4, 8, k) + conv(24, 8, 8, k)            // encoder, level 1
                + conv(12, 8, 16, k) + conv(12, 16, 16, k)               // encoder, level 2 (after pooling)
                + conv(6, 16, b, k) + conv(6, b, b, k)                   // bottleneck
                + conv(6, b, 16, k)                                      // transposed 6 -> 12: inputs x out x k^2
                + conv(12, 32, 16, k) + conv(12, 16, 16, k)              // decoder, level 2 (16 + 16 concatenated)
                + conv(12, 16, 8, k)                                     // transposed 12 -> 24
                + conv(24, 16, 8, k) + conv(24, 8, 8, k)                 // decoder, level 1
                + conv(24, 8, 1, 1);                                     // the 1 x 1 mask
        assertEquals(27_191_808L, byHand);
        byte[] onnx = OnnxExport.toBytes(UNet.builder().inputShape(4, 24, 24).seed(42).build(),
                new ImageShape(4, 24, 24), OnnxExport.Size.FIXED);
        PassCost cost = PassCost.of(onnx, 1, 4, 24, 24);
        assertEquals(byHand, cost.macs());
        assertEquals(13, cost.layers().size());
    }
}
