package io.github.segshap.core.explainers;

import io.github.segshap.core.evaluation.Coalition;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.masking.Masker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.players.Players;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Shapley values by antithetic permutation sampling: each random order of the players is walked
 * forwards and backwards, adding each player's marginal contribution. Every walk adds up to
 * {@code f(x) - base}, so the values are efficient by construction. Standard errors come from the
 * spread of the antithetic pairs. Costs about {@code 2 (M - 1)} coalitions per pair.
 */
public final class PermutationExplainer extends AbstractExplainer {
    private static final long CHUNK_BYTES = 256L << 20;
    private final int pairs;

    private PermutationExplainer(Builder b) {
        super(b);
        this.pairs = b.pairs;
    }

    /** A builder; model, players and masker are required. */
    public static Builder builder(Model model, Players players, Masker masker) {
        return new Builder(model, players, masker);
    }

    @Override
    Explanation.Builder estimate(Game game) {
        int m = game.players();
        int k = game.outputs();
        SplittableRandom random = new SplittableRandom(seed);
        double[][] sum = new double[m][k];
        double[][] sumSq = new double[m][k];
        double[] base = null;
        double[] fx = null;
        int chunk = (int) Math.max(1, Math.min(pairs, CHUNK_BYTES / (8L * k * 2 * (m + 1))));
        double[][] pair = new double[m][k];
        for (int first = 0; first < pairs; first += chunk) {
            int n = Math.min(chunk, pairs - first);
            List<int[]> orders = new ArrayList<>();
            List<Coalition> coalitions = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                int[] order = permutation(m, random);
                orders.add(order);
                for (int dir = 0; dir < 2; dir++) {
                    Coalition c = Coalition.empty(m);
                    coalitions.add(c);
                    for (int step = 0; step < m; step++) {
                        c = c.with(order[dir == 0 ? step : m - 1 - step]);
                        coalitions.add(c);
                    }
                }
            }
            double[][] v = game.values(coalitions);
            base = v[0];
            fx = v[m];
            for (int t = 0; t < n; t++) {
                int[] order = orders.get(t);
                for (double[] row : pair) {
                    java.util.Arrays.fill(row, 0);
                }
                for (int dir = 0; dir < 2; dir++) {
                    int offset = (2 * t + dir) * (m + 1);
                    for (int step = 0; step < m; step++) {
                        int p = order[dir == 0 ? step : m - 1 - step];
                        double[] after = v[offset + step + 1];
                        double[] before = v[offset + step];
                        double[] row = pair[p];
                        for (int j = 0; j < k; j++) {
                            row[j] += 0.5 * (after[j] - before[j]);
                        }
                    }
                }
                for (int p = 0; p < m; p++) {
                    for (int j = 0; j < k; j++) {
                        double x = pair[p][j];
                        sum[p][j] += x;
                        sumSq[p][j] += x * x;
                    }
                }
            }
        }
        double[][] se = new double[m][k];
        for (int p = 0; p < m; p++) {
            for (int j = 0; j < k; j++) {
                double mean = sum[p][j] / pairs;
                sum[p][j] = mean;
                double var = pairs > 1 ? Math.max(0, (sumSq[p][j] - pairs * mean * mean) / (pairs - 1)) : Double.NaN;
                se[p][j] = Math.sqrt(var / pairs);
            }
        }
        return explanation("permutation").baseValues(base).outputs(fx).values(sum).standardErrors(se)
                .modelEvaluations(game.evaluations);
    }

    private static int[] permutation(int m, SplittableRandom random) {
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        for (int i = m - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Builder for {@link PermutationExplainer}. */
    public static final class Builder extends ExplainerBuilder<Builder> {
        /** The largest Permutation budget, in pairs. */
        public static final long MAX_PAIRS = 1L << 24;
        private int pairs = 10;

        private Builder(Model model, Players players, Masker masker) {
            super(model, players, masker);
        }

        /** Antithetic pairs of permutations per image (default 10); at least 1. */
        public Builder permutations(int pairs) {
            return permutations((long) pairs);
        }

        /**
         * Antithetic pairs of permutations per image, as a budget of any size.
         *
         * @throws IllegalArgumentException below 1 or above {@link #MAX_PAIRS} (each pair costs 2M model
         *                                  evaluations: more than that would never finish)
         */
        public Builder permutations(long pairs) {
            if (pairs < 1 || pairs > MAX_PAIRS) {
                throw new IllegalArgumentException("a Permutation budget must be 1 to " + MAX_PAIRS
                        + " antithetic pairs of permutations, got " + pairs);
            }
            this.pairs = (int) pairs;
            return this;
        }

        @Override
        public PermutationExplainer build() {
            return new PermutationExplainer(this);
        }
    }
}
