package io.github.segshap.spark.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A task's check, on its executor, that a file or folder the driver found is there too: the driver
 * makes every path absolute and checks it exists before the job, so a path missing on an executor
 * is one that executor does not see (a local disk of the driver's machine, another mount point).
 * Every task checks before it reads or writes, on whatever executor it runs, at no extra cost; the
 * task then fails with a {@link ClusterException} naming the host and the path, and the job is
 * aborted with that message after Spark's retries.
 */
public final class ExecutorPaths {
    private ExecutorPaths() {
    }

    /**
     * Checks that {@code path} exists on this executor.
     *
     * @param path   the absolute path the driver found
     * @param option the option that named it ({@code --images}, {@code --out}), for the message
     * @throws ClusterException naming this host and the path when it is not there
     */
    public static void requireVisible(Path path, String option) {
        if (!Files.exists(path)) {
            throw new ClusterException(option + " " + path + " exists on the driver but not on the executor on "
                    + host() + ": put it on a file system every node mounts at the same path (e.g. NFS), or run "
                    + "with --master local[N]", null);
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "an unnamed host";
        }
    }
}
