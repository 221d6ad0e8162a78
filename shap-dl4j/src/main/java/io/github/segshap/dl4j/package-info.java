/**
 * Explain Deeplearning4j segmentation models in one line:
 * {@link io.github.segshap.dl4j.SegmentationExplainer#explain(org.deeplearning4j.nn.api.NeuralNetwork, java.util.List)}.
 * Sub-packages: {@code model} (the DL4J network as a shap-core model, loading), {@code results}
 * (per-image explanation maps and their NPY/JSON files), {@code images} (array conversions,
 * padding), {@code runtime} (the oneDNN fast-path switch), {@code zoo} (the seed U-Net).
 */
package io.github.segshap.dl4j;
