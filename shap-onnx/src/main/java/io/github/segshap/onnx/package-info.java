/**
 * shap-onnx: explain any ONNX segmentation model (exported from PyTorch, TensorFlow, Keras or
 * DL4J) through ONNX Runtime. {@code model} holds the adapter
 * ({@link io.github.segshap.onnx.model.OnnxModel}, a shap-core {@code Model}), {@code graph} a
 * writer of ONNX models. The module knows nothing of DL4J: the export of DL4J networks to ONNX is
 * shap-export's ({@code io.github.segshap.export}).
 */
package io.github.segshap.onnx;
