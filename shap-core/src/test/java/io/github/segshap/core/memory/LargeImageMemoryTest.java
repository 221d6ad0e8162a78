package io.github.segshap.core.memory;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Memory is bounded by the model's budget, not by the image: a 1 x 4 x 2000 x 2000 image (4 million
 * outputs) explains exactly in a 1 GiB heap. Runs in a child JVM, since the heap limit is the point.
 */
class LargeImageMemoryTest {
    @Test
    void aFourMegapixelImageExplainsUnderOneGibibyte() throws IOException, InterruptedException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                LargeImageMain.class.getName(), "2000")).redirectErrorStream(true).start();
        boolean finished = p.waitFor(5, TimeUnit.MINUTES);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            p.destroyForcibly();
        }
        assertTrue(finished, "did not finish: " + out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("explained [1, 2000, 2000]"), out);
        double residual = Double.parseDouble(out.substring(out.lastIndexOf(' ') + 1).trim());
        assertTrue(residual < 1e-12, out);
    }
}
