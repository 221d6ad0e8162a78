package io.github.segshap.core.segmentation;

import io.github.segshap.core.explainers.BudgetUnit;
import io.github.segshap.core.explainers.ExactExplainer;

import java.util.Objects;

/**
 * Which explainer, on what budget, with what seed, as part of {@link ExplanationOptions}; and
 * whether it also returns interaction maps (exact explainer only). Immutable.
 *
 * @param kind         the explainer; default {@link ExplainerKind#AUTO}
 * @param budget       the budget in the explainer's {@linkplain ExplainerKind#budgetUnit() unit}:
 *                     coalitions per image (Kernel), permutation pairs per image (Permutation);
 *                     0 for the explainer's default; ignored by the exact and partition explainers
 * @param seed         seed of the sampling explainers
 * @param interactions whether every explanation carries its M x M interaction maps
 */
public record ExplainerChoice(ExplainerKind kind, long budget, long seed, boolean interactions) {
    /** Seed of the sampling explainers by default. */
    public static final long DEFAULT_SEED = 42;
    /** {@link ExplainerKind#AUTO}, the explainers' default budgets, seed {@value #DEFAULT_SEED}, no interactions. */
    public static final ExplainerChoice DEFAULT = new ExplainerChoice(ExplainerKind.AUTO, 0, DEFAULT_SEED, false);

    /** Checks the values. */
    public ExplainerChoice {
        Objects.requireNonNull(kind, "explainer");
        if (budget < 0) {
            throw new IllegalArgumentException("budget must be >= 0, got " + budget);
        }
    }

    /** What one unit of {@link #budget} is. */
    public BudgetUnit budgetUnit() {
        return kind.budgetUnit();
    }

    /** This choice with another explainer. */
    public ExplainerChoice withKind(ExplainerKind k) {
        return new ExplainerChoice(k, budget, seed, interactions);
    }

    /** This choice with another budget (in the explainer's unit; 0 for its default). */
    public ExplainerChoice withBudget(long b) {
        return new ExplainerChoice(kind, b, seed, interactions);
    }

    /** This choice with another seed. */
    public ExplainerChoice withSeed(long s) {
        return new ExplainerChoice(kind, budget, s, interactions);
    }

    /** This choice with interaction maps on or off. */
    public ExplainerChoice withInteractions(boolean on) {
        return new ExplainerChoice(kind, budget, seed, on);
    }

    /**
     * Checks that interaction maps are asked only of an explainer that can be exact.
     *
     * @throws IllegalArgumentException when interaction maps are asked of Kernel, Partition or Permutation
     */
    void requireConsistent() {
        if (interactions && kind != ExplainerKind.AUTO && kind != ExplainerKind.EXACT) {
            throw new IllegalArgumentException(interactionsNeedExact(kind.label()));
        }
    }

    /** Why interaction maps cannot come from {@code explainer}. */
    static String interactionsNeedExact(String explainer) {
        return "interaction maps come from the values of all 2^M coalitions, which only the exact explainer "
                + "evaluates; the " + explainer + " explainer has none: use the exact explainer (at most "
                + ExactExplainer.HARD_LIMIT + " players) or leave interactions off";
    }
}
