/**
 * Explain Deeplearning4j segmentation models in one line:
 * {@link io.github.segshap.dl4j.SegmentationExplainer#explain(org.deeplearning4j.nn.api.NeuralNetwork, java.util.List)},
 * the DL4J convenience over shap-core's {@link io.github.segshap.core.segmentation.ImageExplainer};
 * results are shap-core {@link io.github.segshap.core.explanation.Explanations}, saved with
 * {@link io.github.segshap.core.io.ExplanationFolder}.
 * Sub-packages: {@code model} (the DL4J network as a shap-core model, its {@code ModelFormat}, loading with
 * class aliases), {@code images} (array conversions), {@code runtime} (the oneDNN switch and pinned native
 * threads). The seed U-Net and its losses live in the shap-zoo module.
 */
package io.github.segshap.dl4j;
