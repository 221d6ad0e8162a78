/**
 * Results: the immutable {@link io.github.segshap.core.explanation.Explanation} of one image (base
 * values, values per player and output, model outputs, derived maps and additivity residual), the
 * batch {@link io.github.segshap.core.explanation.Explanations} (ids, explained inputs, one
 * explanation per image, provenance) with the cohort statistics every front end uses
 * ({@link io.github.segshap.core.explanation.CohortStatistics}; how contributions depend on the
 * input value, {@link io.github.segshap.core.explanation.InputContributions}), and the
 * {@link io.github.segshap.core.explanation.AdditivityException} thrown when values do not add up. An
 * explanation may carry the pairwise interaction maps of the
 * {@link io.github.segshap.core.interactions} package.
 */
package io.github.segshap.core.explanation;
