package io.github.segshap.salt.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResamplingAndPaddingTest {

    @Test
    void boundaryModesFollowScipyAndNumpy() {
        // n = 4: a b c d at 0..3
        int[] reflect = new int[8];
        int[] mirror = new int[8];
        for (int i = -2; i < 6; i++) {
            reflect[i + 2] = BoundaryMode.REFLECT.index(i, 4);
            mirror[i + 2] = BoundaryMode.MIRROR.index(i, 4);
        }
        assertArrayEquals(new int[] {1, 0, 0, 1, 2, 3, 3, 2}, reflect);
        assertArrayEquals(new int[] {2, 1, 0, 1, 2, 3, 2, 1}, mirror);
        assertEquals(-1, BoundaryMode.ZERO.index(-1, 4));
        assertEquals(3, BoundaryMode.NEAREST.index(9, 4));
        assertEquals(0, BoundaryMode.MIRROR.index(5, 1));
    }

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
        double[] g = Filters.gaussianFilter1d(ramp, 9, 9, 1, 1.0, 1, BoundaryMode.REFLECT, 4.0);
        assertEquals(3.0, g[4 * 9 + 4], 1e-3);
        double[] s = Filters.sobel(ramp, 9, 9, 1, BoundaryMode.REFLECT);
        assertEquals(4 * 2 * 3.0, s[4 * 9 + 4], 1e-12);
    }

    @Test
    void padToMultipleOfFourAndCropBack() {
        Padding p = Padding.toMultipleOf(101, 101, 4);
        assertEquals(104, p.paddedHeight());
        assertEquals(1, p.top());
        assertEquals(1, p.left());
        float[] imgs = new float[2 * 3 * 101 * 101];
        Random rnd = new Random(4);
        for (int i = 0; i < imgs.length; i++) {
            imgs[i] = rnd.nextFloat();
        }
        for (Padding.Fill fill : Padding.Fill.values()) {
            float[] padded = p.pad(imgs, 2, 3, fill);
            assertEquals(2 * 3 * 104 * 104, padded.length);
            assertArrayEquals(imgs, p.crop(padded, 2, 3));
            float corner = padded[0];
            assertEquals(fill == Padding.Fill.ZERO ? 0f : imgs[101 + 1], corner);
        }
        assertTrue(Padding.toMultipleOf(24, 24, 4).isIdentity());
        assertThrows(IllegalArgumentException.class, () -> p.pad(new float[10], 1, 1, Padding.Fill.ZERO));
    }

    private static double std(double[] v) {
        double m = Arrays.stream(v).average().orElse(0);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).average().orElse(0));
    }

    @Test
    void trainingPaddingEqualsTheExplanationsPadding() {
        // the U-Net is trained on this class's padding and explained through shap-dl4j's: they must agree
        Random r = new Random(5);
        for (int[] size : new int[][] {{101, 101}, {24, 24}, {37, 50}}) {
            int h = size[0], w = size[1], c = 3;
            float[] x = new float[c * h * w];
            for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
            Padding training = Padding.toMultipleOf(h, w, 8);
            float[] a = training.pad(x, 1, c, Padding.Fill.REFLECT);
            Image b = io.github.segshap.dl4j.images.Padding.padTo(
                    Image.of(new ImageShape(c, h, w), x),
                    training.paddedHeight(), training.paddedWidth(), io.github.segshap.dl4j.images.Padding.Mode.REFLECT);
            assertEquals(a.length, b.shape().size());
            for (int ch = 0; ch < c; ch++) {
                for (int row = 0; row < training.paddedHeight(); row++) {
                    for (int col = 0; col < training.paddedWidth(); col++) {
                        assertEquals(a[(ch * training.paddedHeight() + row) * training.paddedWidth() + col],
                                b.get(ch, row, col), 0.0, "channel " + ch + " at (" + row + ", " + col + ")");
                    }
                }
            }
        }
    }
}
