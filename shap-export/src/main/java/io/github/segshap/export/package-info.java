/**
 * shap-export: export of DL4J networks to ONNX. {@link io.github.segshap.export.OnnxExport} writes a
 * convolutional {@code ComputationGraph} such as the salt example's U-Net as an ONNX model that
 * ONNX Runtime runs with DL4J's predictions (in Java through
 * {@link io.github.segshap.onnx.model.OnnxModel}, or in Python), through shap-onnx's graph writer
 * ({@code io.github.segshap.onnx.graph.OnnxGraph}).
 */
package io.github.segshap.export;
