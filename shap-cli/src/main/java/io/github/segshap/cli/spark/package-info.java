/**
 * The options of {@code segshap explain} that choose the engine and configure the Spark one
 * ({@link io.github.segshap.cli.spark.SparkOptions}): declared here so that every jar's
 * {@code explain} takes the same flags. The engine itself is shap-spark's (segshap-spark.jar), found
 * through {@code cli.extension}; a jar without it says how to run it.
 */
package io.github.segshap.cli.spark;
