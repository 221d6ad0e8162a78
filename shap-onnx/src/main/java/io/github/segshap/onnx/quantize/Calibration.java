package io.github.segshap.onnx.quantize;

import java.util.Locale;

/**
 * How an activation's range is read from the calibration images: {@link #minMax()}, the smallest
 * and largest value seen, or {@link #percentile(double)}, the values at the p-th and (100 - p)-th
 * percentiles (outliers clipped, finer steps for the rest). Either way the range is widened to hold
 * 0, so that zero (padding, ReLU) is exact.
 *
 * @param percentile the upper percentile, in (50, 100]; 100 is min/max
 */
public record Calibration(double percentile) {
    /** Checks the percentile. */
    public Calibration {
        if (!(percentile > 50 && percentile <= 100)) {
            throw new IllegalArgumentException("the calibration percentile must be in (50, 100], got " + percentile);
        }
    }

    /** The smallest and largest values seen. */
    public static Calibration minMax() {
        return new Calibration(100);
    }

    /** The p-th and (100 - p)-th percentiles of the values seen. */
    public static Calibration percentile(double p) {
        return new Calibration(p);
    }

    /** Whether this is min/max. */
    public boolean isMinMax() {
        return percentile == 100;
    }

    /** {@code minmax} or e.g. {@code percentile 99.99}: the provenance's wording. */
    public String label() {
        return isMinMax() ? "minmax" : String.format(Locale.ROOT, "percentile %s", trim(percentile));
    }

    private static String trim(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }
}
