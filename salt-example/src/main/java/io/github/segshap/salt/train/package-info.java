/**
 * Training of the salt segmentation network: the binary {@link io.github.segshap.zoo.loss.FocalLoss}
 * (Keras semantics, as a DL4J {@code ILossFunction}) and the {@link io.github.segshap.salt.train.Trainer}
 * that fits a DL4J {@code ComputationGraph} on NCHW float arrays with shuffled mini-batches, optional
 * left-right flips, per-epoch metrics on the training and validation sets, and early stopping on the
 * validation ROC AUC that restores the best weights. Options come from
 * {@link io.github.segshap.salt.train.TrainingOptions#builder()}; run tracking plugs in through
 * {@link io.github.segshap.salt.train.EpochListener}. Sub-packages: {@code metrics} (ROC AUC, IoU,
 * the Kaggle TGS metric and the tuned mask rule) and {@code tracking} (the MLflow file store).
 */
package io.github.segshap.salt.train;
