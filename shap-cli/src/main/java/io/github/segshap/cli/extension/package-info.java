/**
 * What other jars add to the {@code segshap} program, found with {@link java.util.ServiceLoader}
 * ({@link io.github.segshap.cli.extension.SegshapExtension}): subcommands (segshap-dl4j.jar's
 * {@code export-onnx}) and explain engines ({@link io.github.segshap.cli.extension.ExplainEngine},
 * segshap-spark.jar's {@code spark}). {@link io.github.segshap.cli.extension.Extensions} merges those
 * of the class path; where one is missing, the program names the jar that has it. shap-cli itself
 * depends on neither DL4J nor Spark.
 */
package io.github.segshap.cli.extension;
