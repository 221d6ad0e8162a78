/**
 * Training of the salt segmentation network: the binary {@link io.github.segshap.zoo.loss.FocalLoss}
 * (Keras semantics, as a DL4J {@code ILossFunction}) and the {@link io.github.segshap.salt.train.Trainer}
 * that fits a DL4J {@code ComputationGraph} on NCHW float arrays with shuffled mini-batches, optional
 * left-right flips, per-epoch metrics on the training and validation sets, and early stopping on the
 * validation ROC AUC that restores the best weights. What a training is - the U-Net, the loss and
 * the loop - is one record, {@link io.github.segshap.salt.train.TrainSettings} (declared, defaulted
 * and checked there once, saved in the run folder, filled by the command line); the trainer takes it
 * with what belongs to the run (seed, progress, metric sample count) through
 * {@link io.github.segshap.salt.train.TrainingOptions#builder(TrainSettings)}; run tracking plugs in through
 * {@link io.github.segshap.salt.train.EpochListener}. Sub-packages: {@code metrics} (ROC AUC, IoU,
 * the Kaggle TGS metric and the tuned mask rule) and {@code tracking} (the MLflow file store).
 */
package io.github.segshap.salt.train;
