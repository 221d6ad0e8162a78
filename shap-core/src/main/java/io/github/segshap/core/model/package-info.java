/**
 * The seam to the model being explained: {@link io.github.segshap.core.model.Model} maps a batch
 * of images to a batch of outputs of an {@link io.github.segshap.core.model.OutputShape}. Runtime
 * adapters (DL4J, ONNX, plain Java) implement it; {@link io.github.segshap.core.model.PaddedModel}
 * decorates any model with a pad of its inputs and a crop of its outputs.
 */
package io.github.segshap.core.model;
