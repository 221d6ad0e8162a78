/**
 * Loss functions for segmentation networks, as DL4J {@code ILossFunction}s: the binary
 * {@link io.github.segshap.dl4j.zoo.loss.FocalLoss} (Keras' {@code BinaryFocalCrossentropy}), the
 * Lovász-softmax {@link io.github.segshap.dl4j.zoo.loss.LovaszLoss} (a surrogate of 1 - IoU per
 * image) and their weighted {@link io.github.segshap.dl4j.zoo.loss.LossSum}. They live here, not in
 * the salt example, so that a network trained with them loads wherever shap-dl4j is on the class
 * path (DL4J records a loss by its class name in the saved configuration).
 */
package io.github.segshap.dl4j.zoo.loss;
