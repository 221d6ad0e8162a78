package io.github.segshap.core.explainers;

/**
 * How {@link KernelExplainer} shares its budget among coalition sizes. Either way sizes are
 * enumerated completely while their share covers them, the rest sampled without repeats (paired
 * with complements by default), and each row is weighted by its Shapley-kernel weight over its
 * inclusion probability, so the same weighted least-squares solve serves both.
 */
public enum KernelSampling {
    /**
     * Rows in proportion to each size's total Shapley-kernel weight, as shap's KernelExplainer
     * (most rows go to the smallest and largest coalitions).
     */
    KERNEL_WEIGHT,
    /**
     * Leverage SHAP (Musco and Witter, ICLR 2025): coalitions sampled by their leverage scores in
     * the regression, which are equal for every coalition size, i.e. the same number of rows for
     * every size and, within a size, uniformly; then reweighted by kernel weight over inclusion
     * probability.
     */
    LEVERAGE
}
