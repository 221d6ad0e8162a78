/**
 * Segmentation metrics over pixels and images: confusion counts at a threshold, binary accuracy,
 * precision, recall, exact tie-aware pixel ROC AUC, Keras-style two-class mean IoU, and the Kaggle
 * TGS salt competition metric.
 *
 * <p>All functions take plain arrays (probabilities as {@code float[]}/{@code double[]}, truths as
 * values where anything {@code > 0.5} is salt) so that they can be used on DL4J outputs, on arrays
 * read from {@code .npy} files or on hand-made test cases alike. The single entry point for the
 * per-epoch numbers is {@link io.github.segshap.salt.train.metrics.SegmentationMetrics#compute}.
 */
package io.github.segshap.salt.train.metrics;
