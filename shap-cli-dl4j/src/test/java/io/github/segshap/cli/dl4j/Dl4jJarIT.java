package io.github.segshap.cli.dl4j;

import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
import io.github.segshap.zoo.UNet;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded {@code segshap-dl4j.jar}, copied alone to another folder, runs {@code export-onnx} on a
 * DL4J U-Net zip and explains the zip and the exported file; it holds one nd4j native build and no
 * Spark. An integration test (failsafe, after {@code package} has built the jar).
 */
class Dl4jJarIT {
    static final int C = 2;
    static final int SIDE = 8;

    @TempDir
    Path tmp;

    @Test
    void theJarHoldsOneNd4jNativeBuildAndNoSpark() throws IOException {
        Set<String> builds = new TreeSet<>();
        try (ZipFile zip = new ZipFile(built().toFile())) {
            for (String name : zip.stream().map(ZipEntry::getName).toList()) {
                if (name.startsWith("org/nd4j/linalg/cpu/nativecpu/bindings/") && name.endsWith(".so")) {
                    builds.add(name.split("/")[6]);
                }
                for (String left : List.of("org/apache/spark/", "scala/", "org/apache/hadoop/")) {
                    assertFalse(name.startsWith(left), "segshap-dl4j.jar holds " + name);
                }
                assertFalse(name.contains(".dSYM/"), "debug symbols: " + name);
            }
        }
        assertEquals(1, builds.size(), "nd4j native builds: " + builds);
    }

    @Test
    void aCopiedJarExportsAndExplainsADl4jModel() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path jar = Files.copy(built(), elsewhere.resolve("segshap-dl4j.jar"));
        ComputationGraph net = UNet.builder().filters(2).kernel(3).depth(2).bottleneckFactor(2)
                .inputShape(C, SIDE, SIDE).seed(5).build();
        Path zip = tmp.resolve("unet.zip");
        ModelSerializer.writeModel(net, zip.toFile(), false);
        Path images = tmp.resolve("images.npy");
        Npy.write(images, images(3, 7), 3, C, SIDE, SIDE);

        Path onnx = tmp.resolve("unet.onnx");
        Result export = java(jar, "export-onnx", "--model", zip.toString(), "--out", onnx.toString());
        assertEquals(0, export.exit(), export.output());
        assertTrue(Files.size(onnx) > 0, export.output());

        for (Path model : List.of(zip, onnx)) {
            Path out = tmp.resolve("explained-" + model.getFileName());
            Result r = java(jar, "explain", "--model", model.toString(), "--images", images.toString(),
                    "--background", "2", "--out", out.toString());
            assertEquals(0, r.exit(), r.output());
            assertEquals(3, ExplanationFolder.read(out).size(), r.output());
        }
    }

    private static Path built() {
        Path jar = Path.of(System.getProperty("segshap.dl4j.jar", "target/segshap-dl4j.jar"));
        assertTrue(Files.isRegularFile(jar), "the packaged jar: " + jar.toAbsolutePath());
        return jar;
    }

    private static float[] images(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n * C * SIDE * SIDE];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    record Result(int exit, String output) {
    }

    private static Result java(Path jar, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(jar.getParent().toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the child JVM did not finish");
        return new Result(p.exitValue(), output);
    }
}
