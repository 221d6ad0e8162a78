/**
 * The command line on Apache Spark ({@code segshap explain --engine spark}):
 * {@link io.github.segshap.cli.spark.SparkOptions} (the engine's options),
 * {@link io.github.segshap.cli.spark.CliModelFactory} (the {@code --model} loader, shipped to the
 * executors) and {@link io.github.segshap.cli.spark.PngDecoder} (PNG files as the command line reads
 * them). The job itself is shap-spark's.
 */
package io.github.segshap.cli.spark;
