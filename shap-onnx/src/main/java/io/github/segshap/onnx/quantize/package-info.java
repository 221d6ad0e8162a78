/**
 * Reduced precision: {@link io.github.segshap.onnx.quantize.Int8Quantizer} writes a static int8
 * copy of a float32 ONNX model in ONNX Runtime's QDQ format (QuantizeLinear / DequantizeLinear
 * around the inputs and outputs of Conv, ConvTranspose and MatMul; per-channel symmetric int8
 * weights, uint8 activations whose ranges come from running calibration images), which ONNX
 * Runtime's graph optimiser fuses into integer kernels (QLinearConv on VNNI);
 * {@link io.github.segshap.core.provenance.Precision} (shap-core) is the choice ({@code float32},
 * the default, or {@code int8}); {@link io.github.segshap.onnx.quantize.HeldOutComparison} measures the int8
 * explanation's error against the float32 one on held-out images.
 */
package io.github.segshap.onnx.quantize;
