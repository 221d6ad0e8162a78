/**
 * The model on the executors: {@link io.github.segshap.spark.model.ModelFactory} (a serialisable
 * recipe that builds the model from its file, shipped once per executor with
 * {@code SparkContext.addFile}) and {@link io.github.segshap.spark.model.ExecutorModels} (the model
 * built once per executor JVM, keyed by the file's fingerprint, and reused by every task).
 */
package io.github.segshap.spark.model;
