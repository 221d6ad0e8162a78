package io.github.segshap.cli;

import io.github.segshap.command.folder.OutputFolder;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
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

    /**
     * {@code segshap explain} into {@code out} in a child JVM ({@link StallingExplain}), returned once
     * it has put its first batch and stalls in the second; its console goes to {@code <dir>/child.txt}.
     */
    private Process stalledChild(Path out) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StallingExplain.class.getName(),
                out.resolve("batches").resolve("0-1").toString()));
        cmd.addAll(args(out));
        Path console = dir.resolve("child.txt");
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!(Files.exists(console) && Files.readString(console).contains("stalled"))) {
            if (!child.isAlive() || System.nanoTime() > until) {
                child.destroyForcibly();
                throw new AssertionError("the child did not reach its second batch: " + Files.readString(console));
            }
            Thread.sleep(100);
        }
        return child;
    }

    @Test
    void aRunKilledWithSigkillInAForkedJvmResumesToTheSameResult() throws Exception {
        Path out = dir.resolve("killed");
        Process child = stalledChild(out);
        child.destroyForcibly();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        assertTrue(Files.isDirectory(out.resolve("batches").resolve("0-1")));
        assertTrue(Files.size(out.resolve(".lock")) > 0, "the killed run's record is still in .lock");
        ExplainCommandTest.Run rerun = explain(out);
        assertEquals(0, rerun.exit(), rerun.all());
        assertTrue(rerun.out().contains("taking over the lock of process " + child.pid()), rerun.out());
        assertTrue(rerun.out().contains("resuming: 2 of " + N), rerun.out());
        Explanations uninterrupted = ExplanationFolder.read(whole());
        Explanations resumed = ExplanationFolder.read(out);
        ExplainCommandTest.assertSameValues(uninterrupted, resumed);
        // model_evaluations counts what each run made: the resumed run evaluated the shared base value
        // (the empty coalition over the 4 background rows) once more, charged to its first image
        assertEquals(evaluations(uninterrupted) + 4, evaluations(resumed));
        for (int i = 0; i < N; i++) {
            assertEquals(uninterrupted.get(i).modelEvaluations() + (i == 2 ? 4 : 0), resumed.get(i).modelEvaluations(),
                    "image " + i);
        }
    }

    private static long evaluations(Explanations e) {
        long sum = 0;
        for (int i = 0; i < e.size(); i++) {
            sum += e.get(i).modelEvaluations();
        }
        return sum;
    }

    @Test
    void aSecondProcessOnAFolderAnotherProcessHoldsIsToldSo() throws Exception {
        Path out = dir.resolve("shared");
        Process first = stalledChild(out);
        try {
            ExplainCommandTest.Run second = explain(out);
            assertEquals(9, second.exit(), second.all());
            assertTrue(second.err().contains("another run holds the output folder " + out.toAbsolutePath() + ": process "
                    + first.pid() + " (`segshap explain --model"), second.err());
            assertFalse(second.err().contains("cannot write"), second.err());
            assertTrue(Files.isDirectory(out.resolve("batches").resolve("0-1")), "the first run's batch is untouched");
            assertTrue(Files.isRegularFile(out.resolve(OutputFolder.MARKER)));
        } finally {
            first.destroyForcibly();
            first.waitFor(60, TimeUnit.SECONDS);
        }
    }
}
