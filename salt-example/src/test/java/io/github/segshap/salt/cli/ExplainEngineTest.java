package io.github.segshap.salt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.segshap.command.ExitCode;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.core.provenance.PrecisionRecord;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.salt.explain.SampleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --runtime onnx}, the default, explains through the network exported to ONNX and gives
 * {@code --runtime dl4j}'s values to 1e-5 (a tiny trained U-Net at full resolution, so padding 101 to 104 is on the path);
 * {@code --background-summary K} replaces the background by K k-means rows, recorded in the
 * provenance, and with K at least the background size gives the whole background's values.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExplainEngineTest {
    private static final String[] DATA = {"--resolution", "full", "--synthetic-samples", "20", "--no-progress"};
    private static final String[] EXPLAIN = {"--background", "4", "--samples", "all", "--threads", "2"};

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    /** The DL4J values of the first run: sample id to {base values, contributions, prediction}. */
    private static final Map<String, double[][]> DL4J = new LinkedHashMap<>();

    private static String[] args(String command, String... more) {
        List<String> a = new ArrayList<>(List.of(command, "--out", tmp.resolve("out").toString()));
        a.addAll(List.of(DATA));
        if (command.equals("run-all")) {
            a.addAll(List.of("--epochs", "1", "--report-panels", "1"));
        }
        a.addAll(List.of(EXPLAIN));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private static Path samples() {
        return tmp.resolve("out/explanations/samples");
    }

    private static Map<String, double[][]> arrays() throws Exception {
        Map<String, double[][]> out = new LinkedHashMap<>();
        for (String id : SampleFiles.ids(tmp.resolve("out/explanations"))) {
            Path dir = samples().resolve(id);
            out.put(id, new double[][] {Npy.read(dir.resolve("base_values.npy")).toDoubles(),
                    Npy.read(dir.resolve("contributions.npy")).toDoubles(),
                    Npy.read(dir.resolve("prediction.npy")).toDoubles()});
        }
        return out;
    }

    private static Provenance provenance(String id) {
        return SampleFiles.provenance(samples().resolve(id)).orElseThrow();
    }

    /** Largest absolute difference of two runs' arrays, each sample and array compared. */
    private static double maxDifference(Map<String, double[][]> a, Map<String, double[][]> b) {
        assertEquals(a.keySet(), b.keySet());
        double max = 0;
        for (String id : a.keySet()) {
            for (int k = 0; k < 3; k++) {
                double[] x = a.get(id)[k];
                double[] y = b.get(id)[k];
                assertEquals(x.length, y.length, id + " array " + k);
                for (int i = 0; i < x.length; i++) {
                    max = Math.max(max, Math.abs(x[i] - y[i]));
                }
            }
        }
        return max;
    }

    /** Base values plus the four contributions equal the prediction at every pixel (1e-5). */
    private static void assertAdditive(double[][] sample, String id) {
        double[] b = sample[0];
        double[] c = sample[1];
        double[] y = sample[2];
        for (int i = 0; i < y.length; i++) {
            double sum = b[i] + c[i] + c[y.length + i] + c[2 * y.length + i] + c[3 * y.length + i];
            assertEquals(y[i], sum, 1e-5, "additivity at pixel " + i + " of " + id);
        }
    }

    @Test
    @Order(1)
    void onnxGivesTheValuesDl4jGives() throws Exception {
        CliRunner.Run all = CliRunner.run(args("run-all", "--runtime", "dl4j"));
        assertEquals(0, all.exitCode(), all.toString());
        DL4J.putAll(arrays());
        assertTrue(DL4J.size() >= 2, "samples explained: " + DL4J.keySet());
        String first = DL4J.keySet().iterator().next();
        assertEquals("dl4j", provenance(first).extra().get(SampleFiles.ENGINE));
        assertTrue(!Files.exists(tmp.resolve("out/model.onnx")), "the dl4j engine exports nothing");

        CliRunner.Run onnx = CliRunner.run(args("explain")); // the default runtime
        assertEquals(0, onnx.exitCode(), onnx.toString());
        assertTrue(onnx.out().contains(DL4J.size() + " samples re-explained: the inference engine changed (dl4j to "
                + "onnx)"), onnx.out());
        Map<String, double[][]> values = arrays();
        double diff = maxDifference(DL4J, values);
        assertTrue(diff <= 1e-5, "ONNX Runtime and DL4J differ by " + diff);
        Provenance p = provenance(first);
        assertEquals("onnx", p.extra().get(SampleFiles.ENGINE));
        assertEquals(Fingerprint.ofFile(tmp.resolve("out/model.zip")), p.modelFingerprint(),
                "the model is still named by its DL4J file");
        assertEquals("mirror to 104x104", p.padding(), "the padding as PaddedModel records it");
        assertTrue(Files.size(tmp.resolve("out/model.onnx")) > 10_000, "the export is written beside model.zip");
        JsonNode explain = JSON.readTree(tmp.resolve("out/parameters.json").toFile()).path("explain");
        assertEquals("onnx", explain.path("runtime").asText(), "parameters.json records the runtime: " + explain);
        assertEquals(0, explain.path("background_summary").asInt(-1), explain.toString());
    }

    @Test
    @Order(2)
    void anUnchangedExportIsKeptAndTheSamplesReused() throws Exception {
        Path onnx = tmp.resolve("out/model.onnx");
        FileTime old = FileTime.fromMillis(0);
        Files.setLastModifiedTime(onnx, old);
        CliRunner.Run again = CliRunner.run(args("explain", "--runtime", "onnx"));
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("0 explained now, " + DL4J.size() + " already done"), again.out());
        assertEquals(old, Files.getLastModifiedTime(onnx), "model.onnx was not rewritten");
    }

    @Test
    @Order(3)
    void aSummaryOfAtLeastTheBackgroundSizeIsTheBackground() throws Exception {
        CliRunner.Run run = CliRunner.run(args("explain", "--background-summary", "4", "--runtime", "dl4j"));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(!run.out().contains("the background summary changed")
                && run.out().contains("the inference engine changed (onnx to dl4j)"), run.out());
        String first = DL4J.keySet().iterator().next();
        assertNull(provenance(first).explainerOptions().get("background_summary"),
                "4 rows of 4 are the rows themselves: no summary is recorded (issue 22)");
        double diff = maxDifference(DL4J, arrays());
        assertTrue(diff <= 1e-12, "k-means with k = rows keeps the rows, equally weighted: differs by " + diff);
    }

    @Test
    @Order(4)
    void aSmallerSummaryIsRecordedAndStillAdditive() throws Exception {
        CliRunner.Run run = CliRunner.run(args("explain", "--background-summary", "2", "--runtime", "onnx"));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("the background summary changed (none to 2 rows)"), run.out());
        Map<String, double[][]> values = arrays();
        for (String id : values.keySet()) {
            Provenance p = provenance(id);
            assertEquals("2", p.explainerOptions().get("background_summary"), id);
            assertEquals(4, p.backgroundSize(), "the rows summarised: " + id);
            assertAdditive(values.get(id), id);
        }
        assertTrue(maxDifference(DL4J, values) > 1e-6, "two k-means rows are not the four rows");
        CliRunner.Run report = CliRunner.run("report", "--out", tmp.resolve("out").toString(), "--no-progress",
                "--resolution", "full");
        assertEquals(0, report.exitCode(), report.toString());
    }

    @Test
    @Order(5)
    void int8IsAnOptInThatRecordsItsErrorAndAddsUpToTheInt8Prediction() throws Exception {
        CliRunner.Run dl4j = CliRunner.run(args("explain", "--runtime", "dl4j", "--precision", "int8"));
        assertEquals(ExitCode.USAGE.code(), dl4j.exitCode(), dl4j.toString());
        assertTrue(dl4j.toString().contains("--precision int8 runs through ONNX Runtime, not dl4j: use --runtime onnx"),
                dl4j.toString());
        CliRunner.Run run = CliRunner.run(args("explain", "--runtime", "onnx", "--precision", "int8",
                "--precision-check", "2"));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("the precision changed (float32 to int8)"), run.out());
        assertTrue(run.out().contains("int8 passes: contributions within"), run.out());
        Map<String, double[][]> values = arrays();
        PrecisionRecord rec = PrecisionRecord.of(provenance(values.keySet().iterator().next())).orElseThrow();
        assertEquals(2, rec.heldOutIds().size());
        assertTrue(rec.calibration().startsWith("minmax over 4 images"), rec.calibration());
        double diff = 0;
        double ref = 0;
        for (String id : values.keySet()) {
            assertEquals(rec, PrecisionRecord.of(provenance(id)).orElseThrow(), "one record for the run: " + id);
            assertAdditive(values.get(id), id);
            double[] c = values.get(id)[1];
            if (rec.heldOutIds().contains(id)) {
                double[] f = DL4J.get(id)[1];
                for (int i = 0; i < c.length; i++) {
                    diff += (c[i] - f[i]) * (c[i] - f[i]);
                    ref += f[i] * f[i];
                }
            }
        }
        assertTrue(maxDifference(DL4J, values) > 1e-6, "the int8 model's predictions are its own");
        assertEquals(Math.sqrt(diff / ref), rec.relativeRms(), 1e-3,
                "the recorded error is the held-out samples' error against the float32 (DL4J) explanation");
        JsonNode explain = JSON.readTree(tmp.resolve("out/parameters.json").toFile()).path("explain");
        assertEquals("int8", explain.path("precision").asText(), explain.toString());
        assertEquals(2, explain.path("precision_check").asInt(), explain.toString());
    }
}
