/**
 * The model-agnostic facade that explains a segmentation model's predicted maps: immutable
 * {@link io.github.segshap.core.segmentation.ExplanationOptions} (players, background, masker,
 * estimator, budget, seeds, threads, additivity check, model description; defaults written once),
 * the {@link io.github.segshap.core.segmentation.ImageExplainer} that resolves them for a
 * {@link io.github.segshap.core.model.Model} and a list of images into one shap-core explainer and
 * returns {@link io.github.segshap.core.explanation.Explanations} with their full
 * {@link io.github.segshap.core.provenance.Provenance} (at once, or a batch at a time to a consumer),
 * and {@link io.github.segshap.core.segmentation.BackgroundDraw}, the seeded default background.
 * Options re-created from a saved provenance
 * ({@link io.github.segshap.core.segmentation.ExplanationOptions#fromProvenance}) make the same
 * numbers again. Adapters (DL4J, ONNX) and front ends (the salt example, a command line) build on
 * this package.
 */
package io.github.segshap.core.segmentation;
