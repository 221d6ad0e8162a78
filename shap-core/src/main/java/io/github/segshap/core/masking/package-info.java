/**
 * Maskers: what absent players take. {@link io.github.segshap.core.masking.Masker} is the seam;
 * {@link io.github.segshap.core.masking.BackgroundMasker} (background data, optionally summarised
 * by {@link io.github.segshap.core.masking.BackgroundSummary}),
 * {@link io.github.segshap.core.masking.BaselineMasker} (a constant image) and
 * {@link io.github.segshap.core.masking.BlurMasker} (a blur of the image) implement it, each as
 * weighted {@link io.github.segshap.core.masking.Replacements}.
 */
package io.github.segshap.core.masking;
