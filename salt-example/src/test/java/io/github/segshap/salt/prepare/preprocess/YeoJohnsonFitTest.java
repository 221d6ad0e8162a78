package io.github.segshap.salt.prepare.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bound on the values the lambda search sees: lambda from a strided subsample, mean and scale from all. */
class YeoJohnsonFitTest {
    private static final List<String> NAMES = List.of("a", "b");

    /** Two channels of {@code count} images of {@code plane} values: skewed, with some NaN in channel 0. */
    private static float[] images(int count, int plane) {
        SplittableRandom rnd = new SplittableRandom(11);
        float[] x = new float[count * 2 * plane];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.exp(rnd.nextGaussian());
        }
        x[3] = Float.NaN;
        x[plane + 5] = 7; // channel 1 of image 0
        x[2 * plane + 1] = Float.NaN; // channel 0 of image 1
        return x;
    }

    /** Channel {@code ch}'s finite values in NCHW order. */
    private static double[] finite(float[] images, int count, int plane, int ch) {
        return java.util.stream.IntStream.range(0, count).flatMap(n -> java.util.stream.IntStream.range(0, plane)
                        .map(i -> (n * 2 + ch) * plane + i))
                .mapToDouble(i -> images[i]).filter(v -> !Double.isNaN(v)).toArray();
    }

    @Test
    void lambdaComesFromEveryKthValueTheMeanAndScaleFromAll() {
        int count = 20;
        int plane = 50;
        float[] x = images(count, plane);
        int bound = 300;
        YeoJohnson bounded = YeoJohnson.fitImages(NAMES, x, count, plane, bound);
        YeoJohnson exact = YeoJohnson.fitImages(NAMES, x, count, plane);
        for (int ch = 0; ch < 2; ch++) {
            double[] all = finite(x, count, plane, ch);
            assertEquals(all.length, bounded.counts()[ch], "every finite value counted");
            int k = (all.length + bound - 1) / bound;
            double[] sub = java.util.stream.IntStream.range(0, (all.length + k - 1) / k).mapToDouble(i -> all[i * k])
                    .toArray();
            double lambda = YeoJohnson.fit(List.of("s"), new double[][] {sub}).lambdas()[0];
            assertEquals(lambda, bounded.lambdas()[ch], 0.0, "lambda of the strided subsample, channel " + ch);
            double mean = 0;
            for (double v : all) {
                mean += YeoJohnson.psi(v, lambda);
            }
            mean /= all.length;
            double var = 0;
            for (double v : all) {
                var += Math.pow(YeoJohnson.psi(v, lambda) - mean, 2);
            }
            assertEquals(mean, bounded.means()[ch], 1e-12 * Math.abs(mean) + 1e-12, "mean over all, channel " + ch);
            assertEquals(Math.sqrt(var / all.length), bounded.scales()[ch], 1e-10, "scale over all, channel " + ch);
            assertNotEquals(exact.lambdas()[ch], bounded.lambdas()[ch], "the subsample differs from all values");
        }
        assertArrayEquals(exact.counts(), bounded.counts());
    }

    @Test
    void aBoundAtOrAboveTheValuesChangesNothing() {
        float[] x = images(4, 30);
        assertEquals(YeoJohnson.fitImages(NAMES, x, 4, 30), YeoJohnson.fitImages(NAMES, x, 4, 30, 120));
        assertTrue(YeoJohnson.fitImages(NAMES, x, 4, 30, 119).counts()[1] == 120);
    }

    @Test
    void wrongSizesAndBoundsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> YeoJohnson.fitImages(NAMES, new float[10], 2, 3));
        assertEquals("2 images of 2 x 3 values need 12 values, got 10", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> YeoJohnson.fitImages(NAMES, new float[12], 2, 3, 0));
        assertEquals("maxLambdaValues must be at least 1, got 0", e.getMessage());
        float[] nan = new float[12];
        java.util.Arrays.fill(nan, Float.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> YeoJohnson.fitImages(NAMES, nan, 2, 3));
        assertEquals("channel a has no finite value to fit", e.getMessage());
    }
}
