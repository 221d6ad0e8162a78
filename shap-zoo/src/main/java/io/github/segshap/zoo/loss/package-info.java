/**
 * Loss functions for segmentation networks, as DL4J {@code ILossFunction}s: the binary
 * {@link io.github.segshap.zoo.loss.FocalLoss} (Keras' {@code BinaryFocalCrossentropy}), the
 * Lovász-softmax {@link io.github.segshap.zoo.loss.LovaszLoss} (a surrogate of 1 - IoU per
 * image) and their weighted {@link io.github.segshap.zoo.loss.LossSum}. They live here, not in
 * the salt example, so that a network trained with them loads wherever shap-zoo is on the class
 * path (DL4J records a loss by its class name in the saved configuration). Models saved under the
 * losses' earlier names ({@code io.github.segshap.salt.train.*}, {@code io.github.segshap.dl4j.zoo.loss.*})
 * load too: shap-zoo ships {@code META-INF/segshap/dl4j-class-aliases.properties}, which shap-dl4j's
 * model loader reads.
 */
package io.github.segshap.zoo.loss;
