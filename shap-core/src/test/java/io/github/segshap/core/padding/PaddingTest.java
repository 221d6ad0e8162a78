package io.github.segshap.core.padding;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Padding against NumPy's {@code pad} by hand, the 101 -> 104 case of the salt example, and errors. */
class PaddingTest {

    /** One row {@code 1 2 3 4} padded by 2 on the left and 3 on the right, in each mode. */
    @Test
    void oneRowMatchesNumpyPad() {
        Padding p = Padding.centred(1, 4, 1, 9); // extra 5: 2 before, 3 after
        assertEquals(2, p.left());
        assertEquals(3, p.right());
        double[] x = {1, 2, 3, 4};
        // np.pad([1, 2, 3, 4], (2, 3), mode=...)
        assertArrayEquals(new double[] {3, 2, 1, 2, 3, 4, 3, 2, 1}, p.pad(x, 1, BoundaryMode.MIRROR));    // 'reflect'
        assertArrayEquals(new double[] {2, 1, 1, 2, 3, 4, 4, 3, 2}, p.pad(x, 1, BoundaryMode.SYMMETRIC)); // 'symmetric'
        assertArrayEquals(new double[] {1, 1, 1, 2, 3, 4, 4, 4, 4}, p.pad(x, 1, BoundaryMode.NEAREST));   // 'edge'
        assertArrayEquals(new double[] {0, 0, 1, 2, 3, 4, 0, 0, 0}, p.pad(x, 1, BoundaryMode.ZERO));      // 'constant'
    }

