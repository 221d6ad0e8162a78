/**
 * segshap on Apache Spark: a data set of images explained on a cluster, one explanation folder per
 * image. {@code job} runs it ({@link io.github.segshap.spark.job.SparkExplainJob}), {@code input}
 * lists and reads the images, {@code model} builds the model once per executor, {@code output}
 * writes each image's folder (retry-safe, resumable) and records failed images; {@code cluster}
 * ships segshap's jar to the executors, checks they see the files and names what a cluster failure
 * means; {@code cli} is the {@code spark} engine of {@code segshap explain}.
 */
package io.github.segshap.spark;
