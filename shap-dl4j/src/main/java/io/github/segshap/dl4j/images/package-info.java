/**
 * Image conversions between {@code INDArray}s, Java arrays and shap-core images
 * ({@link io.github.segshap.dl4j.images.Images}). Padding for networks that need other sizes is
 * shap-core's ({@link io.github.segshap.core.padding.Padding},
 * {@link io.github.segshap.core.model.PaddedModel}).
 */
package io.github.segshap.dl4j.images;