    /** {@code [[1, 2, 3], [4, 5, 6]]} padded by one on every side, as two planes (the second negated). */
    @Test
    void twoPlanesMatchNumpyPad() {
        Padding p = Padding.centred(2, 3, 4, 5);
        double[] x = {1, 2, 3, 4, 5, 6, -1, -2, -3, -4, -5, -6};
        // np.pad(a, 1, mode='reflect')
        double[] mirror = {
            5, 4, 5, 6, 5,
            2, 1, 2, 3, 2,
            5, 4, 5, 6, 5,
            2, 1, 2, 3, 2};
        // np.pad(a, 1, mode='symmetric')
        double[] symmetric = {
            1, 1, 2, 3, 3,
            1, 1, 2, 3, 3,
            4, 4, 5, 6, 6,
            4, 4, 5, 6, 6};
        assertArrayEquals(concatNegated(mirror), p.pad(x, 2, BoundaryMode.MIRROR));
        assertArrayEquals(concatNegated(symmetric), p.pad(x, 2, BoundaryMode.SYMMETRIC));
        float[] xf = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            xf[i] = (float) x[i];
        }
        float[] mf = p.pad(xf, 1, 2, BoundaryMode.MIRROR);
        for (int i = 0; i < mf.length; i++) {
            assertEquals(concatNegated(mirror)[i], mf[i], 0.0, "float NCHW at " + i);
        }
    }

    private static double[] concatNegated(double[] plane) {
        double[] out = new double[2 * plane.length];
        for (int i = 0; i < plane.length; i++) {
            out[i] = plane[i];
            out[plane.length + i] = -plane[i];
        }
        return out;
    }

    @Test
    void pad101To104AndCropBack() {
        Image im = randomImage(new ImageShape(2, 101, 101), new Random(1));
        Padding p = Padding.toMultipleOf(101, 101, 4);
        for (BoundaryMode mode : BoundaryMode.values()) {
            Image padded = p.pad(im, mode);
            assertEquals(new ImageShape(2, 104, 104), padded.shape());
            assertEquals(im, p.crop(padded));
            assertEquals(im.get(1, 0, 0), padded.get(1, 1, 1));
        }
        Image zero = p.pad(im, BoundaryMode.ZERO);
        assertEquals(0, zero.get(0, 0, 5));
        assertEquals(0, zero.get(0, 103, 5));
        Image edge = p.pad(im, BoundaryMode.NEAREST);
        assertEquals(im.get(0, 100, 4), edge.get(0, 103, 5));
        Image reflect = p.pad(im, BoundaryMode.MIRROR);
        assertEquals(im.get(0, 1, 4), reflect.get(0, 0, 5));
        assertEquals(im.get(0, 98, 4), reflect.get(0, 103, 5));
        Image symmetric = p.pad(im, BoundaryMode.SYMMETRIC);
        assertEquals(im.get(0, 0, 4), symmetric.get(0, 0, 5));
        assertEquals(im.get(0, 99, 4), symmetric.get(0, 103, 5));
    }

    @Test
    void padToMultipleOfFourAndCropBack() {
        Padding p = Padding.toMultipleOf(101, 101, 4);
        assertEquals(104, p.paddedHeight());
        assertEquals(1, p.top());
        assertEquals(1, p.left());
        assertEquals(2, p.bottom());
        assertEquals(2, p.right());
        float[] imgs = new float[2 * 3 * 101 * 101];
        Random rnd = new Random(4);
        for (int i = 0; i < imgs.length; i++) {
            imgs[i] = rnd.nextFloat();
        }
        for (BoundaryMode fill : new BoundaryMode[] {BoundaryMode.MIRROR, BoundaryMode.ZERO}) {
            float[] padded = p.pad(imgs, 2, 3, fill);
            assertEquals(2 * 3 * 104 * 104, padded.length);
            assertArrayEquals(imgs, p.crop(padded, 2 * 3));
            float corner = padded[0];
            assertEquals(fill == BoundaryMode.ZERO ? 0f : imgs[101 + 1], corner);
        }
        assertTrue(Padding.toMultipleOf(24, 24, 4).isIdentity());
        assertThrows(IllegalArgumentException.class, () -> p.pad(new float[10], 1, 1, BoundaryMode.ZERO));
    }

    /**
     * The salt example trains on NCHW {@code float[]} padded {@link Padding#toMultipleOf to a multiple}
     * and explains {@code Image}s padded {@link Padding#centred to the recorded size}: both must give
     * the same numbers (one class now; this pins the two paths).
     */
    @Test
    void trainingPaddingEqualsTheExplanationsPadding() {
        Random r = new Random(5);
        for (int[] size : new int[][] {{101, 101}, {24, 24}, {37, 50}}) {
            int h = size[0], w = size[1], c = 3;
            float[] x = new float[c * h * w];
            for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
            Padding training = Padding.toMultipleOf(h, w, 8);
            float[] a = training.pad(x, 1, c, BoundaryMode.MIRROR);
            // the explanation stage pads each Image to the size training recorded
            Padding explanation = Padding.centred(h, w, training.paddedHeight(), training.paddedWidth());
            assertEquals(training, explanation);
            Image b = explanation.pad(Image.of(new ImageShape(c, h, w), x), BoundaryMode.MIRROR);
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

    @Test
    void batchPaddingUsesOnlyTheBatchsImages() {
        ImageShape s = new ImageShape(2, 3, 3);
        Random r = new Random(6);
        Image a = randomImage(s, r);
        Image b = randomImage(s, r);
        double[] buffer = new double[3 * s.size()]; // room for 3, the batch holds 2
        a.copyTo(buffer, 0);
        b.copyTo(buffer, s.size());
        Padding p = Padding.centred(3, 3, 5, 6);
        ImageBatch padded = p.pad(new ImageBatch(s, 2, buffer), BoundaryMode.SYMMETRIC);
        assertEquals(new ImageShape(2, 5, 6), padded.shape());
        assertEquals(2, padded.count());
        assertEquals(2 * 2 * 5 * 6, padded.values().length);
        double[] second = new double[2 * 5 * 6];
        System.arraycopy(padded.values(), 2 * 5 * 6, second, 0, second.length);
        assertArrayEquals(p.pad(b, BoundaryMode.SYMMETRIC).toArray(), second);
        ImageBatch same = new ImageBatch(s, 2, buffer);
        assertSame(same, Padding.centred(3, 3, 3, 3).pad(same, BoundaryMode.MIRROR));
    }

    @Test
    void cropFlatMaps() {
        double[] maps = new double[2 * 4 * 4];
        for (int i = 0; i < maps.length; i++) {
            maps[i] = i;
        }
        double[] c = Padding.centred(2, 2, 4, 4).crop(maps, 2);
        assertEquals(5, c[0]);
        assertEquals(10, c[3]);
        assertEquals(21, c[4]);
        assertThrows(IllegalArgumentException.class, () -> Padding.centred(5, 2, 4, 4).crop(maps, 2));
        assertThrows(IllegalArgumentException.class,
                () -> Padding.centred(2, 2, 1, 2).pad(Image.of(new ImageShape(1, 2, 2), new double[4]),
                        BoundaryMode.ZERO));
        // 4 x 4 -> 3 x 3 drops the first row and column ((4 - 3) / 2 = 0 before, 1 after)
        double[] odd = Padding.centred(3, 3, 4, 4).crop(java.util.Arrays.copyOf(maps, 16), 1);
        assertArrayEquals(new double[] {0, 1, 2, 4, 5, 6, 8, 9, 10}, odd);
    }

    @Test
    void errorsNameTheSizes() {
        Padding p = Padding.centred(2, 2, 8, 8);
        IllegalArgumentException mirror = assertThrows(IllegalArgumentException.class,
                () -> p.pad(new double[4], 1, BoundaryMode.MIRROR));
        assertTrue(mirror.getMessage().contains("mirror padding of 2x2 to 8x8 adds 3 + 3 rows"), mirror.getMessage());
        assertEquals(64, p.pad(new double[4], 1, BoundaryMode.SYMMETRIC).length, "symmetric has no such limit");
        IllegalArgumentException smaller = assertThrows(IllegalArgumentException.class,
                () -> Padding.centred(101, 101, 100, 104));
        assertTrue(smaller.getMessage().contains("cannot pad 101x101 to 100x104"), smaller.getMessage());
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> Padding.toMultipleOf(101, 101, 4).crop(new double[100], 2));
        assertTrue(length.getMessage().contains("2 planes of 104x104 needs 21632 values, got 100"),
                length.getMessage());
        IllegalArgumentException images = assertThrows(IllegalArgumentException.class,
                () -> Padding.toMultipleOf(101, 101, 4).pad(new float[10], 2, 3, BoundaryMode.ZERO));
        assertTrue(images.getMessage().contains("2 images of 3x101x101 needs 61206 values, got 10"),
                images.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> Padding.toMultipleOf(101, 101, 4).pad(Image.of(new ImageShape(1, 2, 2), new double[4]),
                        BoundaryMode.ZERO));
        assertTrue(shape.getMessage().contains("1x2x2") && shape.getMessage().contains("must be 101x101"),
                shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Padding.toMultipleOf(101, 101, 0));
        assertThrows(IllegalArgumentException.class, () -> new Padding(4, 4, 1, 0, 4, 4));
    }

    static Image randomImage(ImageShape shape, Random random) {
        double[] v = new double[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        return Image.of(shape, v);
    }
}
