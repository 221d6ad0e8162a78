package io.github.segshap.spark.cluster;

import org.apache.spark.SparkContext;
import org.apache.spark.SparkException;

import java.util.Optional;

/**
 * What Spark threw while the job ran, as one {@link ClusterException} naming the cause and what to
 * do: the application stopped (the master removed it, e.g. because its executors kept failing to
 * start, or the connection to the master was lost: then Spark's own calls fail in odd ways, such as
 * a {@code NullPointerException} from a stopped {@code SparkEnv}), or the job was aborted because a
 * task failed on every attempt (the last error is named, with a hint for the usual causes: segshap's
 * classes missing on the executors, a path they do not see, executors lost). Anything else is not
 * the cluster's and is left as it is.
 */
public final class ClusterFailures {
    private static final String ABORTED = "Job aborted due to stage failure: ";
    private static final String AFTER = " Rerun when it is fixed: the images done are kept.";

    private ClusterFailures() {
    }

    /**
     * The cluster failure behind {@code error}, thrown by a Spark call of a job on {@code context}.
     *
     * @param error   what the call threw
     * @param context the job's Spark context
     * @return the failure, or empty when {@code error} is not the cluster's (it is then rethrown as is)
     */
    public static Optional<ClusterException> classify(Throwable error, SparkContext context) {
        return classify(error, new Application(context.applicationId(), context.master(), context.isStopped()));
    }

    /**
     * The application a job ran in, as a failure message names it.
     *
     * @param id      its id (the name of its folders in the workers' work folder)
     * @param master  its master
     * @param stopped whether it has stopped
     */
    record Application(String id, String master, boolean stopped) {
    }

    /** {@link #classify(Throwable, SparkContext)} for an application described by its id, master and state. */
    static Optional<ClusterException> classify(Throwable error, Application context) {
        Optional<ClusterException> named = find(error, ClusterException.class);
        if (named.isPresent()) {
            return Optional.of(new ClusterException("the Spark job was aborted: " + named.get().getMessage() + "."
                    + AFTER, error));
        }
        Optional<String> aborted = abortReason(error);
        if (aborted.isPresent()) {
            return Optional.of(new ClusterException("the Spark job was aborted: " + aborted.get() + ". "
                    + hint(aborted.get(), context) + AFTER, error));
        }
        if (context.stopped() || find(error, SparkException.class).isPresent()) {
            return Optional.of(new ClusterException(stopped(context, error), error));
        }
        return Optional.empty();
    }

    /**
     * What to throw for {@code error} from a Spark call of a job on {@code context}: its
     * {@link ClusterException} when it is the cluster's, else {@code error} itself (a checked one
     * wrapped in an {@link IllegalStateException}).
     */
    public static RuntimeException translate(Exception error, SparkContext context) {
        Optional<ClusterException> failure = classify(error, context);
        if (failure.isPresent()) {
            return failure.get();
        }
        return error instanceof RuntimeException r ? r : new IllegalStateException(error.getMessage(), error);
    }

    /** The message of an application that stopped (or a Spark failure without a task's error). */
    private static String stopped(Application context, Throwable error) {
        String app = "the Spark application " + context.id() + " on " + context.master();
        String what = context.stopped() ? app + " stopped before the job finished: the master removed it (it does "
                + "when the application's executors keep failing to start: a worker without Java 17 or without "
                + "Spark's jars in its SPARK_HOME, too little memory for --executor-memory) or the connection to the "
                + "master was lost"
                : app + " failed: " + firstLine(error);
        return what + ". Read the master's log and the executors' stderr (each worker's work/"
                + context.id() + "/<executor>/stderr)." + AFTER;
    }

    private static String hint(String reason, Application context) {
        if (reason.contains("ClassNotFoundException: io.github.segshap")
                || reason.contains("NoClassDefFoundError: io/github/segshap")) {
            return "The executors cannot load segshap's classes: submit segshap-spark.jar with spark-submit, or set "
                    + JobJar.SPARK_JARS + " to it";
        }
        if (reason.contains("ExecutorLostFailure")) {
            return "Its executors were lost while running it (killed, out of memory, or their worker died): read "
                    + "the workers' logs and the executors' stderr (each worker's work/" + context.id()
                    + "/<executor>/stderr); give executors more memory or fewer cores";
        }
        return "A task failed on every attempt (spark.task.maxFailures) with this error; the executors' stderr "
                + "(each worker's work/" + context.id() + "/<executor>/stderr) has its whole trace";
    }

    /** The task's last error of an aborted job: the first line of Spark's message, without its prefix. */
    private static Optional<String> abortReason(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (t instanceof SparkException && m != null && m.startsWith(ABORTED)) {
                return Optional.of(firstLine(t).substring(ABORTED.length()).trim());
            }
        }
        return Optional.empty();
    }

    private static <T extends Throwable> Optional<T> find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }
}
