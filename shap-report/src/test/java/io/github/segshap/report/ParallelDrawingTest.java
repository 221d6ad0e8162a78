package io.github.segshap.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.report.html.HtmlReport;
import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Figures drawn on a pool of threads: the same files, byte for byte, as drawn on one thread. */
class ParallelDrawingTest {
    @Test
    void theFilesAreTheSameBytesWhateverTheNumberOfThreads(@TempDir Path tmp) throws Exception {
        SyntheticExplanations.Batch b = SyntheticExplanations.withInteractions(SyntheticExplanations.samples(6, 20, 20,
                5));
        Explanations ex = b.explanations().withProvenance(Provenance.builder("exact").seed(42).build());
        Path folder = ExplanationFolder.write(ex, tmp.resolve("explanations"));
        Map<String, byte[]> one = draw(folder, tmp.resolve("one"), b.truth(), 1);
        Map<String, byte[]> four = draw(folder, tmp.resolve("four"), b.truth(), 4);
        Map<String, byte[]> two = draw(folder, tmp.resolve("two"), b.truth(), 2);
        assertTrue(one.keySet().stream().filter(f -> f.endsWith(".png")).count() >= 10, one.keySet().toString());
        assertEquals(one.keySet(), four.keySet());
        for (String f : one.keySet()) {
            assertArrayEquals(one.get(f), four.get(f), f + " differs between 1 and 4 drawing threads");
            assertArrayEquals(one.get(f), two.get(f), f + " differs between 1 and 2 drawing threads");
        }
    }

    @Test
    void aFigureThatFailsOnAPoolThreadFailsTheReportWithItsOwnException(@TempDir Path tmp) {
        HtmlReport.Builder page = HtmlReport.builder("t");
        try (FigureWriter w = new FigureWriter(tmp, 3)) {
            w.figure(page, null, "fine", () -> new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "c", "a");
            w.figure(page, null, "broken", () -> {
                throw new IllegalArgumentException("image 7 has no interaction maps");
            }, "c", "a");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, page::build);
            assertEquals("image 7 has no interaction maps", e.getMessage());
            assertThrows(IllegalArgumentException.class, w::await);
        }
        assertThrows(IllegalArgumentException.class, () -> new FigureWriter(tmp, 0));
    }

    @Test
    void aFigureThatCannotBeWrittenNamesItsFile(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("figures"), "a file where the folder should be");
        HtmlReport.Builder page = HtmlReport.builder("t");
        try (FigureWriter w = new FigureWriter(tmp, 2)) {
            w.figure(page, null, "x", () -> new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "c", "a");
            UncheckedIOException e = assertThrows(UncheckedIOException.class, page::build);
            assertTrue(e.getMessage().contains("x.png"), e.getMessage());
        }
    }

    /** Every file the report wrote, the page without its "Generated <date>" line. */
    private static Map<String, byte[]> draw(Path folder, Path out, Map<String, boolean[]> truth, int threads)
            throws Exception {
        ExplanationReport.builder().title("t").truthMasks(truth).maskLabels("salt", "not salt").panelCount(4)
                .drawingThreads(threads).build().write(folder, out);
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(p);
                if (p.getFileName().toString().endsWith(".html")) {
                    String page = new String(bytes, StandardCharsets.UTF_8);
                    bytes = page.replaceAll("<p class=\"meta\">Generated [^<]*</p>", "")
                            .getBytes(StandardCharsets.UTF_8);
                }
                files.put(out.relativize(p).toString(), bytes);
            }
        }
        return files;
    }
}
