package io.github.segshap.cli;

import io.github.segshap.core.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code segshap merge} in segshap.jar (no Spark) refuses what is not a Spark run's folder before
 * changing a byte: a missing folder and a folder of the local engine (no {@code images.json}) are
 * exit code 3, a folder segshap did not write is exit code 12 (the output-folder rule). Merging a
 * real Spark run is tested with Spark, in shap-spark's {@code SparkEngineTest}.
 */
class MergeCommandTest {
    @TempDir
    Path dir;

    @Test
    void whatIsNotASparkRunsFolderIsRefusedAndLeftAsItWas() throws Exception {
        ExplainCommandTest.Run missing = ExplainCommandTest.run("merge", "--out", dir.resolve("nothing").toString());
        assertEquals(3, missing.exit(), missing.all());
        assertTrue(missing.err().contains("no such folder"), missing.err());
        assertTrue(Files.notExists(dir.resolve("nothing")), "no folder is made");

        Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        ExplainCommandTest.Run refused = ExplainCommandTest.run("merge", "--out", foreign.toString());
        assertEquals(12, refused.exit(), refused.all());
        assertEquals(Map.of("", "dir", "notes.txt", OutputFolderCommandTest.listing(foreign).get("notes.txt")),
                OutputFolderCommandTest.listing(foreign));

        Path model = TinyOnnxNet.write(dir.resolve("model.onnx"), 2, false, 7);
        Path images = dir.resolve("images.npy");
        Npy.write(images, TinyOnnxNet.images(3, 2, 6, 6, 1), 3, 2, 6, 6);
        Path local = dir.resolve("local");
        ExplainCommandTest.Run l = ExplainCommandTest.run("explain", "--model", model.toString(), "--images",
                images.toString(), "--background", "2", "--out", local.toString());
        assertEquals(0, l.exit(), l.all());
        Map<String, String> before = OutputFolderCommandTest.listing(local);
        ExplainCommandTest.Run notSpark = ExplainCommandTest.run("merge", "--out", local.toString());
        assertEquals(3, notSpark.exit(), notSpark.all());
        assertTrue(notSpark.err().contains("images.json"), notSpark.err());
        assertEquals(before, OutputFolderCommandTest.listing(local), "the local engine's folder is unchanged");
    }
}
