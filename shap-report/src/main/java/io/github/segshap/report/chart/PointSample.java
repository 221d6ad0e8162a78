package io.github.segshap.report.chart;

import java.util.Arrays;
import java.util.Random;

/**
 * A seeded reservoir sample of at most {@code capacity} (x, y) points, for drawing scatter plots of
 * millions of points: every point added has the same chance to be kept, and the same points in the
 * same order with the same seed keep the same sample. Non-finite points are ignored. Mutable; not
 * thread-safe.
 */
public final class PointSample {
    private final double[] xs;
    private final double[] ys;
    private final Random rnd;
    private long seen;

    /**
     * @param capacity most points kept, &gt; 0
     * @param seed     seed of the sampling
     */
    public PointSample(int capacity, long seed) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("a point sample needs a capacity > 0, got " + capacity);
        }
        xs = new double[capacity];
        ys = new double[capacity];
        rnd = new Random(seed);
    }

    /** Offers one point. */
    public void add(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            return;
        }
        if (seen < xs.length) {
            xs[(int) seen] = x;
            ys[(int) seen] = y;
        } else {
            long j = (long) (rnd.nextDouble() * (seen + 1));
            if (j < xs.length) {
                xs[(int) j] = x;
                ys[(int) j] = y;
            }
        }
        seen++;
    }

    /** How many finite points were offered. */
    public long seen() {
        return seen;
    }

    /** How many points are kept. */
    public int size() {
        return (int) Math.min(seen, xs.length);
    }

    /** The kept points as {@code {xs, ys}} (copies). */
    public double[][] toArray() {
        int n = size();
        return new double[][] {Arrays.copyOf(xs, n), Arrays.copyOf(ys, n)};
    }

    /** Widens {@code xr = {min, max}} and {@code yr} (modified) to hold the kept points. */
    public void extendRange(double[] xr, double[] yr) {
        for (int i = 0; i < size(); i++) {
            xr[0] = Math.min(xr[0], xs[i]);
            xr[1] = Math.max(xr[1], xs[i]);
            yr[0] = Math.min(yr[0], ys[i]);
            yr[1] = Math.max(yr[1], ys[i]);
        }
    }
}
