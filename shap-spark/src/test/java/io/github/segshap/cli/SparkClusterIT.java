package io.github.segshap.cli;

import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code segshap explain --engine spark} on a real standalone cluster on 127.0.0.1 (a Master and two
 * one-core Workers, each its own JVM, executors launched by the workers from a Spark home holding
 * Spark's jars only), the driver run as a user runs it: {@code java -cp
 * segshap-spark.jar:$SPARK_HOME/jars/*} without {@code spark.jars} (the job sets it to its own jar).
 * Relative paths from another working folder work; one worker and its executor killed with SIGKILL
 * mid-job leave, after the job (and a rerun when the killed task left a partial folder), complete,
 * unduplicated folders bit-identical to the local engine's; executors that cannot start end the
 * command with one message and exit code 13. An integration test (failsafe, after
 * {@code package}: it needs the thin jar); skipped, visibly, only where no JVM can be started.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkClusterIT {
    static final int N = 32;
    static final long DRIVER_SECONDS = 240;

    @TempDir
    static Path tmp;
    static LocalSparkCluster cluster;
    static Path jar;

    @BeforeAll
    static void startCluster() throws Exception {
        jar = Path.of(System.getProperty("segshap.spark.jar", "target/segshap-spark.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the packaged jar: " + jar);
        String spark = LocalSparkCluster.sparkClassPath();
        List<String> flags = Arrays.asList(System.getProperty("spark.add-opens").trim().split("\\s+"));
        long t0 = System.nanoTime();
        cluster = LocalSparkCluster.start(tmp.resolve("spark-home"), spark, flags, 2);
        report("cluster (master and 2 workers) up in %.1f s", (System.nanoTime() - t0) / 1e9);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void relativePathsFromAnotherWorkingFolder() throws Exception {
        Path cwd = Files.createDirectories(tmp.resolve("user"));
        Path data = Files.createDirectories(cwd.resolve("data"));
        TinyOnnxNet.write(data.resolve("model.onnx"), 2, false, 3);
        Npy.write(data.resolve("images.npy"), TinyOnnxNet.images(4, 2, 6, 6, 5), 4, 2, 6, 6);
        LocalSparkCluster.DriverRun run = cluster.submit(jar, cwd, "explain", "--engine", "spark", "--master",
                cluster.url(), "--model", "data/model.onnx", "--images", "data/images.npy", "--background", "3",
                "--out", "out", "--partitions", "2");
        int exit = run.await(DRIVER_SECONDS);
        assertEquals(0, exit, run.output());
        assertTrue(run.output().contains("explained 4 images (0 already done, 0 failed)"), run.output());
        assertTrue(run.output().contains("executors load segshap from " + jar), run.output());
        assertEquals(List.of("0", "1", "2", "3"), entries(cwd.resolve("out").resolve("images")));
        report("relative paths: whole run %.1f s", run.elapsed());
    }

    @Test
    @Order(2)
    void executorsThatCannotStartEndInOneMessageAndExitCode13() throws Exception {
        Path cwd = Files.createDirectories(tmp.resolve("broken"));
        TinyOnnxNet.write(cwd.resolve("model.onnx"), 2, false, 3);
        Npy.write(cwd.resolve("images.npy"), TinyOnnxNet.images(4, 2, 6, 6, 5), 4, 2, 6, 6);
        // no executor can be launched (a worker without that Java): the master gives up on the
        // application after spark.deploy.maxExecutorRetries (10) failed launches and removes it
        LocalSparkCluster.DriverRun run = cluster.submit(jar, cwd,
                List.of("-Dspark.executorEnv.JAVA_HOME=" + cwd.resolve("no-such-java")), "explain",
                "--engine", "spark",
                "--master", cluster.url(), "--model", "model.onnx", "--images", "images.npy", "--background", "3",
                "--out", "out");
        int exit = run.await(DRIVER_SECONDS);
        List<String> errors = run.linesWith("error: ");
        assertEquals(13, exit, run.output());
        assertEquals(1, errors.size(), run.output());
        assertTrue(errors.get(0).startsWith("error: the Spark application app-"), errors.get(0));
        assertTrue(errors.get(0).contains("stopped before the job finished"), errors.get(0));
        assertFalse(run.output().contains("NullPointerException") || run.output().contains("unexpected"),
                run.output());
        report("executors that cannot start: exit %d after %.1f s: %s", exit, run.elapsed(), errors.get(0));
    }

    @Test
    @Order(3)
    void aWorkerKilledMidJobLeavesCompleteBitIdenticalOutput() throws Exception {
        Path model = TinyOnnxNet.write(tmp.resolve("model.onnx"), 3, false, 7);
        Path images = tmp.resolve("images.npy");
        Npy.write(images, TinyOnnxNet.images(N, 3, 16, 16, 1), N, 3, 16, 16);
        Path out = tmp.resolve("cluster-out");
        List<String> common = List.of("explain", "--model", model.toString(), "--images", images.toString(),
                "--background", "3", "--players", "0;1,2", "--explainer", "kernel", "--budget", "6", "--batch", "1");
        String[] onCluster = with(common, "--engine", "spark", "--master", cluster.url(), "--partitions", "8",
                "--out", out.toString());

        LocalSparkCluster.DriverRun run = cluster.submit(jar, tmp, onCluster);
        Path folders = out.resolve("images");
        while (run.elapsed() < DRIVER_SECONDS && entries(folders).isEmpty()) {
            Thread.sleep(100);
        }
        int doneAtKill = entries(folders).size();
        double killedAt = run.elapsed();
        List<Long> executors = cluster.killWorker(0);
        assertFalse(executors.isEmpty(), "worker 0 ran an executor when it was killed");
        int exit = run.await(DRIVER_SECONDS);
        assertTrue(doneAtKill > 0 && doneAtKill < N, "the kill came mid-job (" + doneAtKill + " of " + N
                + " images done): make the job longer");
        assertEquals(0, exit, "the job survives a lost worker:\n" + run.output());
        List<String> lost = run.linesWith("Lost ");
        assertFalse(lost.isEmpty(), "the driver says it lost the executor:\n" + run.output());
        report("submit -> first task %.1f s, -> first image written %.1f s (killed worker 0 and executor %s with %d of "
                + "%d images done), whole run %.1f s, load average %.2f", run.secondsTo("Starting task"), killedAt,
                executors, doneAtKill, N, run.elapsed(), java.lang.management.ManagementFactory
                        .getOperatingSystemMXBean().getSystemLoadAverage());
        for (String line : run.output().split("\n")) {
            if (!line.startsWith("INFO ")) {   // the INFO lines are this test's (the first task's time)
                report("driver: %s", line);
            }
        }

        List<String> ids = IntStream.range(0, N).mapToObj(Integer::toString).sorted().toList();
        List<String> hidden = hidden(folders);
        if (!hidden.isEmpty()) {   // the killed task's partial folder: the next run removes it
            report("left by the killed task: %s; rerunning", hidden);
            LocalSparkCluster.DriverRun rerun = cluster.submit(jar, tmp, onCluster);
            assertEquals(0, rerun.await(DRIVER_SECONDS), rerun.output());
            assertTrue(rerun.output().contains("explained 0 images (" + N + " already done, 0 failed)"),
                    rerun.output());
            report("rerun: whole run %.1f s", rerun.elapsed());
        }
        assertEquals(ids, entries(folders), "one folder per image");
        assertEquals(List.of(), hidden(folders), "no leftovers");

        Path local = tmp.resolve("local-out");
        ExplainCommandTest.Run l = ExplainCommandTest.run(with(common, "--out", local.toString()));
        assertEquals(0, l.exit(), l.all());
        Explanations merged = ExplanationFolder.read(local);
        assertEquals(N, merged.size());
        for (int i = 0; i < N; i++) {
            Explanations one = ExplanationFolder.read(folders.resolve(merged.id(i)));
            assertEquals(List.of(merged.id(i)), one.ids());
            ExplainCommandTest.assertSameValues(merged.subset(i), one);
        }
    }

    private static List<String> entries(Path dir) throws IOException {
        return list(dir).stream().filter(n -> !n.startsWith(".")).toList();
    }

    private static List<String> hidden(Path dir) throws IOException {
        return list(dir).stream().filter(n -> n.startsWith(".")).toList();
    }

    private static List<String> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String[] with(List<String> common, String... more) {
        List<String> a = new ArrayList<>(common);
        a.addAll(Arrays.asList(more));
        return a.toArray(String[]::new);
    }

    private static void report(String format, Object... args) {
        System.err.println("[SparkClusterIT] " + String.format(Locale.ROOT, format, args));
    }
}
