package io.github.segshap.core.sections;

import java.util.Locale;

/**
 * The fixed weight of each sample of a tile when tiles are blended: separable, {@code w(i, j) =
 * a(i) b(j)} with the raised cosine {@code a(i) = floor + (1 - floor) sin^2(pi (i + 1/2) / n)} along
 * each axis of {@code n} samples, largest at the tile's centre and {@code floor} (positive) at its
 * border, so every sample of a section has a positive total weight and a tile's border, where a
 * network sees least context, counts least. {@code floor = 1} is the flat (plain average) blend.
 * The blended map is {@code sum_t w_t f_t / sum_t w_t} per sample: linear in the tiles' maps.
 * Immutable.
 *
 * @param floor the weight at a tile's border relative to its centre, in {@code (0, 1]}
 */
public record Taper(double floor) {
    /** The floor of {@link #defaults()}. */
    public static final double DEFAULT_FLOOR = 0.1;

    /** Checks the floor. */
    public Taper {
        if (!(floor > 0 && floor <= 1)) {
            throw new IllegalArgumentException("taper floor must be in (0, 1], got " + floor
                    + " (1 is a flat average; a floor of 0 would give border samples no weight)");
        }
    }

    /** The raised cosine with floor {@value #DEFAULT_FLOOR}. */
    public static Taper defaults() {
        return new Taper(DEFAULT_FLOOR);
    }

    /** The raised cosine with this floor. */
    public static Taper raisedCosine(double floor) {
        return new Taper(floor);
    }

    /** The flat blend: every sample of a tile weighs 1. */
    public static Taper flat() {
        return new Taper(1);
    }

    /** The weights along an axis of {@code n} samples, each in {@code [floor, 1]}. */
    public double[] weights(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a taper over " + n + " samples");
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double s = Math.sin(Math.PI * (i + 0.5) / n);
            w[i] = floor == 1 ? 1 : floor + (1 - floor) * s * s;
        }
        return w;
    }

    /** How the provenance records it, e.g. {@code raised cosine, floor 0.1} or {@code flat}. */
    public String description() {
        return floor == 1 ? "flat" : String.format(Locale.ROOT, "raised cosine, floor %s", floor);
    }
}
