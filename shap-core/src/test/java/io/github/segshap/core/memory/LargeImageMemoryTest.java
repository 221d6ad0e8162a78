package io.github.segshap.core.memory;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Memory is bounded by the model's budget and the heap, not by the image: a 1 x 4 x 2000 x 2000 image
 * (4 million outputs) explains exactly in a 1 GiB heap; model calls take at most a quarter of the heap
 * together, whatever the threads asked for; a heap too small for one call is said before it runs out.
 * Each runs in a child JVM, since the heap limit is the point.
 */
@Tag("campaign")
class LargeImageMemoryTest {
    @Test
    void aFourMegapixelImageExplainsUnderOneGibibyte() throws IOException, InterruptedException {
        String out = run("-Xmx1g", "2000", "8");
        assertTrue(out.contains("explained [1, 2000, 2000]"), out);
        assertTrue(residual(out) < 1e-12, out);
    }

    @Test
    void eightThreadsAskedForRunAsManyCallsAsFitAQuarterOfTheHeap() throws IOException, InterruptedException {
        // 4 x 500 x 500 with 24 MiB of activations per image: about 38 MiB a call of one image. Three
        // images a call on six threads (what the 128 MiB budget alone gives) would hold 600 MiB at once.
        String out = run("-Xmx256m", "500", "8", "24");
        assertTrue(out.contains("explained [1, 500, 500], calls at once 1,"), out);
        assertTrue(residual(out) < 1e-12, out);
    }

    @Test
    void aHeapTooSmallForOneCallIsSaidBeforeItRunsOut() throws IOException, InterruptedException {
        // 4 x 1000 x 1000: one call takes about 54 MiB, more than a quarter of 128 MiB
        Result r = java("-Xmx128m", "1000", "1");
        assertNotEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("NotEnoughMemoryException: one model call on an image of shape 4x1000x1000 takes "
                + "about 54 MiB"), r.output);
        assertTrue(r.output.contains("a heap of at least 214 MiB") && r.output.contains("-Xmx256m"), r.output);
        assertFalse(r.output.contains("OutOfMemoryError"), r.output);
    }

    private static double residual(String out) {
        return Double.parseDouble(out.substring(out.lastIndexOf(' ') + 1).trim());
    }

    private static String run(String heap, String... args) throws IOException, InterruptedException {
        Result r = java(heap, args);
        assertEquals(0, r.exit, r.output);
        return r.output;
    }

    private record Result(int exit, String output) {
    }

    private static Result java(String heap, String... args) throws IOException, InterruptedException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), heap, "-cp", System.getProperty("java.class.path"),
                LargeImageMain.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = p.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }
        assertTrue(finished, "did not finish: " + out);
        return new Result(p.exitValue(), out);
    }
}
