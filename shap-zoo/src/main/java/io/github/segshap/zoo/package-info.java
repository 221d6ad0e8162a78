/**
 * Ready-made DL4J network architectures: the seed project's U-Net
 * ({@link io.github.segshap.zoo.UNet}), with its losses in {@code zoo.loss}. The module depends on
 * DL4J only (not on segshap's explainer), so the salt example, the ONNX export and the benchmarks
 * reach the same network.
 */
package io.github.segshap.zoo;
