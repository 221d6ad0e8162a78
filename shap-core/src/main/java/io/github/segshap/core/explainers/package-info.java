/**
 * The explainers: {@link io.github.segshap.core.explainers.Explainer} is the seam;
 * {@link io.github.segshap.core.explainers.ExactExplainer} (all 2^M coalitions),
 * {@link io.github.segshap.core.explainers.KernelExplainer} (weighted least squares, all outputs
 * in one solve), {@link io.github.segshap.core.explainers.PartitionExplainer} (Owen values over a
 * hierarchy) and {@link io.github.segshap.core.explainers.PermutationExplainer} (antithetic
 * permutations) implement it, each built with its builder.
 */
package io.github.segshap.core.explainers;
