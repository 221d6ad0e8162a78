package io.github.segshap.report.chart;

/**
 * The range of the finite values of a 2-D map, for choosing a colour scale.
 *
 * @param min    smallest finite value (0 when there is none)
 * @param max    largest finite value (1 when there is none)
 * @param maxAbs largest finite |value| (0 when there is none)
 * @param mean   mean of the finite values, for a caption (NaN when there is none)
 */
public record MapRange(double min, double max, double maxAbs, double mean) {
    /** The range of {@code map}, not modified. */
    public static MapRange of(double[][] map) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long n = 0;
        for (double[] row : map) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    sum += v;
                    n++;
                }
            }
        }
        if (n == 0) {
            return new MapRange(0, 1, 0, Double.NaN);
        }
        return new MapRange(lo, hi, Math.max(Math.abs(lo), Math.abs(hi)), sum / n);
    }

    /** The wider of this range and {@code other} (the mean is not kept: NaN). */
    public MapRange union(MapRange other) {
        return new MapRange(Math.min(min, other.min), Math.max(max, other.max), Math.max(maxAbs, other.maxAbs),
                Double.NaN);
    }

    /** The upper bound for a colour scale: {@code max}, or a little above {@code min} when the map is constant. */
    public double upperForScale() {
        return max > min ? max : min + 1e-6;
    }
}
