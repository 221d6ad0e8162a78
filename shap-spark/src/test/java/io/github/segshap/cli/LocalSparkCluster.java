package io.github.segshap.cli;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A real Spark standalone cluster on 127.0.0.1 for the integration tests: a Master and workers, each
 * a JVM of its own started from Spark's class path (the Maven {@code provided} scope, no segshap
 * class), with a Spark home laid out in a folder as a distribution has it ({@code jars/}: links to
 * those jars, which the workers' executors are launched with, {@code work/}). Drivers are submitted
 * as a user runs them ({@code java -cp segshap-spark.jar:$SPARK_HOME/jars/* ...}). Every JVM it
 * starts (and what they start: executors) is killed by {@link #close}.
 */
final class LocalSparkCluster implements AutoCloseable {
    private static final long START_SECONDS = 90;

    private final Path home;
    private final List<String> jvmFlags;
    private final int port;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();
    private final List<Process> drivers = new ArrayList<>();

    private LocalSparkCluster(Path home, List<String> jvmFlags, int port, Process master) {
        this.home = home;
        this.jvmFlags = jvmFlags;
        this.port = port;
        this.master = master;
    }

    /**
     * Lays out a Spark home in {@code home}, starts a Master and {@code workers} workers of one core
     * and 1 GB each, and waits until they have registered. Skips the test (an {@code Assumptions}
     * message and a line on stderr) when this machine cannot start a JVM.
     */
    static LocalSparkCluster start(Path home, String sparkClassPath, List<String> jvmFlags, int workers)
            throws IOException, InterruptedException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String entry : sparkClassPath.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && !Files.exists(jars.resolve(jar.getFileName().toString()))) {
                Files.createSymbolicLink(jars.resolve(jar.getFileName().toString()), jar);
            }
        }
        Files.createDirectories(home.resolve("logs"));
        int port = freePort();
        Process master = launch(home, sparkClassPath, jvmFlags, home.resolve("logs/master.log"),
                "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--webui-port", Integer.toString(freePort()));
        LocalSparkCluster cluster = new LocalSparkCluster(home, jvmFlags, port, master);
        try {
            for (int i = 0; i < workers; i++) {
                cluster.workers.add(launch(home, sparkClassPath, jvmFlags, home.resolve("logs/worker" + i + ".log"),
                        "org.apache.spark.deploy.worker.Worker", cluster.url(), "--host", "127.0.0.1", "--cores", "1",
                        "--memory", "1g", "--webui-port", Integer.toString(freePort()), "--work-dir",
                        Files.createDirectories(home.resolve("work" + i)).toString()));
            }
            cluster.awaitWorkers(workers);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** The master's URL. */
    String url() {
        return "spark://127.0.0.1:" + port;
    }

    /** The Spark home the workers run from. */
    Path home() {
        return home;
    }

    /** The worker JVMs, in start order. */
    List<Process> workers() {
        return List.copyOf(workers);
    }

    /** The work folder of worker {@code i} (one folder per application: the executors' jar copies and logs). */
    Path workFolder(int i) {
        return home.resolve("work" + i);
    }

    /**
     * Starts a driver as a user would ({@code java -cp segshap-spark.jar:$SPARK_HOME/jars/*
     * io.github.segshap.cli.SegshapCommand ...}), in {@code folder}, without {@code spark.jars}.
     */
    DriverRun submit(Path jar, Path folder, String... args) throws IOException {
        return submit(jar, folder, List.of(), args);
    }

    /** {@link #submit(Path, Path, String...)} with more JVM options for the driver (e.g. {@code -Dspark.*} settings). */
    DriverRun submit(Path jar, Path folder, List<String> driverOptions, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(jvmFlags);
        cmd.addAll(driverOptions);
        cmd.addAll(List.of("-Dspark.ui.enabled=false",
                "-Dorg.slf4j.simpleLogger.log.org.apache.spark.scheduler.TaskSetManager=info",
                "-cp", jar + File.pathSeparator + home.resolve("jars") + File.separator + "*",
                SegshapCommand.class.getName()));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(folder.toFile()).redirectErrorStream(true);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        drivers.add(p);
        return new DriverRun(p);
    }

    /**
     * Kills worker {@code i} and the JVMs it started (its executors) with SIGKILL, as a machine that
     * dies does.
     *
     * @return the process ids of the killed executors
     */
    List<Long> killWorker(int i) throws InterruptedException {
        Process worker = workers.get(i);
        List<ProcessHandle> executors = worker.toHandle().descendants().toList();
        for (ProcessHandle e : executors) {
            e.destroyForcibly();
        }
        worker.destroyForcibly();
        worker.waitFor(10, TimeUnit.SECONDS);
        for (ProcessHandle e : executors) {
            e.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        }
        return executors.stream().map(ProcessHandle::pid).toList();
    }

    /** The last lines of a log of the cluster (for failure messages). */
    String tail(String log) {
        try {
            List<String> lines = Files.readAllLines(home.resolve("logs").resolve(log), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no " + log + ": " + e.getMessage() + ")";
        }
    }

    private void awaitWorkers(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) {
                throw new AssertionError("the Spark master exited with " + master.exitValue() + ":\n"
                        + tail("master.log"));
            }
            String log = read(home.resolve("logs/master.log"));
            if (log.split("Registering worker", -1).length - 1 >= count) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(count + " workers did not register in " + START_SECONDS + " s:\n"
                + tail("master.log") + "\n" + tail("worker0.log"));
    }

    private static Process launch(Path home, String classPath, List<String> jvmFlags, Path log, String main,
                                  String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(jvmFlags);
        // the master and the workers only pass messages: a small heap and quick start-up
        cmd.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath, main));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");   // what Spark's scripts (load-spark-env.sh) export
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.remove("SPARK_CONF_DIR");
        try {
            return pb.start();
        } catch (IOException e) {
            String why = "this machine cannot start a JVM for the Spark cluster (" + main + "): " + e.getMessage();
            System.err.println("[LocalSparkCluster] SKIPPED: " + why);
            Assumptions.abort(why);
            throw new UncheckedIOException(e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Spark and what it brings, as a Spark distribution's {@code jars/} holds them: the build's
     * {@code spark.class.path} (the provided scope), with slf4j and Jackson from this JVM's class
     * path (Spark needs them too, but segshap's compile scope takes them out of the provided one).
     */
    static String sparkClassPath() {
        String spark = System.getProperty("spark.class.path", "");
        assertFalse(spark.isBlank(), "the build passes Spark's class path (spark.class.path)");
        List<String> parts = new ArrayList<>(List.of(spark.split(File.pathSeparator)));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            boolean shared = entry.contains("/org/slf4j/") || entry.contains("/com/fasterxml/jackson/core/");
            if (shared && !parts.contains(entry)) {
                parts.add(entry);
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    /** A port nobody listens on now. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port: " + e.getMessage(), e);
        }
    }

    /** Kills every driver, executor, worker and the master, and waits for them. */
    @Override
    public void close() {
        List<Process> all = new ArrayList<>(drivers);
        all.addAll(workers);
        all.add(master);
        for (Process p : all) {
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : all) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A driver's run: its output lines with the time each was printed, read as the driver prints them. */
    static final class DriverRun {
        private final Process process;
        private final long start = System.nanoTime();
        private final List<String> lines = new ArrayList<>();
        private final List<Double> seconds = new ArrayList<>();
        private final Thread reader;

        private DriverRun(Process process) {
            this.process = process;
            this.reader = new Thread(() -> {
                try (var in = process.inputReader(StandardCharsets.UTF_8)) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        synchronized (lines) {
                            lines.add(line);
                            seconds.add((System.nanoTime() - start) / 1e9);
                        }
                    }
                } catch (IOException e) {
                    // the process was killed
                }
            }, "driver-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits for the driver to end; its exit code. */
        int await(long timeoutSeconds) throws InterruptedException {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("the driver did not end in " + timeoutSeconds + " s:\n" + output());
            }
            reader.join(10_000);
            return process.exitValue();
        }

        /** Seconds from the submit to the first line containing {@code text}, or -1. */
        double secondsTo(String text) {
            synchronized (lines) {
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).contains(text)) {
                        return seconds.get(i);
                    }
                }
            }
            return -1;
        }

        /** Seconds since the submit. */
        double elapsed() {
            return (System.nanoTime() - start) / 1e9;
        }

        /** The lines printed so far that contain {@code text}. */
        List<String> linesWith(String text) {
            synchronized (lines) {
                return lines.stream().filter(l -> l.contains(text)).toList();
            }
        }

        /** Everything printed so far, without stack-trace lines. */
        String output() {
            synchronized (lines) {
                return String.join("\n", lines.stream().filter(l -> !l.startsWith("\tat ")).toList());
            }
        }
    }
}
