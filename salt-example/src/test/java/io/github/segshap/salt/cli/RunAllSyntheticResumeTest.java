package io.github.segshap.salt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.segshap.salt.explain.SampleFiles;
import io.github.segshap.salt.io.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default {@code run-all} (synthetic data, here tiny) works without any data, and an
 * interrupted {@code explain} resumes: a rerun computes only the samples that are missing and
 * leaves the finished ones untouched.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("campaign")
class RunAllSyntheticResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CliRunner.Tiny TINY = new CliRunner.Tiny(8);

    @TempDir
    static Path tmp;

    private static String[] args(String command, String... more) {
        return TINY.args(command, tmp.resolve("out"), more);
    }

    @Test
    @Order(1)
    void syntheticRunAllNeedsNoData() throws Exception {
        CliRunner.Run run = CliRunner.run(args("run-all"));
        assertEquals(0, run.exitCode(), run.toString());
        Path out = tmp.resolve("out");
        assertEquals("report      " + out.resolve("report.html").toAbsolutePath(), run.lastLine());
        assertTrue(run.out().contains("== summary =="), run.out());
        try (Stream<Path> s = Files.list(out.resolve("data-cache"))) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith("synthetic-")),
                    "the synthetic data is generated into the run folder");
        }
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("synthetic salt data set"), "the report says the data is synthetic");
        assertEquals(9, JSON.readTree(out.resolve("explanations/summary.json").toFile()).path("samples").asInt());
        // the report's defects of issue 15: timings with the report, the loss says what it is and shows validation,
        // every figure a caption and an alt text, the additive strip without a duplicate of the prediction
        assertTrue(html.matches("(?s).*<tr><td>report \\(this run: reading, checks and drawing\\)</td><td>[0-9.]+</td>.*"),
                "the timings table includes this report");
        assertTrue(html.contains("alt=\"Line chart of loss per image per epoch: training loss, validation loss\""),
                "the loss figure shows the validation loss");
        assertTrue(html.contains("summed over the pixels of an image (24 x 24 = 576 pixels, padded)"), "the reduction");
        assertTrue(html.contains("binary focal cross-entropy") && html.contains("Validation loss: the validation"
                + " images after the epoch"), "the loss caption says which loss and how it is reduced");
        int figures = html.split("<figure>", -1).length - 1;
        assertTrue(figures >= 10, figures + " figures");
        assertEquals(figures, html.split("<figcaption>", -1).length - 1, "every figure has a caption");
        assertFalse(html.matches("(?s).*<img alt=\"[^\"]*\\.png\".*"), "no alt text is a file name");
        JsonNode history = JSON.readTree(out.resolve("training.json").toFile()).path("history");
        assertTrue(history.size() > 0);
        history.forEach(e -> assertTrue(e.path("validation_loss").asDouble(-1) > 0, "validation loss of " + e));
        JsonNode timings = JSON.readTree(out.resolve("timings.json").toFile());
        for (String stage : List.of("prepare", "train", "explain", "report", "run-all")) {
            assertTrue(timings.path(stage).asDouble() > 0, "timing of " + stage);
        }
    }

    @Test
    @Order(2)
    void interruptedExplainResumesWithTheMissingSamplesOnly() throws Exception {
        Path ex = tmp.resolve("out/explanations");
        List<String> ids = new ArrayList<>();
        JSON.readTree(ex.resolve("selection.json").toFile()).path("ids").forEach(n -> ids.add(n.asText()));
        assertEquals(9, ids.size());
        List<String> removed = ids.subList(0, 4);
        Map<String, byte[]> kept = new HashMap<>();
        for (String id : ids) {
            if (removed.contains(id)) {
                FileTrees.delete(ex.resolve("samples").resolve(id));
            } else {
                kept.put(id, Files.readAllBytes(ex.resolve("samples").resolve(id).resolve("contributions.npy")));
            }
        }
        Files.createDirectories(ex.resolve("samples").resolve(".partial-" + ids.get(0) + "-leftover"));

        // interrupted after two samples (the listener throws, as a crash would stop the process)
        List<String> first = new ArrayList<>();
        CliRunner.Run interrupted = CliRunner.run(w -> w.sampleListener((id, done, total) -> {
            first.add(id);
            if (done == 2) {
                throw new IllegalStateException("simulated interruption");
            }
        }), args("explain"));
        assertEquals(1, interrupted.exitCode(), interrupted.toString());
        assertTrue(interrupted.err().contains("simulated interruption"), interrupted.err());
        assertEquals(removed.subList(0, 2), first);
        assertFalse(Files.exists(ex.resolve("samples").resolve(".partial-" + ids.get(0) + "-leftover")), "leftovers are cleaned");
        for (String id : removed.subList(0, 2)) {
            assertTrue(SampleFiles.metadata(ex.resolve("samples").resolve(id)).isPresent(), id + " was saved before the interruption");
        }
        for (String id : removed.subList(2, 4)) {
            assertFalse(Files.exists(ex.resolve("samples").resolve(id)), id + " was not reached");
        }

        // the rerun computes only the two missing samples
        List<String> second = new ArrayList<>();
        AtomicInteger total = new AtomicInteger();
        CliRunner.Run resumed = CliRunner.run(w -> w.sampleListener((id, done, t) -> {
            second.add(id);
            total.set(t);
        }), args("explain"));
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertEquals(removed.subList(2, 4), second);
        assertEquals(2, total.get());
        assertTrue(resumed.out().contains("2 explained now, 7 already done"), resumed.out());
        for (Map.Entry<String, byte[]> e : kept.entrySet()) {
            assertTrue(java.util.Arrays.equals(e.getValue(),
                    Files.readAllBytes(ex.resolve("samples").resolve(e.getKey()).resolve("contributions.npy"))), e.getKey() + " untouched");
        }

        // a third run has nothing to do
        List<String> third = new ArrayList<>();
        CliRunner.Run again = CliRunner.run(w -> w.sampleListener((id, done, t) -> third.add(id)), args("explain"));
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(third.isEmpty(), "nothing recomputed: " + third);
    }
}
