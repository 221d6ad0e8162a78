package io.github.segshap.cli;

import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The thin {@code segshap-spark.jar} holds no Spark, Scala, Hadoop nor slf4j, and runs
 * {@code segshap explain --engine spark --master local[2]} on the class path spark-submit gives it
 * (Spark's jars first, then the jar), merge, report and statistics table included. An integration test (failsafe, after {@code package}).
 */
class SparkJarIT {
    @TempDir
    Path tmp;

    @Test
    void theJarLeavesSparkOut() throws IOException {
        try (ZipFile zip = new ZipFile(built().toFile())) {
            for (String name : zip.stream().map(ZipEntry::getName).toList()) {
                for (String left : List.of("org/apache/spark/", "scala/", "org/apache/hadoop/", "org/slf4j/",
                        "org/deeplearning4j/", "org/nd4j/")) {
                    assertFalse(name.startsWith(left), "segshap-spark.jar holds " + name);
                }
            }
            assertTrue(zip.getEntry("io/github/segshap/spark/cli/SparkEngine.class") != null, "the engine");
            assertTrue(zip.getEntry("io/github/segshap/cli/SegshapCommand.class") != null, "the program");
        }
    }

    @Test
    void theJarExplainsOnSparkWithSparksClassPath() throws Exception {
        Path model = TinyOnnxNet.write(tmp.resolve("model.onnx"), 2, false, 3);
        Path images = tmp.resolve("images.npy");
        Npy.write(images, TinyOnnxNet.images(4, 2, 6, 6, 5), 4, 2, 6, 6);
        Path out = tmp.resolve("results");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(System.getProperty("spark.add-opens").trim().split("\\s+")));
        cmd.addAll(List.of("-cp", LocalSparkCluster.sparkClassPath() + File.pathSeparator + built(), SegshapCommand.class.getName(),
                "explain", "--engine", "spark", "--master", "local[2]", "--model", model.toString(), "--images",
                images.toString(), "--background", "3", "--out", out.toString()));
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the child JVM did not finish");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("explained 4 images (0 already done, 0 failed)"), output);
        for (int i = 0; i < 4; i++) {
            assertEquals(1, ExplanationFolder.read(out.resolve("images").resolve(Integer.toString(i))).size());
        }
        assertEquals(List.of("0", "1", "2", "3"), ExplanationFolder.read(out).ids(), "the merged folder");
        assertTrue(Files.isRegularFile(out.resolve("report.html")), output);
        assertTrue(Files.isRegularFile(out.resolve("statistics.parquet").resolve("_SUCCESS")), output);
    }

    private static Path built() {
        Path jar = Path.of(System.getProperty("segshap.spark.jar", "target/segshap-spark.jar"));
        assertTrue(Files.isRegularFile(jar), "the packaged jar: " + jar.toAbsolutePath());
        return jar;
    }
}
