/**
 * The explanation stage of the salt study: which test samples to explain
 * ({@link io.github.segshap.salt.explain.SampleSelection}), the channel contributions of each
 * (one Shapley player per input channel: seismic, energy, semblance, Sobel; a background of
 * training images) saved per sample as NumPy files plus JSON and resumed after an interruption
 * ({@link io.github.segshap.salt.explain.ExplanationStage}), reading them back
 * ({@link io.github.segshap.salt.explain.SampleFiles}), and the statistics over all explained samples
 * ({@link io.github.segshap.salt.explain.ExplanationSummary}).
 */
package io.github.segshap.salt.explain;
