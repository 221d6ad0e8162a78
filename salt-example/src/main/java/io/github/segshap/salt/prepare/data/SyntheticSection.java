package io.github.segshap.salt.prepare.data;

import io.github.segshap.salt.prepare.data.SyntheticSaltGenerator.SaltBody;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic seismic section of {@code tileRows x tileColumns} TGS tiles' worth (101 samples
 * each), drawn like {@link SyntheticSaltGenerator}'s tiles but across the whole section: three
 * folded, dipping sinusoidal layers whose amplitude grows with depth, Gaussian noise, and one salt
 * body ({@link SaltBody}, radius about a tile) per two tiles along the section, where the layers
 * fade to a weak chaotic texture under a bright top-of-salt reflection. 8-bit grey values
 * (0..255) and the true salt mask, row-major; the same {@code (tileRows, tileColumns, seed)} give
 * the same section. Immutable.
 *
 * @param height rows ({@code 101 tileRows})
 * @param width  columns ({@code 101 tileColumns})
 * @param grey   the grey values, {@code height x width}
 * @param salt   the true mask, {@code height x width}
 * @param bodies the salt bodies
 */
public record SyntheticSection(int height, int width, int[] grey, boolean[] salt, List<SaltBody> bodies) {
    /** The side of one TGS tile. */
    public static final int TILE = 101;

    /** Copies the arrays. */
    public SyntheticSection {
        grey = grey.clone();
        salt = salt.clone();
        bodies = List.copyOf(bodies);
    }

    /**
     * Generates the section.
     *
     * @throws IllegalArgumentException when a tile count is below 1
     */
    public static SyntheticSection generate(int tileRows, int tileColumns, long seed) {
        if (tileRows < 1 || tileColumns < 1) {
            throw new IllegalArgumentException("a section of " + tileRows + " x " + tileColumns + " tiles");
        }
        int h = TILE * tileRows;
        int w = TILE * tileColumns;
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x5EC710L);
        SeismicLayers layers = new SeismicLayers(rnd, 0.3, 8, 60, 200);
        double noise = 0.05 + rnd.nextDouble() * 0.2;
        double gain = 30 + rnd.nextDouble() * 30;
        double mean = 110 + rnd.nextDouble() * 40;
        List<SaltBody> bodies = new ArrayList<>();
        int count = Math.max(1, (tileRows * tileColumns + 1) / 2);
        for (int b = 0; b < count; b++) {
            double[][] harmonics = SeismicLayers.bodyHarmonics(rnd);
            bodies.add(new SaltBody(rnd.nextDouble() * h, rnd.nextDouble() * w, 25 + rnd.nextDouble() * 45, harmonics[0],
                    harmonics[1]));
        }
        double saltLevel = (rnd.nextDouble() - 0.5) * 0.6;
        int[] grey = new int[h * w];
        boolean[] salt = new boolean[h * w];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double v = layers.at(r, c, h);
                double e = rnd.nextGaussian() * noise;
                double nearest = Double.POSITIVE_INFINITY;
                for (SaltBody body : bodies) {
                    nearest = Math.min(nearest, body.radialOffset(r, c));
                }
                boolean inside = nearest <= 0;
                salt[r * w + c] = inside;
                if (inside) {
                    v = saltLevel + 0.15 * v + 0.6 * e;
                }
                v += 1.4 * Math.exp(-nearest * nearest / 2.0) + e;
                grey[r * w + c] = (int) Math.max(0, Math.min(255, Math.round(mean + gain * v)));
            }
        }
        return new SyntheticSection(h, w, grey, salt, bodies);
    }

    /** The grey values as doubles, as the pipeline reads a PNG. */
    public double[] greyAsDoubles() {
        double[] d = new double[grey.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = grey[i];
        }
        return d;
    }

    @Override
    public int[] grey() {
        return grey.clone();
    }

    @Override
    public boolean[] salt() {
        return salt.clone();
    }
}
