package io.github.segshap.cli;

import io.github.segshap.command.folder.OutputFolder;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22's store and resume faults through {@code segshap explain}: a file deleted from a finished
 * folder or from a killed run's batch folder is named and made again, a run killed with SIGKILL in
 * a forked JVM resumes to the uninterrupted result, and a second process on a folder another process
 * holds is told so.
 */
@Tag("campaign")
class ResumeFaultsTest {
    static final int N = 6;

    @TempDir
    Path dir;
    Path model;
    Path images;
    Path background;

    @BeforeEach
    void files() {
        model = TinyOnnxNet.write(dir.resolve("model.onnx"), 3, false, 7);
        images = dir.resolve("images.npy");
        background = dir.resolve("background.npy");
        Npy.write(images, TinyOnnxNet.images(N, 3, 8, 8, 1), N, 3, 8, 8);
        Npy.write(background, TinyOnnxNet.images(4, 3, 8, 8, 2), 4, 3, 8, 8);
    }

    private List<String> args(Path out) {
        return new ArrayList<>(List.of("explain", "--model", model.toString(), "--images", images.toString(),
                "--background", background.toString(), "--out", out.toString(), "--batch", "2", "--threads", "1",
                "--no-progress"));
    }

    private ExplainCommandTest.Run explain(Path out) {
        return ExplainCommandTest.run(args(out).toArray(String[]::new));
    }

    private Path whole() {
        Path whole = dir.resolve("whole");
        if (!Files.exists(whole)) {
            assertEquals(0, explain(whole).exit());
        }
        return whole;
    }

    @Test
    void inputsDeletedFromAFinishedFolderAreNamedAndMadeAgain() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(0, explain(out).exit());
        Files.delete(out.resolve("inputs.npy"));
        ExplainCommandTest.Run rerun = explain(out);
        assertEquals(0, rerun.exit(), rerun.all());
        assertTrue(rerun.out().contains("inputs.npy") && rerun.out().contains("missing")
                && rerun.out().contains("making it again"), rerun.out());
        assertTrue(rerun.out().contains("explained " + N + " images (0 already done"), rerun.out());
        assertTrue(Files.isRegularFile(out.resolve("inputs.npy")), "inputs.npy is back");
        assertTrue(ExplanationFolder.read(out).hasInputs());
        ExplainCommandTest.assertSameValues(ExplanationFolder.read(whole()), ExplanationFolder.read(out));
        assertFalse(Files.readString(out.resolve("report.html")).contains("not kept"), "the report shows the inputs");
    }

    @Test
    void aBatchFolderMissingItsInputsIsNamedRemovedAndRedone() throws Exception {
        Path out = dir.resolve("out");
        ExplainCommandTest.Run killed = ExplainCommandTest.run(ExplainCommandTest.failingOn(
                ExplainCommandTest.imagesOf(TinyOnnxNet.images(N, 3, 8, 8, 1), N).get(4)),
                args(out).toArray(String[]::new));
        assertEquals(1, killed.exit(), killed.all());
        Path batch = out.resolve("batches").resolve("0-1");
        Files.delete(batch.resolve("inputs.npy"));
        ExplainCommandTest.Run rerun = explain(out);
        assertEquals(0, rerun.exit(), rerun.all());
        assertTrue(rerun.out().contains("batch folder " + batch.toAbsolutePath() + " is corrupt")
                && rerun.out().contains("inputs.npy"), rerun.out());
        assertTrue(rerun.out().contains("explained 4 images (2 already done, 1 corrupt batch folders redone"),
                rerun.out());
        ExplainCommandTest.assertSameValues(ExplanationFolder.read(whole()), ExplanationFolder.read(out));
    }

    @Test
    void aRunKilledWithSigkillInAForkedJvmResumesToTheSameResult() throws Exception {
        Path out = dir.resolve("killed");
        Path firstBatch = out.resolve("batches").resolve("0-1");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StallingExplain.class.getName(), firstBatch.toString()));
        cmd.addAll(args(out));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null && !line.equals("stalled")) {
                // the child's console until it stalls in the second batch
            }
            assertEquals("stalled", line, "the child did not reach its second batch");
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        assertTrue(Files.isDirectory(firstBatch));
        assertTrue(Files.size(out.resolve(".lock")) > 0, "the killed run's record is still in .lock");
        ExplainCommandTest.Run rerun = explain(out);
        assertEquals(0, rerun.exit(), rerun.all());
        assertTrue(rerun.out().contains("taking over the lock of process " + child.pid()), rerun.out());
        assertTrue(rerun.out().contains("resuming: 2 of " + N), rerun.out());
        ExplainCommandTest.assertSameValues(ExplanationFolder.read(whole()), ExplanationFolder.read(out));
    }

    @Test
    void aSecondProcessOnAFolderAnotherProcessHoldsIsToldSo() throws Exception {
        Path out = dir.resolve("shared");
        Path firstBatch = out.resolve("batches").resolve("0-1");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StallingExplain.class.getName(), firstBatch.toString()));
        cmd.addAll(args(out));
        Process first = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(first.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null && !line.equals("stalled")) {
                // until the first run is inside the folder
            }
            assertEquals("stalled", line);
            ExplainCommandTest.Run second = explain(out);
            assertEquals(9, second.exit(), second.all());
            assertTrue(second.err().contains("another run holds the output folder " + out.toAbsolutePath() + ": process "
                    + first.pid() + " (`segshap explain --model"), second.err());
            assertFalse(second.err().contains("cannot write"), second.err());
            assertTrue(Files.isDirectory(firstBatch), "the first run's batch is untouched");
            assertTrue(Files.isRegularFile(out.resolve(OutputFolder.MARKER)));
        } finally {
            first.destroyForcibly();
            first.waitFor(60, TimeUnit.SECONDS);
        }
    }
}
