package io.github.segshap.spark.cluster;

/**
 * The cluster could not run the job: the Spark application stopped (its executors could not start,
 * the master removed it or the connection to it was lost), a task failed on every attempt and the
 * job was aborted, or an executor cannot see a file the driver sees. The message names the cause
 * and what to do; an image that fails alone is never one (it is an outcome of the job).
 */
public final class ClusterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the cause and what to do
     * @param cause   what Spark threw, or null
     */
    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
