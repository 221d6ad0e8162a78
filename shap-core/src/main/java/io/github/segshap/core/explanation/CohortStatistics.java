package io.github.segshap.core.explanation;

import java.util.List;

/**
 * Per-player statistics over a cohort of outputs (all pixels of all images, or those inside or
 * outside a mask), made by {@link Explanations#cohort}. Immutable.
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
}
