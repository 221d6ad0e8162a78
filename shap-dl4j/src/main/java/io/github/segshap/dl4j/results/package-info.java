/**
 * Explanation results of segmentation models: per-image base-value, contribution and prediction
 * maps ({@link io.github.segshap.dl4j.results.SegmentationExplanation}) and their NumPy/JSON files.
 */
package io.github.segshap.dl4j.results;
