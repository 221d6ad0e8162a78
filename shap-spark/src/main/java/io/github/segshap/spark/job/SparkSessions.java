package io.github.segshap.spark.job;

import org.apache.spark.sql.SparkSession;

/**
 * Spark sessions for running a job inside this JVM: {@code local[N]} (or {@code local[N,F]}, which
 * retries a failed task up to F-1 times), bound to 127.0.0.1, without the web UI, with few shuffle
 * partitions. On a cluster, {@code spark-submit} makes the session ({@link #cluster}).
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    /** A session on {@code master} (e.g. {@code local[2]}), bound to 127.0.0.1, without UI. */
    public static SparkSession local(String master) {
        return SparkSession.builder().master(master).appName("segshap")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.ui.showConsoleProgress", "false")
                .getOrCreate();
    }

    /**
     * The session of {@code master}: {@link #local} for a {@code local} master, else the session
     * {@code spark-submit} configured (master, executors and addresses from its options).
     */
    public static SparkSession forMaster(String master) {
        if (master == null || master.startsWith("local")) {
            return local(master == null ? "local[*]" : master);
        }
        return cluster(master);
    }

    /** A session on a cluster master ({@code spark://}, {@code yarn}, {@code k8s://}), without UI settings. */
    public static SparkSession cluster(String master) {
        return SparkSession.builder().master(master).appName("segshap").getOrCreate();
    }
}
