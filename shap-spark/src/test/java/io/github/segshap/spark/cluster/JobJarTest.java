package io.github.segshap.spark.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * spark.jars on a cluster: kept when spark-submit (or -Dspark.jars) set it, set to segshap's own jar
 * otherwise, and a clear warning when the classes come from a folder.
 */
class JobJarTest {
    @TempDir
    Path dir;

    @Test
    void aPresetSparkJarsIsKept() {
        JobJar j = JobJar.resolve(Optional.of("hdfs:///apps/segshap-spark.jar"), dir.resolve("x.jar"));
        assertEquals(Optional.empty(), j.sparkJars());
        assertTrue(j.note().contains("hdfs:///apps/segshap-spark.jar"), j.note());
    }

    @Test
    void theClassesOwnJarIsShippedWhenNothingSetSparkJars() throws IOException {
        Path jar = Files.write(dir.resolve("segshap-spark.jar"), new byte[] {0x50, 0x4b});
        JobJar j = JobJar.resolve(Optional.empty(), jar);
        assertEquals(Optional.of(jar.toString()), j.sparkJars());
        assertTrue(j.note().startsWith("executors load segshap from " + jar), j.note());
    }

    @Test
    void classesFromAFolderCannotBeShippedAndTheNoteSaysSo() {
        JobJar j = JobJar.resolve(Optional.empty(), dir);
        assertEquals(Optional.empty(), j.sparkJars());
        assertTrue(j.note().startsWith("warning: segshap's classes come from the folder " + dir), j.note());
        assertTrue(j.note().contains("ClassNotFoundException") && j.note().contains("segshap-spark.jar"), j.note());
        // in this test run the classes come from target/classes
        assertEquals(Optional.empty(), JobJar.resolve(Optional.empty(), JobJar.location(JobJar.class)).sparkJars());
    }
}
