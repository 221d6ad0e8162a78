package io.github.segshap.cli;

import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
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

    record Result(int exit, String output) {
    }

    private Result java(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), SegshapCommand.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish");
        return new Result(p.exitValue(), output);
    }
}
