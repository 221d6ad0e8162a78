package io.github.segshap.core.segmentation;

import io.github.segshap.core.explainers.BudgetUnit;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which explainer computes the Shapley values: the one concept called "explainer" everywhere (this
 * Java API, {@code --explainer} on both command lines, the provenance key {@code explainer}).
 * {@link #AUTO} resolves to {@link #EXACT} or {@link #KERNEL} by the player count.
 */
public enum ExplainerKind {
    /** Exact while M &lt;= {@value ExplanationOptions#EXACT_MAX_PLAYERS}, Kernel above. */
    AUTO(BudgetUnit.COALITIONS),
    /** All 2^M coalitions (exact Shapley values); takes no budget. */
    EXACT(BudgetUnit.NONE),
    /** Kernel SHAP regression on a budget of coalitions. */
    KERNEL(BudgetUnit.COALITIONS),
    /** Owen values over a hierarchy clustered on the background (exact Shapley for flat trees); no budget. */
    PARTITION(BudgetUnit.NONE),
    /** Antithetic permutation sampling on a budget of permutation pairs. */
    PERMUTATION(BudgetUnit.PERMUTATION_PAIRS),
    /**
     * A network fitted on exact explanations ({@link io.github.segshap.core.learned.LearnedExplainer}):
     * one model pass and one explainer pass per image, exactly additive, with its held-out error; no
     * budget. It is fitted, not configured, so {@link ImageExplainer} does not make it.
     */
    LEARNED(BudgetUnit.NONE);

    private final BudgetUnit budgetUnit;

    ExplainerKind(BudgetUnit budgetUnit) {
        this.budgetUnit = budgetUnit;
    }

    /** The name used on the command lines, in provenance and files, e.g. {@code exact}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * What one unit of this explainer's budget is: coalitions (Kernel, and {@link #AUTO}, whose
     * budget only counts when it resolves to Kernel), permutation pairs (Permutation), none.
     */
    public BudgetUnit budgetUnit() {
        return budgetUnit;
    }

    /**
     * The explainer used for {@code players} players: {@link #AUTO} resolves to {@link #EXACT}
     * while {@code players <= }{@value ExplanationOptions#EXACT_MAX_PLAYERS}, to {@link #KERNEL}
     * above; every other kind is itself.
     */
    public ExplainerKind resolve(int players) {
        if (this != AUTO) {
            return this;
        }
        return players <= ExplanationOptions.EXACT_MAX_PLAYERS ? EXACT : KERNEL;
    }

    /**
     * The explainer of a label (any case), e.g. {@code kernel}.
     *
     * @throws IllegalArgumentException naming the label and the known ones
     */
    public static ExplainerKind ofLabel(String label) {
        for (ExplainerKind k : values()) {
            if (k.name().equalsIgnoreCase(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown explainer '" + label + "'; known: " + Arrays.stream(values())
                .map(ExplainerKind::label).collect(Collectors.joining(", ")));
    }
}
