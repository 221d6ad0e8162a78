package io.github.segshap.salt.prepare.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.core.padding.BoundaryMode;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Resampling and the SciPy-matched filters (the boundary modes and the padding moved to shap-core's
 * {@code io.github.segshap.core.padding} tests).
 */
class ResamplingAndFiltersTest {

    @Test
    void decimationTakesEverySecondSampleFromTheFirst() {
        double[] img = new double[5 * 3];
        for (int i = 0; i < img.length; i++) {
            img[i] = i;
        }
        assertArrayEquals(new double[] {0, 2, 6, 8, 12, 14}, Resampling.decimate(img, 5, 3, 2));
        assertEquals(51, Resampling.decimatedSize(101, 2));
        assertEquals(24, Resampling.decimatedSize(48, 2));
    }

    @Test
    void resizeKeepsConstantsAndIdentityAndStaysWithinRange() {
        double[] constant = new double[51 * 51];
        Arrays.fill(constant, 7.5);
        for (double v : Resampling.resize(constant, 51, 51, 48, 48)) {
            assertEquals(7.5, v, 1e-12);
        }
        double[] random = new Random(2).doubles(20 * 30, -3, 5).toArray();
        assertArrayEquals(random, Resampling.resize(random, 20, 30, 20, 30), 1e-12);
        // strong down-sampling smooths (sigma 1.5, radius 6) and up-sampling interpolates; both clip to the range
        for (int[] size : new int[][] {{5, 7}, {60, 45}}) {
            double[] r = Resampling.resize(random, 20, 30, size[0], size[1]);
            assertEquals(size[0] * size[1], r.length);
            for (double v : r) {
                assertTrue(v >= -3 && v <= 5);
            }
        }
        // smoothing reduces the spread of white noise
        double[] small = Resampling.resize(random, 20, 30, 5, 7);
        assertTrue(std(small) < 0.6 * std(random), "anti-aliasing must smooth");
    }

    @Test
    void gaussianKernelIsScipys() {
        double[] k = Filters.gaussianKernel(1.0, 0, 4);
        assertEquals(1.0, Arrays.stream(k).sum(), 1e-15);
        double[] d = Filters.gaussianKernel(1.0, 1, 4);
        assertEquals(-k[5] * 1, d[5], 1e-15); // -x / sigma^2 * phi at x = 1
        // derivative of a ramp is (about) its slope, away from the edges
        double[] ramp = new double[9 * 9];
        for (int r = 0; r < 9; r++) {
            for (int c = 0; c < 9; c++) {
                ramp[r * 9 + c] = 3 * c;
            }
        }
        double[] g = Filters.gaussianFilter1d(ramp, 9, 9, 1, 1.0, 1, BoundaryMode.SYMMETRIC, 4.0);
        assertEquals(3.0, g[4 * 9 + 4], 1e-3);
        double[] s = Filters.sobel(ramp, 9, 9, 1, BoundaryMode.SYMMETRIC);
        assertEquals(4 * 2 * 3.0, s[4 * 9 + 4], 1e-12);
    }

    private static double std(double[] v) {
        double m = Arrays.stream(v).average().orElse(0);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).average().orElse(0));
    }
}
