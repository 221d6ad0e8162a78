package io.github.segshap.spark.cluster;

import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Spark throws, as the one message a user reads: a stopped application (even through the
 * NullPointerException Spark's calls throw then), an aborted job with the task's last error and a
 * hint for the usual causes, a path an executor does not see; anything else is left alone.
 */
class ClusterFailuresTest {
    static final ClusterFailures.Application RUNNING =
            new ClusterFailures.Application("app-1", "spark://head:7077", false);
    static final ClusterFailures.Application STOPPED =
            new ClusterFailures.Application("app-1", "spark://head:7077", true);

    @TempDir
    Path dir;

    private static String message(Throwable error, ClusterFailures.Application app) {
        Optional<ClusterException> f = ClusterFailures.classify(error, app);
        assertTrue(f.isPresent(), "a cluster failure: " + error);
        assertTrue(f.get().getCause() == error, "keeps what Spark threw");
        return f.get().getMessage();
    }

    @Test
    void aStoppedApplicationIsNamedEvenBehindSparksNullPointerException() {
        String m = message(new NullPointerException("Cannot invoke \"org.apache.spark.SparkEnv.driverTmpDir()\" "
                + "because the return value of \"org.apache.spark.SparkEnv$.get()\" is null"), STOPPED);
        assertTrue(m.startsWith("the Spark application app-1 on spark://head:7077 stopped before the job finished"), m);
        assertTrue(m.contains("executors keep failing to start") && m.contains("work/app-1/"), m);
        assertFalse(m.contains("NullPointerException"), m);
        assertTrue(m.endsWith("the images done are kept."), m);
    }

    @Test
    void anAbortedJobNamesTheTasksLastErrorAndTheUsualCause() {
        String classes = message(new SparkException("Job aborted due to stage failure: Task 0 in stage 0.0 failed 4 "
                + "times, most recent failure: Lost task 0.3 in stage 0.0 (TID 6) (10.0.0.2 executor 1): "
                + "java.io.IOException: java.lang.ClassNotFoundException: io.github.segshap.spark.input.ImageInput$"
                + "FileImage\n\tat org.apache.spark.util.SparkErrorUtils.tryOrIOException(SparkErrorUtils.scala:42)"),
                RUNNING);
        assertTrue(classes.startsWith("the Spark job was aborted: Task 0 in stage 0.0 failed 4 times"), classes);
        assertTrue(classes.contains("cannot load segshap's classes") && classes.contains("spark.jars"), classes);
        assertFalse(classes.contains("\tat "), "the first line only: " + classes);
        String lost = message(new IllegalStateException("collect", new SparkException("Job aborted due to stage "
                + "failure: Task 1 in stage 0.0 failed 4 times, most recent failure: Lost task 1.3 in stage 0.0: "
                + "ExecutorLostFailure (executor 3 exited caused by one of the running tasks) Reason: Command exited "
                + "with code 137")), RUNNING);
        assertTrue(lost.contains("executors were lost") && lost.contains("work/app-1/<executor>/stderr"), lost);
        String other = message(new SparkException("Job aborted due to stage failure: Task 2 in stage 0.0 failed 4 "
                + "times, most recent failure: java.lang.OutOfMemoryError: Java heap space"), RUNNING);
        assertTrue(other.contains("OutOfMemoryError: Java heap space") && other.contains("every attempt"), other);
    }

    @Test
    void aPathAnExecutorDoesNotSeeIsNamedWithItsHost() {
        Path missing = dir.resolve("not-mounted").resolve("images.npy");
        ClusterException seen = assertThrows(ClusterException.class,
                () -> ExecutorPaths.requireVisible(missing, "--images file"));
        assertTrue(seen.getMessage().startsWith("--images file " + missing + " exists on the driver but not on the "
                + "executor on "), seen.getMessage());
        ExecutorPaths.requireVisible(dir, "--out");
        SparkException aborted = new SparkException("Job aborted due to stage failure: Task 0 in stage 0.0 failed 4 "
                + "times, most recent failure: " + seen, seen);
        String m = message(aborted, RUNNING);
        assertEquals("the Spark job was aborted: " + seen.getMessage() + ". Rerun when it is fixed: the images done "
                + "are kept.", m);
    }

    @Test
    void otherErrorsAreNotTheClusters() {
        assertTrue(ClusterFailures.classify(new IllegalArgumentException("image 'x' has NaN"), RUNNING).isEmpty());
        assertTrue(ClusterFailures.classify(new SparkException("Task not serializable"), RUNNING).isPresent(),
                "a Spark failure without a task's error is still named as the application's");
    }
}
