/**
 * The model-agnostic facade that explains a segmentation model's predicted maps: the one immutable
 * {@link io.github.segshap.core.segmentation.ExplanationOptions} value, made of one small value per
 * concept, each declaring its fields and defaults once
 * ({@link io.github.segshap.core.segmentation.PlayerOptions},
 * {@link io.github.segshap.core.segmentation.BackgroundOptions},
 * {@link io.github.segshap.core.segmentation.ExplainerChoice} with its
 * {@link io.github.segshap.core.segmentation.ExplainerKind},
 * {@code core.evaluation.EvaluationOptions},
 * {@link io.github.segshap.core.segmentation.AdditivityCheck}) and built by one builder; the
 * {@link io.github.segshap.core.segmentation.ImageExplainer} that resolves them for a
 * {@link io.github.segshap.core.model.Model} and a list of images into one shap-core explainer and
 * returns {@link io.github.segshap.core.explanation.Explanations} with their full
 * {@link io.github.segshap.core.provenance.Provenance} (at once, or a batch at a time to a consumer);
 * and the background every front end uses: {@link io.github.segshap.core.segmentation.BackgroundDraw}
 * (the seeded draw, ids and rows at once, and the background checks) and
 * {@link io.github.segshap.core.segmentation.BackgroundSource} (what {@code --background FILE|N}
 * means). Options re-created from a saved provenance
 * ({@link io.github.segshap.core.segmentation.ExplanationOptions#fromProvenance}) make the same
 * numbers again. Adapters (DL4J, ONNX) and front ends (the salt example, the command line, the
 * Spark job) build on this package.
 */
package io.github.segshap.core.segmentation;
