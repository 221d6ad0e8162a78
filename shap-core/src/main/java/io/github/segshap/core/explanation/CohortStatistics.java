package io.github.segshap.core.explanation;

import java.util.List;

/**
 * Per-player statistics over a cohort of outputs (all pixels of all images, or those inside or
 * outside a mask), made by {@link Explanations#cohort} or, image by image (e.g. a range of images
 * at a time from an {@link ExplanationChunks}), by an {@link Accumulator}: fed the same images in
 * the same order, both give the same numbers to the bit. Immutable.
 *
 * @param players  the player names
 * @param outputs  how many outputs the cohort has (over all images)
 * @param meanAbs  mean |value| per player (NaN for an empty cohort)
 * @param mean     mean signed value per player (NaN for an empty cohort)
 */
public record CohortStatistics(List<String> players, long outputs, double[] meanAbs, double[] mean) {
    /** Copies the arrays and checks their lengths. */
    public CohortStatistics {
        players = List.copyOf(players);
        if (meanAbs.length != players.size() || mean.length != players.size()) {
            throw new IllegalArgumentException(players.size() + " players but " + meanAbs.length + " and "
                    + mean.length + " statistics");
        }
        meanAbs = meanAbs.clone();
        mean = mean.clone();
    }

    /** Mean |value| per player (a copy). */
    @Override
    public double[] meanAbs() {
        return meanAbs.clone();
    }

    /** Mean signed value per player (a copy). */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /**
     * Sums image after image towards {@link CohortStatistics}; {@link Explanations#cohort} is one.
     * Not thread-safe.
     */
    public static final class Accumulator {
        private final List<String> players;
        private final double[] abs;
        private final double[] signed;
        private long count;

        /** An empty cohort of these players. */
        public Accumulator(List<String> players) {
            this.players = List.copyOf(players);
            this.abs = new double[players.size()];
            this.signed = new double[players.size()];
        }

        /**
         * Adds the outputs of one image inside its mask (or outside it).
         *
         * @param e      the image's explanation, with these players
         * @param mask   {@code outputs} entries, or null for every output
         * @param inside true for the outputs where the mask is set, false for the others
         * @throws IllegalArgumentException when the players or the mask's length differ
         */
        public Accumulator add(Explanation e, boolean[] mask, boolean inside) {
            if (!e.playerNames().equals(players)) {
                throw new IllegalArgumentException("explanation of players " + e.playerNames() + " added to a cohort"
                        + " of " + players);
            }
            int m = players.size();
            int k = e.outputShape().size();
            if (mask != null && mask.length != k) {
                throw new IllegalArgumentException("mask of " + mask.length + " entries for " + k + " outputs");
            }
            for (int o = 0; o < k; o++) {
                if (mask != null && mask[o] != inside) {
                    continue;
                }
                count++;
                for (int p = 0; p < m; p++) {
                    double v = e.value(p, o);
                    abs[p] += Math.abs(v);
                    signed[p] += v;
                }
            }
            return this;
        }

        /** The statistics of the outputs added so far. */
        public CohortStatistics result() {
            int m = players.size();
            double[] a = new double[m];
            double[] s = new double[m];
            for (int p = 0; p < m; p++) {
                a[p] = count == 0 ? Double.NaN : abs[p] / count;
                s[p] = count == 0 ? Double.NaN : signed[p] / count;
            }
            return new CohortStatistics(players, count, a, s);
        }
    }
}
