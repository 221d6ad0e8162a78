/**
 * Interactions between players, from the values of all 2^M coalitions of an exact explanation (no
 * extra model call): {@link io.github.segshap.core.interactions.ExactTransform} streams the
 * coalition values once and gives the Shapley values and, on request, the pairwise Shapley
 * interaction index and the Moebius (Harsanyi) dividends, for every output at once;
 * {@link io.github.segshap.core.interactions.InteractionMaps} is the immutable result, the SHAP
 * interaction values {@code [M, M, K]} in shap's TreeExplainer convention with views per pair and
 * per output.
 */
package io.github.segshap.core.interactions;
