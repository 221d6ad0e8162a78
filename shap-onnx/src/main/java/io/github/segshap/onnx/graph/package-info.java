/**
 * Writing ONNX models from Java: {@link io.github.segshap.onnx.graph.OnnxGraph} declares inputs,
 * constants, nodes and outputs and serialises the {@code ModelProto} (ONNX's protobuf classes from
 * {@code org.tribuo:tribuo-util-onnx}). The U-Net export and the tests' hand-built networks use it.
 */
package io.github.segshap.onnx.graph;
