/**
 * Running the job on a real cluster: {@link io.github.segshap.spark.cluster.JobJar} (the jar the
 * executors load segshap from: {@code spark.jars}, set from the classes' own jar when nothing set
 * it), {@link io.github.segshap.spark.cluster.ExecutorPaths} (a task's check that its executor sees
 * the driver's files), {@link io.github.segshap.spark.cluster.ClusterFailures} (what Spark threw,
 * turned into one {@link io.github.segshap.spark.cluster.ClusterException} naming the cause and what
 * to do: executors that did not start, a lost connection, an aborted job).
 */
package io.github.segshap.spark.cluster;
