/**
 * The Spark job: {@link io.github.segshap.spark.job.SparkExplainJob} (the driver: fixes the
 * background and the recipe once, ships the model file and the background, runs one task per
 * partition, gathers the outcomes), {@link io.github.segshap.spark.job.JobResult} (how many images
 * were explained, skipped, failed) and {@link io.github.segshap.spark.job.SparkSessions} (a local,
 * UI-less session bound to 127.0.0.1 for tests and the command line).
 */
package io.github.segshap.spark.job;
