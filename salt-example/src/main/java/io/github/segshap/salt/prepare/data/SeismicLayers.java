package io.github.segshap.salt.prepare.data;

import java.util.SplittableRandom;

/**
 * The layered reflectors of a synthetic seismic image: three dipping, folded sinusoidal layer sets,
 * drawn once from a seeded generator (the draw order is part of the synthetic data's definition) and
 * evaluated at any sample, their amplitude growing with depth.
 */
final class SeismicLayers {
    private static final int SETS = 3;
    private final double[] period = new double[SETS];
    private final double[] dip = new double[SETS];
    private final double[] fold = new double[SETS];
    private final double[] foldLength = new double[SETS];
    private final double[] amp = new double[SETS];
    private final double[] phase = new double[SETS];

    /**
     * Draws the layer sets: per set its period, dip (uniform in {@code ±dipRange / 2}), fold height
     * (up to {@code foldMax}), fold length ({@code foldLengthMin} plus up to {@code foldLengthRange}),
     * amplitude and phase, in that order.
     */
    SeismicLayers(SplittableRandom rnd, double dipRange, double foldMax, double foldLengthMin, double foldLengthRange) {
        for (int k = 0; k < SETS; k++) {
            period[k] = 4 + rnd.nextDouble() * 14;
            dip[k] = (rnd.nextDouble() - 0.5) * dipRange;
            fold[k] = rnd.nextDouble() * foldMax;
            foldLength[k] = foldLengthMin + rnd.nextDouble() * foldLengthRange;
            amp[k] = 0.3 + rnd.nextDouble() * 0.7;
            phase[k] = rnd.nextDouble() * 2 * Math.PI;
        }
    }

    /** The reflectivity at row {@code r} (of {@code height}) and column {@code c}. */
    double at(int r, int c, int height) {
        double v = 0;
        for (int k = 0; k < SETS; k++) {
            double shift = dip[k] * c + fold[k] * Math.sin(2 * Math.PI * c / foldLength[k]);
            v += amp[k] * Math.sin(2 * Math.PI * (r - shift) / period[k] + phase[k]);
        }
        return v * (0.7 + 0.3 * r / height); // amplitude grows with depth
    }

    /** The three harmonic amplitudes and phases of a salt body's outline, drawn as the generator does. */
    static double[][] bodyHarmonics(SplittableRandom rnd) {
        double[] a = new double[SETS];
        double[] phi = new double[SETS];
        for (int k = 0; k < SETS; k++) {
            a[k] = (rnd.nextDouble() - 0.5) * 0.35;
            phi[k] = rnd.nextDouble() * 2 * Math.PI;
        }
        return new double[][] {a, phi};
    }
}
