package io.github.segshap.salt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded {@code salt-example.jar} runs when copied alone to another folder (no {@code lib/}
 * beside it): {@code --help} and {@code prepare} on the synthetic data, in a child JVM; it holds one
 * nd4j native build and nothing the example does not call. An integration test (failsafe, after
 * {@code package} has built the jar).
 */
class SaltJarIT {
    @TempDir
    Path tmp;

    @Test
    void theJarHoldsOneNativeBuildOfEachLibraryAndNoSpark() throws Exception {
        Path jar = Path.of(System.getProperty("salt.jar", "target/salt-example.jar"));
        Set<String> nd4j = new TreeSet<>();
        Set<String> onnxRuntime = new TreeSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (String name : zip.stream().map(ZipEntry::getName).toList()) {
                if (name.startsWith("org/nd4j/linalg/cpu/nativecpu/bindings/") && name.endsWith(".so")) {
                    nd4j.add(name.split("/")[6]);
                }
                if (name.startsWith("ai/onnxruntime/native/") && !name.endsWith("/")) {
                    onnxRuntime.add(name.split("/")[3]);
                }
                for (String left : List.of("org/apache/spark/", "scala/", "org/apache/hadoop/", "org/rocksdb/")) {
                    assertFalse(name.startsWith(left), "salt-example.jar holds " + name);
                }
            }
        }
        assertEquals(1, nd4j.size(), "nd4j native builds: " + nd4j);
        assertEquals(Set.of("linux-x64"), onnxRuntime, "ONNX Runtime platforms");
    }

    @Test
    void theJarRunsWhenCopiedElsewhere() throws Exception {
        Path built = Path.of(System.getProperty("salt.jar", "target/salt-example.jar"));
        assertTrue(Files.isRegularFile(built), "the packaged jar: " + built.toAbsolutePath());
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path jar = Files.copy(built, elsewhere.resolve("salt-example.jar"));
        try (var listing = Files.list(elsewhere)) {
            assertEquals(1, listing.count(), "nothing beside the jar");
        }

        ChildJvm.Result help = ChildJvm.jar(jar, elsewhere, "--help");
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.output().startsWith("Usage: java -jar salt-example.jar"), help.toString());
        assertFalse(help.output().contains("NoClassDefFoundError"), help.toString());

        ChildJvm.Result prepare = ChildJvm.jar(jar, elsewhere, "prepare", "--out", "run", "--no-progress",
                "--synthetic-samples", "60");
        assertEquals(0, prepare.exitCode(), prepare.toString());
        assertTrue(prepare.output().contains("synthetic data: train"), prepare.toString());
        assertTrue(Files.isDirectory(elsewhere.resolve("run/data-cache")), prepare.toString());
    }
}
