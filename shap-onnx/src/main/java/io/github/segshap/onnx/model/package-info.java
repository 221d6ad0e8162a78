/**
 * The ONNX Runtime adapter: {@link io.github.segshap.onnx.model.OnnxModel} runs an ONNX
 * segmentation model as a shap-core {@code Model} (layouts, batching within a memory budget, fixed
 * batch sizes, float32 and float64 inputs); {@link io.github.segshap.onnx.model.Layout} names the
 * channel position; {@link io.github.segshap.core.model.IncompatibleInputException} says why images
 * do not fit a model and which padded size would.
 */
package io.github.segshap.onnx.model;
