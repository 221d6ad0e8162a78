package io.github.segshap.core.explainers;

import io.github.segshap.core.evaluation.Coalition;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.masking.Masker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.players.Players;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kernel SHAP (Lundberg and Lee 2017): a weighted least-squares fit of the coalition values with
 * the Shapley kernel weights, efficiency enforced exactly as a constraint, solved for all outputs
 * with one factorization and one matrix product ({@link KernelRegression}).
 *
 * <p>The budget is the number of coalitions evaluated, including the empty and the grand one; the
 * default is {@code 2M + 2050}, i.e. shap's default of {@code 2M + 2048} sampled coalitions.
 * Coalition sizes are enumerated completely while the budget allows, the rest sampled in
 * complementary pairs (see {@link KernelDesign}); {@link Builder#sampling} chooses how the budget
 * is shared among sizes (shap's kernel-weight allocation, or Leverage SHAP's equal shares). When every coalition fits in the budget the
 * result equals the exact Shapley values. Sampled values come with standard errors; with a target
 * standard error the explainer stops as soon as every value's standard error is below it.
 */
public final class KernelExplainer extends AbstractExplainer {
    private final long budget;
    private final boolean paired;
    private final KernelSampling sampling;
    private final double targetStandardError;

    private KernelExplainer(Builder b) {
        super(b);
        int m = b.players.count();
        this.budget = b.budget > 0 ? b.budget : defaultBudget(m);
        if (budget < Math.min(m + 2, m < 62 ? 1L << m : Long.MAX_VALUE)) {
            throw new IllegalArgumentException("a Kernel budget of " + budget + " coalitions is too small for " + m
                    + " players: at least M + 2 = " + (m + 2) + " are needed (default 2M + 2050 = " + defaultBudget(m)
                    + ")");
        }
        this.paired = b.paired;
        this.sampling = b.sampling;
        this.targetStandardError = b.targetStandardError;
    }

    /** The default budget for M players: {@code 2M + 2050} coalitions, capped at {@code 2^M}. */
    public static long defaultBudget(int players) {
        long d = 2L * players + 2050;
        return players < 62 ? Math.min(d, 1L << players) : d;
    }

    /** A builder; model, players and masker are required. */
    public static Builder builder(Model model, Players players, Masker masker) {
        return new Builder(model, players, masker);
    }

    /** The number of coalitions evaluated per image at most, including the empty and the grand one. */
    public long budget() {
        return budget;
    }

    @Override
    Explanation.Builder estimate(Game game) {
        int m = game.players();
        Coalition empty = Coalition.empty(m);
        Coalition full = Coalition.full(m);
        double[][] ends = game.values(List.of(empty, full));
        double[] base = ends[0];
        double[] fx = ends[1];
        if (m == 1) {
            double[] phi = new double[base.length];
            for (int j = 0; j < phi.length; j++) {
                phi[j] = fx[j] - base[j];
            }
            return explanation("kernel").baseValues(base).outputs(fx).values(new double[][] {phi})
                    .standardErrors(new double[1][base.length]).modelEvaluations(game.evaluations);
        }
        long rows = m < 62 ? Math.min(budget - 2, (1L << m) - 2) : budget - 2;
        KernelDesign design = KernelDesign.of(m, rows, paired, sampling, seed);
        Map<Coalition, double[]> known = new HashMap<>();
        int drawTotal = design.draws.size();
        int drawCount = Double.isNaN(targetStandardError) ? drawTotal : Math.min(drawTotal, Math.max(m, drawTotal / 8));
        KernelRegression.Solution solution;
        while (true) {
            List<Coalition> coalitions = new ArrayList<>(design.fixed);
            List<Integer> drawOfRow = new ArrayList<>();
            for (int i = 0; i < design.fixed.size(); i++) {
                drawOfRow.add(-1);
            }
            for (int d = 0; d < drawCount; d++) {
                for (Coalition c : design.draws.get(d)) {
                    coalitions.add(c);
                    drawOfRow.add(d);
                }
            }
            List<Coalition> missing = new ArrayList<>();
            for (Coalition c : coalitions) {
                if (!known.containsKey(c)) {
                    missing.add(c);
                }
            }
            double[][] v = game.values(missing);
            for (int i = 0; i < missing.size(); i++) {
                known.put(missing.get(i), v[i]);
            }
            double[][] values = new double[coalitions.size()][];
            for (int i = 0; i < values.length; i++) {
                values[i] = known.get(coalitions.get(i));
            }
            solution = KernelRegression.solveWithErrors(coalitions, design.weights(drawCount), values, base, fx,
                    drawOfRow.stream().mapToInt(Integer::intValue).toArray());
            if (drawCount >= drawTotal || maxOf(solution.standardErrors()) <= targetStandardError) {
                break;
            }
            drawCount = Math.min(drawTotal, drawCount * 2);
        }
        return explanation("kernel").baseValues(base).outputs(fx).values(solution.values())
                .standardErrors(solution.standardErrors()).modelEvaluations(game.evaluations);
    }

    private static double maxOf(double[][] a) {
        double max = 0;
        for (double[] row : a) {
            for (double x : row) {
                max = Math.max(max, x);
            }
        }
        return max;
    }

    /** Builder for {@link KernelExplainer}. */
    public static final class Builder extends ExplainerBuilder<Builder> {
        private long budget;
        private boolean paired = true;
        private KernelSampling sampling = KernelSampling.KERNEL_WEIGHT;
        private double targetStandardError = Double.NaN;

        private Builder(Model model, Players players, Masker masker) {
            super(model, players, masker);
        }

        /**
         * Coalitions to evaluate per image, including the empty and the grand one (at least M + 2;
         * default {@code 2M + 2050}, also chosen by 0).
         *
         * @throws IllegalArgumentException for a negative budget
         */
        public Builder budget(long coalitions) {
            if (coalitions < 0) {
                throw new IllegalArgumentException("a Kernel budget must be a positive number of coalitions (or 0 "
                        + "for the default 2M + 2050), got " + coalitions);
            }
            this.budget = coalitions;
            return this;
        }

        /** Whether sampled coalitions come with their complements (default true). */
        public Builder paired(boolean paired) {
            this.paired = paired;
            return this;
        }

        /**
         * How the budget is shared among coalition sizes (default
         * {@link KernelSampling#KERNEL_WEIGHT}, shap's allocation).
         */
        public Builder sampling(KernelSampling sampling) {
            this.sampling = java.util.Objects.requireNonNull(sampling, "sampling");
            return this;
        }

        /**
         * Stop sampling once every value's standard error is at most {@code se} (checked after the
         * design doubles; the budget stays the upper limit). Off by default.
         */
        public Builder targetStandardError(double se) {
            if (!(se > 0)) {
                throw new IllegalArgumentException("target standard error must be > 0, got " + se);
            }
            this.targetStandardError = se;
            return this;
        }

        @Override
        public KernelExplainer build() {
            return new KernelExplainer(this);
        }
    }
}
