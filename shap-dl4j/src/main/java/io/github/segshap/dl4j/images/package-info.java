/**
 * Image conversions between {@code INDArray}s, Java arrays and shap-core images
 * ({@link io.github.segshap.dl4j.images.Images}), and centred padding and cropping for networks
 * that need other sizes ({@link io.github.segshap.dl4j.images.Padding}).
 */
package io.github.segshap.dl4j.images;
