package io.github.segshap.core.explainers;

import io.github.segshap.core.evaluation.Coalition;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.masking.Masker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.players.Players;

import java.util.ArrayList;
import java.util.List;

/**
 * Exact Shapley values by evaluating all 2^M coalitions:
 * {@code phi_i = sum_S v(S) c_i(S)} with {@code c_i(S) = w(|S|-1)} when i is in S and
 * {@code -w(|S|)} otherwise, {@code w(s) = s!(M-s-1)!/M!}. Coalitions stream through in chunks, so
 * memory does not grow with 2^M. Practical up to about 20 players; the default limit is 20 and
 * {@link Builder#maxPlayers(int)} raises it to at most 30.
 */
public final class ExactExplainer extends AbstractExplainer {
    /** Largest player count the explainer accepts at all. */
    public static final int HARD_LIMIT = 30;
    private static final long CHUNK_BYTES = 256L << 20;

    private ExactExplainer(Builder b) {
        super(b);
        int m = b.players.count();
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
        double[] w = ShapleyWeights.table(m);
        double[][] phi = new double[m][k];
        // phi_i = sum_{S with i} (w(|S|-1) + w(|S|)) v(S) - sum_S w(|S|) v(S): one shared sum plus |S|
        // updates per coalition instead of M (w(M) = 0)
        double[] common = new double[k];
        long total = 1L << m;
        int chunk = (int) Math.max(1, Math.min(total, Math.min(1 << 16, CHUNK_BYTES / (8L * k))));
        double[] base = null;
        double[] fx = null;
        for (long first = 0; first < total; first += chunk) {
            int n = (int) Math.min(chunk, total - first);
            List<Coalition> coalitions = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                coalitions.add(Coalition.ofMask(m, first + i));
            }
            double[][] v = game.values(coalitions);
            for (int i = 0; i < n; i++) {
                long mask = first + i;
                int size = Long.bitCount(mask);
                double[] vs = v[i];
                if (mask == 0) {
                    base = vs;
                }
                if (mask == total - 1) {
                    fx = vs;
                }
                double out = size < m ? w[size] : 0;
                double in = (size > 0 ? w[size - 1] : 0) + out;
                if (out != 0) {
                    for (int j = 0; j < k; j++) {
                        common[j] += out * vs[j];
                    }
                }
                for (long rest = mask; rest != 0; rest &= rest - 1) {
                    double[] row = phi[Long.numberOfTrailingZeros(rest)];
                    for (int j = 0; j < k; j++) {
                        row[j] += in * vs[j];
                    }
                }
            }
        }
        for (double[] row : phi) {
            for (int j = 0; j < k; j++) {
                row[j] -= common[j];
            }
        }
        return explanation("exact").baseValues(base).outputs(fx).values(phi).modelEvaluations(game.evaluations);
    }

    /** Builder for {@link ExactExplainer}. */
    public static final class Builder extends ExplainerBuilder<Builder> {
        private int maxPlayers = 20;

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

        @Override
        public ExactExplainer build() {
            return new ExactExplainer(this);
        }
    }
}
