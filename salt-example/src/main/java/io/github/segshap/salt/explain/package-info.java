/**
 * The explanation stage of the salt study: which test samples to explain
 * ({@link io.github.segshap.salt.explain.SampleSelection}), the channel contributions of each
 * (one Shapley player per input channel: seismic, energy, semblance, Sobel; a background of
 * training images or the rows of a file, {@link io.github.segshap.salt.explain.TrainingBackground})
 * through the library's facade with shap-core's one options value (fixed once per run by
 * {@link io.github.segshap.salt.explain.ExplanationSetup}, run by DL4J or ONNX Runtime:
 * {@link io.github.segshap.salt.explain.ModelRuntime}), saved per sample in the core's resumable store
 * (an explanation folder with inputs, true mask and the full provenance), and reused only while that
 * provenance is current and the arrays verify
 * ({@link io.github.segshap.salt.explain.ExplanationStage},
 * {@link io.github.segshap.salt.explain.SampleRecipe}); reading them back, verified
 * ({@link io.github.segshap.salt.explain.SampleFiles}) and combined into one explanation of many
 * samples, true masks as its labels, and {@code summary.json}
 * ({@link io.github.segshap.salt.explain.CohortSummary}, statistics from the core result type); and a
 * whole synthetic section explained by overlapping tiles ({@link io.github.segshap.salt.explain.SectionStage}).
 */
package io.github.segshap.salt.explain;
