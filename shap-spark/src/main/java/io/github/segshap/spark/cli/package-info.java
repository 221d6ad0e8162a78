/**
 * The {@code segshap} command line on Apache Spark ({@code segshap explain --engine spark}):
 * {@link io.github.segshap.spark.cli.SparkEngine} runs a request as a {@code SparkExplainJob},
 * {@link io.github.segshap.spark.cli.CliModelFactory} loads {@code --model} on the executors as the
 * command does, {@link io.github.segshap.spark.cli.PngDecoder} reads PNG files as the command does.
 * {@link io.github.segshap.spark.cli.SparkExtension} adds the engine to the program (shap-cli's
 * {@code cli.extension} seam), so shap-cli does not depend on Spark; segshap-spark.jar is the
 * program with this engine, for {@code spark-submit}.
 */
package io.github.segshap.spark.cli;
