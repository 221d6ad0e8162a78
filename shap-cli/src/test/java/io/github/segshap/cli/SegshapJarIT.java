package io.github.segshap.cli;

import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded {@code segshap.jar} copied alone to another folder explains an ONNX model, holds no
 * DL4J nor Spark, stays under 150 MB with ONNX Runtime for every platform it ships, and names the
 * jar that does what it does not (DL4J: segshap-dl4j.jar, Spark: segshap-spark.jar). An integration
 * test (failsafe, after {@code package} has built the jar).
 */
class SegshapJarIT {
    /** The most the jar may weigh, in bytes (150 MB). */
    static final long MAX_BYTES = 150_000_000L;

    @TempDir
    Path tmp;

    @Test
    void theJarHoldsOnnxRuntimeForEveryPlatformAndNeitherDl4jNorSpark() throws IOException {
        Path jar = built();
        assertTrue(Files.size(jar) <= MAX_BYTES, "segshap.jar weighs " + Files.size(jar) + " bytes");
        Set<String> platforms = new TreeSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().map(ZipEntry::getName).forEach(name -> {
                for (String left : List.of("org/deeplearning4j/", "org/nd4j/", "org/bytedeco/", "org/apache/spark/",
                        "scala/", "org/apache/hadoop/", "org/rocksdb/")) {
                    assertFalse(name.startsWith(left), "segshap.jar holds " + name);
                }
                assertFalse(name.contains(".dSYM/"), "debug symbols: " + name);
                if (name.startsWith("ai/onnxruntime/native/") && name.endsWith("4j_jni" + extension(name))) {
                    platforms.add(name.split("/")[3]);
                }
            });
        }
        assertEquals(Set.of("linux-aarch64", "linux-x64", "osx-aarch64", "osx-x64", "win-x64"), platforms);
    }

    @Test
    void aCopiedJarExplainsAnOnnxModelAlone() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path jar = Files.copy(built(), elsewhere.resolve("segshap.jar"));
        try (var listing = Files.list(elsewhere)) {
            assertEquals(1, listing.count(), "nothing beside the jar");
        }
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path model = TinyOnnxNet.write(data.resolve("model.onnx"), 2, false, 3);
        Path images = data.resolve("images.npy");
        Npy.write(images, TinyOnnxNet.images(4, 2, 6, 6, 5), 4, 2, 6, 6);
        Path out = tmp.resolve("results");

        Result ok = java(jar, "explain", "--model", model.toString(), "--images", images.toString(),
                "--background", "3", "--out", out.toString());
        assertEquals(0, ok.exit(), ok.output());
        assertEquals(4, ExplanationFolder.read(out).size());
        assertTrue(Files.isRegularFile(out.resolve("report.html")), ok.output());
    }

    @Test
    void whatTheJarDoesNotDoNamesTheJarThatDoes() throws Exception {
        Path jar = built();
        Path images = tmp.resolve("images.npy");
        Npy.write(images, TinyOnnxNet.images(2, 2, 6, 6, 5), 2, 2, 6, 6);
        Path zip = dl4jLookalike(tmp.resolve("model.zip"));

        Result export = java(jar, "export-onnx", "--model", zip.toString(), "--out", tmp.resolve("m.onnx").toString());
        assertEquals(6, export.exit(), export.output());
        assertTrue(export.output().contains("segshap-dl4j.jar"), export.output());

        Result dl4j = java(jar, "explain", "--model", zip.toString(), "--images", images.toString(), "--out",
                tmp.resolve("a").toString());
        assertEquals(6, dl4j.exit(), dl4j.output());
        assertTrue(dl4j.output().contains("segshap-dl4j.jar"), dl4j.output());

        Path model = TinyOnnxNet.write(tmp.resolve("model.onnx"), 2, false, 3);
        Result spark = java(jar, "explain", "--engine", "spark", "--model", model.toString(), "--images",
                images.toString(), "--out", tmp.resolve("b").toString());
        assertEquals(2, spark.exit(), spark.output());
        assertTrue(spark.output().contains("spark-submit") && spark.output().contains("segshap-spark.jar"),
                spark.output());
        assertFalse(Files.exists(tmp.resolve("b")), "nothing written");
    }

    private static Path built() {
        Path jar = Path.of(System.getProperty("segshap.jar", "target/segshap.jar"));
        assertTrue(Files.isRegularFile(jar), "the packaged jar: " + jar.toAbsolutePath());
        return jar;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }

    /** A zip with the two entries of a DL4J ModelSerializer file (not a real network). */
    private static Path dl4jLookalike(Path file) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream out = new ZipOutputStream(os)) {
            for (String entry : List.of("configuration.json", "coefficients.bin")) {
                out.putNextEntry(new ZipEntry(entry));
                out.write("{}".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return file;
    }

    record Result(int exit, String output) {
    }

    private Result java(Path jar, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(jar.getParent().toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the child JVM did not finish");
        return new Result(p.exitValue(), output);
    }
}
