/**
 * shap-onnx: explain any ONNX segmentation model (exported from PyTorch, TensorFlow, Keras or
 * DL4J) through ONNX Runtime. {@code model} holds the adapter
 * ({@link io.github.segshap.onnx.model.OnnxModel}, a shap-core {@code Model}), {@code graph} a
 * writer of ONNX models, {@code export} the export of DL4J U-Nets to ONNX.
 */
package io.github.segshap.onnx;
