/**
 * Training of the salt segmentation network: the binary {@link io.github.segshap.dl4j.zoo.loss.FocalLoss}
 * (Keras semantics, as a DL4J {@code ILossFunction}) and the {@link io.github.segshap.salt.train.Trainer}
 * that fits a DL4J {@code ComputationGraph} on NCHW float arrays with shuffled mini-batches, optional
 * left-right flips, per-epoch metrics on the training and validation sets, and early stopping on the
 * validation ROC AUC that restores the best weights. Options come from
 * {@link io.github.segshap.salt.train.TrainingOptions#builder()}; run tracking plugs in through
 * {@link io.github.segshap.salt.train.EpochListener}.
 */
package io.github.segshap.salt.train;
