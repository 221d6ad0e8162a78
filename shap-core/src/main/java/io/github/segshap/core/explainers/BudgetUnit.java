package io.github.segshap.core.explainers;

import java.util.Locale;

/**
 * What one unit of an explainer's budget is: a coalition evaluated ({@link KernelExplainer}), an
 * antithetic pair of permutations walked ({@link PermutationExplainer}), or nothing (the exact and
 * partition explainers take no budget). Written once here and used by the options, the command
 * lines and the provenance ({@code budget_unit}).
 */
public enum BudgetUnit {
    /** The explainer takes no budget (exact, partition). */
    NONE,
    /** Coalitions evaluated per image, the empty and the grand one included (Kernel). */
    COALITIONS,
    /** Antithetic permutation pairs walked per image (Permutation). */
    PERMUTATION_PAIRS;

    /** The name in provenance files and messages: {@code none}, {@code coalitions}, {@code permutation_pairs}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The unit of the budget of the explainer named {@code explainer} ({@code kernel},
     * {@code permutation}, any case); {@link #NONE} for any other name.
     */
    public static BudgetUnit of(String explainer) {
        if ("kernel".equalsIgnoreCase(explainer)) {
            return COALITIONS;
        }
        return "permutation".equalsIgnoreCase(explainer) ? PERMUTATION_PAIRS : NONE;
    }
}
