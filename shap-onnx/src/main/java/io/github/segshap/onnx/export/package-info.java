/**
 * Export of DL4J networks to ONNX: {@link io.github.segshap.onnx.export.OnnxExport} writes a
 * convolutional {@code ComputationGraph} such as the salt example's U-Net as an ONNX model that
 * ONNX Runtime runs with DL4J's predictions (in Java through
 * {@link io.github.segshap.onnx.model.OnnxModel}, or in Python).
 */
package io.github.segshap.onnx.export;
