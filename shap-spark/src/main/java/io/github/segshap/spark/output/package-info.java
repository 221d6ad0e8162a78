/**
 * What a Spark job leaves in its output folder: {@link io.github.segshap.spark.output.ImageFolders}
 * ({@code images/<id>/}, one explanation folder per image in the core's
 * {@link io.github.segshap.core.store.ResultStore}: put atomically, found done on a rerun when its
 * recipe is the job's and its checksums verify; {@code failed/<id>.txt}, the error of an
 * image that could not be explained), {@link io.github.segshap.spark.output.ImageOutcome} (what
 * became of one image) and {@link io.github.segshap.spark.output.StatisticsTable}
 * ({@code statistics.parquet/}: per-image statistics written by Spark, for Spark SQL or pandas).
 */
package io.github.segshap.spark.output;
