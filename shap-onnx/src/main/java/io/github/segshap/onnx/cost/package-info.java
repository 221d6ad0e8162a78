/**
 * What one pass of an ONNX network costs: {@link io.github.segshap.onnx.cost.PassCost} counts the
 * multiply-adds of its convolutions, transposed convolutions and matrix products from the graph
 * and the shapes one ONNX Runtime run reveals, and gives each such layer alone as a one-node model
 * ({@link io.github.segshap.onnx.cost.Layer#alone(int)}) to time the machine's attainable rate on
 * the same work.
 */
package io.github.segshap.onnx.cost;
