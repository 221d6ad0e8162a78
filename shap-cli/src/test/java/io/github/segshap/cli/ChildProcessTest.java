package io.github.segshap.cli;

import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main class in a child JVM (the test class path; the shaded jar is built after the tests, in
 * the package phase): real exit codes and the summary on standard output.
 */
@Tag("campaign")
class ChildProcessTest {
    @TempDir
    Path dir;

    @Test
    void theMainClassExplainsAndExitsWithItsCodes() throws Exception {
        Path model = TinyOnnxNet.write(dir.resolve("model.onnx"), 2, false, 3);
        Path images = dir.resolve("images.npy");
        Npy.write(images, TinyOnnxNet.images(4, 2, 6, 6, 5), 4, 2, 6, 6);
        Path out = dir.resolve("results");
        Result ok = java("explain", "--model", model.toString(), "--images", images.toString(), "--background", "3",
                "--out", out.toString());
        assertEquals(0, ok.exit, ok.output);
        assertTrue(ok.output.contains("report        " + out.resolve("report.html")), ok.output);
        assertEquals(4, ExplanationFolder.read(out).size());
        Result bad = java("explain", "--model", images.toString(), "--images", images.toString(), "--out",
                dir.resolve("x").toString());
        assertEquals(6, bad.exit, bad.output);
    }

    @Test
    void aHeapTooSmallEndsWithCode14AndTheHeapToGiveNeverATrace() throws Exception {
        // 2 x 2 x 700 x 700: one model call on one image takes more than a quarter of a 64 MiB heap
        Path model = TinyOnnxNet.write(dir.resolve("model.onnx"), 2, false, 3);
        Path images = dir.resolve("large.npy");
        Npy.write(images, TinyOnnxNet.images(2, 2, 700, 700, 5), 2, 2, 700, 700);
        Result r = javaWithHeap("-Xmx64m", "explain", "--model", model.toString(), "--images", images.toString(),
                "--background", "2", "--threads", "4", "--out", dir.resolve("large").toString(), "--no-progress");
        assertEquals(14, r.exit, r.output);
        assertTrue(r.output.contains("error: not enough memory: ") && r.output.contains("-Xmx"), r.output);
        assertTrue(!r.output.contains("\tat ") && !r.output.contains("unexpected"), "no stack trace: " + r.output);
    }

    record Result(int exit, String output) {
    }

    private Result java(String... args) throws IOException, InterruptedException {
        return javaWithHeap(null, args);
    }

    private Result javaWithHeap(String heap, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        if (heap != null) {
            cmd.add(heap);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SegshapCommand.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish");
        return new Result(p.exitValue(), output);
    }
}
