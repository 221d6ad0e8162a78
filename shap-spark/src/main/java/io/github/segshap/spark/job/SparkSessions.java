package io.github.segshap.spark.job;

import io.github.segshap.spark.cluster.JobJar;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Spark sessions for running a job: {@code local[N]} (or {@code local[N,F]}, which retries a failed
 * task up to F-1 times) inside this JVM, bound to 127.0.0.1, without the web UI, with few shuffle
 * partitions; or a cluster's ({@link #cluster}), configured by {@code spark-submit} or
 * {@code -Dspark.*} properties, with {@code spark.jars} set when nothing set it ({@link JobJar}).
 */
public final class SparkSessions {
    /** The master when neither {@code --master} nor spark-submit's {@code --master} names one. */
    public static final String DEFAULT_MASTER = "local[*]";
    /** Spark's setting of the master, which spark-submit's {@code --master} sets. */
    public static final String SPARK_MASTER = "spark.master";

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
     * The master to run on: {@code asked} ({@code --master}), else the one spark-submit (or
     * {@code -Dspark.master}) set, else {@value #DEFAULT_MASTER}.
     *
     * @param asked the master asked for, or null
     * @throws IllegalArgumentException when {@code asked} and spark-submit's differ
     */
    public static String master(String asked) {
        String submitted = new SparkConf().get(SPARK_MASTER, "");
        if (asked == null || asked.isBlank()) {
            return submitted.isBlank() ? DEFAULT_MASTER : submitted;
        }
        if (!submitted.isBlank() && !submitted.equals(asked)) {
            throw new IllegalArgumentException("--master " + asked + " differs from spark-submit's --master "
                    + submitted + ": give the master once (spark-submit's is enough)");
        }
        return asked;
    }

    /**
     * The session of {@code master} (see {@link #master}): {@link #local} for a {@code local}
     * master, else {@link #cluster}.
     */
    public static SparkSession forMaster(String master) {
        String m = master(master);
        return isLocal(m) ? local(m) : cluster(m);
    }

    /** Whether {@code master} runs inside this JVM ({@code local}, {@code local[N]}, {@code local[N,F]}). */
    public static boolean isLocal(String master) {
        return master.equals("local") || master.startsWith("local[");
    }

    /**
     * A session on a cluster master ({@code spark://}, {@code yarn}, {@code k8s://}), configured by
     * spark-submit (or {@code -Dspark.*}); {@code spark.jars} is set to segshap's jar when nothing
     * set it ({@link JobJar#resolve}), so that executors of a stock Spark distribution load its classes.
     */
    public static SparkSession cluster(String master) {
        SparkSession.Builder b = SparkSession.builder().master(master).appName("segshap");
        JobJar.resolve().sparkJars().ifPresent(jar -> b.config(JobJar.SPARK_JARS, jar));
        return b.getOrCreate();
    }
}
