package io.github.segshap.core.explainers;

import io.github.segshap.core.evaluation.Coalition;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.interactions.ExactTransform;
import io.github.segshap.core.interactions.InteractionMaps;
import io.github.segshap.core.masking.Masker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.players.Players;

import java.util.ArrayList;
import java.util.List;

/**
 * Exact Shapley values by evaluating all 2^M coalitions:
 * {@code phi_i = sum_S v(S) c_i(S)} with {@code c_i(S) = w(|S|-1)} when i is in S and
 * {@code -w(|S|)} otherwise, {@code w(s) = s!(M-s-1)!/M!}. Coalitions stream through in chunks, so
 * memory does not grow with 2^M; {@link ExactTransform} applies the weights. On request
 * ({@link Builder#interactions(boolean)}) each explanation also carries its pairwise
 * {@link InteractionMaps}, from the same coalition values. Practical up to about 20 players; the default limit is 20 and
 * {@link Builder#maxPlayers(int)} raises it to at most 30.
 */
public final class ExactExplainer extends AbstractExplainer {
    /** Largest player count the explainer accepts at all. */
    public static final int HARD_LIMIT = 30;
    /**
     * Memory of one chunk of coalition values. A constant, not the batch budget: the chunks' bounds
     * decide the summation order, and values must not depend on the batch size or thread count.
     */
    private static final long CHUNK_BYTES = 64L << 20;
    private final boolean interactions;
    private final boolean moebius;

    private ExactExplainer(Builder b) {
        super(b);
        int m = b.players.count();
        this.interactions = b.interactions;
        this.moebius = b.moebius;
        if (moebius && m > ExactTransform.MOEBIUS_LIMIT) {
            throw new IllegalArgumentException("Moebius dividends of " + m + " players would be 2^" + m
                    + " maps per image: they are available for at most " + ExactTransform.MOEBIUS_LIMIT + " players");
        }
        if (m > b.maxPlayers) {
            throw new IllegalArgumentException("the exact explainer would evaluate 2^" + m + " coalitions for " + m
                    + " players, more than its limit of " + b.maxPlayers + " players: use the Kernel, Partition or "
                    + "Permutation explainer, or raise maxPlayers (at most " + HARD_LIMIT + ")");
        }
    }

    /** A builder; model, players and masker are required. */
    public static Builder builder(Model model, Players players, Masker masker) {
        return new Builder(model, players, masker);
    }

    @Override
    Explanation.Builder estimate(Game game) {
        int m = game.players();
        int k = game.outputs();
        ExactTransform transform = ExactTransform.of(m, k, interactions, moebius);
        long total = 1L << m;
        // a power of two, so that chunks are aligned blocks of coalitions
        long rows = Math.max(1, Math.min(total, Math.min(1 << 16, CHUNK_BYTES / (8L * k))));
        int chunk = Long.highestOneBit(rows) == rows ? (int) rows : (int) Long.highestOneBit(rows);
        double[] base = null;
        double[] fx = null;
        // one chunk of values, reused (the dividends keep every row, so they need new ones)
        double[][] v = null;
        for (long first = 0; first < total; first += chunk) {
            int n = (int) Math.min(chunk, total - first);
            List<Coalition> coalitions = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                coalitions.add(Coalition.ofMask(m, first + i));
            }
            if (v == null || v.length != n || moebius) {
                v = new double[n][k];
            }
            game.valuesInto(coalitions, v);
            if (first == 0) {
                base = v[0].clone();
            }
            if (first + n == total) {
                fx = v[n - 1].clone();
            }
            transform.add(first, v);
        }
        Explanation.Builder b = explanation("exact").baseValues(base).outputs(fx).values(transform.shapleyValues())
                .modelEvaluations(game.evaluations);
        if (interactions || moebius) {
            b.interactions(transform.interactions(players.names(), evaluator.outputShape()));
        }
        return b;
    }

    /** Builder for {@link ExactExplainer}. */
    public static final class Builder extends ExplainerBuilder<Builder> {
        private int maxPlayers = 20;
        private boolean interactions;
        private boolean moebius;

        private Builder(Model model, Players players, Masker masker) {
            super(model, players, masker);
        }

        /** The largest player count accepted (default 20, at most {@value ExactExplainer#HARD_LIMIT}). */
        public Builder maxPlayers(int maxPlayers) {
            if (maxPlayers < 1 || maxPlayers > HARD_LIMIT) {
                throw new IllegalArgumentException("maxPlayers must be in 1.." + HARD_LIMIT + ", got " + maxPlayers);
            }
            this.maxPlayers = maxPlayers;
            return this;
        }

        /**
         * Whether every explanation carries its pairwise {@link InteractionMaps} (default off; M x M
         * values per output, from the same coalition values, no extra model call).
         */
        public Builder interactions(boolean interactions) {
            this.interactions = interactions;
            return this;
        }

        /**
         * Whether the interaction maps also carry the Moebius dividends of every coalition (default
         * off; 2^M values per output, at most {@value ExactTransform#MOEBIUS_LIMIT} players). Turns
         * the interaction maps on.
         */
        public Builder moebiusDividends(boolean moebius) {
            this.moebius = moebius;
            if (moebius) {
                this.interactions = true;
            }
            return this;
        }

        @Override
        public ExactExplainer build() {
            return new ExactExplainer(this);
        }
    }
}
