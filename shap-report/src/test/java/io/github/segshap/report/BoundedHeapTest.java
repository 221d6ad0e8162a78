package io.github.segshap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.ExplanationFolderWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report never holds every image: a JVM whose heap is smaller than the folder's arrays draws
 * the report of the folder, where reading the folder whole runs out of memory.
 */
class BoundedHeapTest {
    private static final String HEAP = "-Xmx96m";
    private static final int IMAGES = 1000;
    private static final int SIDE = 40;
    private static final int PART = 50;

    @Test
    void aHeapSmallerThanTheArraysDrawsTheReport(@TempDir Path tmp) throws Exception {
        Path folder = tmp.resolve("explanations");
        write(folder);
        long bytes;
        try (Stream<Path> s = Files.list(folder)) {
            bytes = s.filter(p -> p.toString().endsWith(".npy")).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(bytes > 96L << 20, "the arrays (" + bytes + " bytes) must exceed the forked heap");
        Path out = tmp.resolve("report");
        assertEquals(0, fork(tmp, "report", folder, out), "the report in " + HEAP);
        String html = Files.readString(out.resolve(ExplanationReport.HTML), StandardCharsets.UTF_8);
        assertTrue(html.contains("Contributions over all " + IMAGES + " explained images"), "every image counted");
        assertNotEquals(0, fork(tmp, "read", folder, out), "reading the whole folder in " + HEAP
                + " should run out of memory: the folder is too small to test the report's bound");
    }

    /** The folder, written a part at a time (the test's own heap holds one part). */
    private static void write(Path folder) {
        try (ExplanationFolderWriter w = ExplanationFolderWriter.open(folder, IMAGES)) {
            for (int from = 0; from < IMAGES; from += PART) {
                SyntheticExplanations.Batch b = SyntheticExplanations.samples(PART, SIDE, SIDE, from);
                Explanations ex = b.explanations();
                List<String> ids = new ArrayList<>();
                List<boolean[]> truth = new ArrayList<>();
                for (int i = 0; i < PART; i++) {
                    ids.add(Integer.toString(from + i));
                    truth.add(b.truth().get(ex.id(i)));
                }
                List<Explanation> items = ex.all();
                w.append(Explanations.of(ids, ex.inputs(), items, ex.imageShape(), null).withLabels(truth));
            }
            w.finish(null);
        }
    }

    private static int fork(Path tmp, String mode, Path folder, Path out) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, HEAP, "-Djava.awt.headless=true", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), mode, folder.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve(mode + ".log").toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), mode + " did not finish in 5 minutes");
        return p.exitValue();
    }

    /** The forked JVM: {@code report FOLDER OUT} draws the report, {@code read FOLDER OUT} reads the folder whole. */
    public static final class Main {
        private Main() {
        }

        /** Exits 0 when done, 3 when out of memory. */
        public static void main(String[] args) {
            try {
                if (args[0].equals("report")) {
                    ExplanationReport.builder().build().write(Path.of(args[1]), Path.of(args[2]));
                } else {
                    System.out.println(ExplanationFolder.read(Path.of(args[1])));
                }
            } catch (OutOfMemoryError e) {
                System.out.println("out of memory: " + e);
                System.exit(3);
            }
            System.exit(0);
        }
    }
}
