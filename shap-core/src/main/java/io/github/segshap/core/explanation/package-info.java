/**
 * Results: the immutable {@link io.github.segshap.core.explanation.Explanation} (base values,
 * values per player and output, model outputs, derived maps and additivity residual) and the
 * {@link io.github.segshap.core.explanation.AdditivityException} thrown when they do not add up.
 */
package io.github.segshap.core.explanation;
