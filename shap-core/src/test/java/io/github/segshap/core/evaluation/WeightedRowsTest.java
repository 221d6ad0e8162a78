package io.github.segshap.core.evaluation;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two rows in one pass give the bits of one row at a time, and non-finite values are reported. */
class WeightedRowsTest {
    private static final int K = 37;

    private static double[] outputs(SplittableRandom r) {
        double[] out = new double[3 * K];
        for (int i = 0; i < out.length; i++) {
            // wide exponents, so that rounding differs between orders of operations
            out[i] = r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-8, 9));
            if (r.nextInt(6) == 0) {
                // signed zeros: adding a zero first would turn -0 into +0
                out[i] = r.nextBoolean() ? -0.0 : 0.0;
            }
        }
        return out;
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }

    @Test
    void pairsGiveTheBitsOfOneRowAtATime() {
        SplittableRandom r = new SplittableRandom(2);
        for (int trial = 0; trial < 200; trial++) {
            double[] out = outputs(r);
            double w = r.nextDouble();
            double u = r.nextDouble();
            double t = r.nextDouble();
            int offset = r.nextInt(2) * K;
            double[] oneByOne = new double[K];
            WeightedRows.one(out, offset, w, oneByOne, K, false);
            WeightedRows.one(out, offset + K, u, oneByOne, K, true);
            double[] paired = new double[K];
            WeightedRows.two(out, offset, w, u, paired, K, false);
            assertArrayEquals(bits(oneByOne), bits(paired), "set then add, trial " + trial);
            // a third and fourth row onto both
            WeightedRows.one(out, 0, t, oneByOne, K, true);
            WeightedRows.one(out, K, w, oneByOne, K, true);
            WeightedRows.two(out, 0, t, w, paired, K, true);
            assertArrayEquals(bits(oneByOne), bits(paired), "add twice, trial " + trial);
        }
    }

    @Test
    void valuesThatAreNotFiniteAreReported() {
        double[] out = new double[2 * K];
        java.util.Arrays.fill(out, 1.5);
        double[] v = new double[K];
        assertTrue(WeightedRows.one(out, 0, 0.5, v, K, false) >= 0);
        assertTrue(WeightedRows.two(out, 0, 0.5, 0.5, v, K, false) >= 0);
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            for (double weight : new double[] {0, 0.25, 1}) {
                out[K + 7] = bad;
                assertTrue(WeightedRows.two(out, 0, 0.5, weight, v, K, false) < 0, bad + " with weight " + weight);
                assertTrue(WeightedRows.one(out, K, weight, v, K, true) < 0, bad + " with weight " + weight);
                assertEquals(7, WeightedRows.firstNotFinite(out, K, K));
                out[K + 7] = 1.5;
            }
        }
        assertEquals(-1, WeightedRows.firstNotFinite(out, 0, 2 * K));
        // finite outputs whose weighted sum overflows are reported too (the caller finds no bad output)
        java.util.Arrays.fill(out, Double.MAX_VALUE);
        assertTrue(WeightedRows.two(out, 0, 1, 1, v, K, false) < 0);
        assertEquals(-1, WeightedRows.firstNotFinite(out, 0, 2 * K));
    }
}
