package io.github.segshap.salt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.core.io.Npy;
import io.github.segshap.core.io.NpyArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saved samples are reused only while their provenance is current and their arrays verify: a
 * tampered or truncated array is named by {@code report} (exit 8) and repaired by {@code explain};
 * a new model makes {@code report} refuse the old explanations (exit 8, naming the sample folders)
 * and {@code explain} explain them again, saying why.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExplanationProvenanceTest {
    private static final CliRunner.Tiny TINY = new CliRunner.Tiny(8);

    @TempDir
    static Path tmp;

    private static String[] args(String command, String... more) {
        return TINY.args(command, tmp.resolve("out"), more);
    }

    private static Path samples() {
        return tmp.resolve("out/explanations/samples");
    }

    private static String firstSample() throws Exception {
        try (var s = Files.list(samples())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().findFirst()
                    .orElseThrow();
        }
    }

    @Test
    @Order(1)
    void aTamperedMapIsRefusedByTheReportAndRepairedByExplain() throws Exception {
        CliRunner.Run all = CliRunner.run(args("run-all"));
        assertEquals(0, all.exitCode(), all.toString());
        String id = firstSample();
        Path file = samples().resolve(id).resolve("contributions.npy");
        byte[] original = Files.readAllBytes(file);
        byte[] tampered = original.clone();
        ByteBuffer b = ByteBuffer.wrap(tampered).order(ByteOrder.LITTLE_ENDIAN);
        int last = tampered.length - Double.BYTES;   // one value of the last map: + 0.3
        b.putDouble(last, b.getDouble(last) + 0.3);
        Files.write(file, tampered);

        CliRunner.Run report = CliRunner.run(args("report"));
        assertEquals(8, report.exitCode(), report.toString());
        assertTrue(report.err().contains(file.toString()) && report.err().contains("checksum"), report.err());

        CliRunner.Run explain = CliRunner.run(args("explain"));
        assertEquals(0, explain.exitCode(), explain.toString());
        assertTrue(explain.out().contains("1 explained now, 8 already done"), explain.out());
        assertTrue(explain.out().contains("1 sample re-explained: damaged, " + file), explain.out());
        assertTrue(Arrays.equals(original, Files.readAllBytes(file)), "the repaired map is the original one");
        assertEquals(0, CliRunner.run(args("report")).exitCode());
    }

    @Test
    @Order(2)
    void aTruncatedArrayIsExplainedAgain() throws Exception {
        String id = firstSample();
        Path file = samples().resolve(id).resolve("prediction.npy");
        byte[] original = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(original, original.length / 2));
        CliRunner.Run explain = CliRunner.run(args("explain"));
        assertEquals(0, explain.exitCode(), explain.toString());
        assertTrue(explain.out().contains("1 sample re-explained: damaged, " + file), explain.out());
        assertTrue(Arrays.equals(original, Files.readAllBytes(file)));
    }

    @Test
    @Order(3)
    void explanationsOfAnOlderModelAreRefusedThenExplainedAgainWithTheReason() throws Exception {
        CliRunner.Run train = CliRunner.run("train", "--out", tmp.resolve("out").toString(), "--no-progress",
                "--synthetic-samples", "60", "--epochs", "2");
        assertEquals(0, train.exitCode(), train.toString());
        CliRunner.Run report = CliRunner.run(args("report"));
        assertEquals(8, report.exitCode(), report.toString());
        assertTrue(report.err().contains("9 of the 9 explained samples were made by another model")
                && report.err().contains("explanations/samples/" + firstSample()), report.err());

        CliRunner.Run explain = CliRunner.run(args("explain"));
        assertEquals(0, explain.exitCode(), explain.toString());
        assertTrue(explain.out().contains("9 samples re-explained: the model changed"), explain.out());
        CliRunner.Run again = CliRunner.run(args("report"));
        assertEquals(0, again.exitCode(), again.toString());
        String html = Files.readString(tmp.resolve("out/report.html"));
        assertTrue(html.contains("9 test samples explained") && html.contains("trained for 2 epochs"), "the page"
                + " states what it shows");
        for (String f : List.of("expected_values.png", "mean_abs_contribution.png", "training_loss.png",
                "sample_" + firstSample() + ".png")) {
            assertTrue(Files.isRegularFile(tmp.resolve("out/figures").resolve(f)), f);
        }
    }

    @Test
    @Order(4)
    void anEditedTestImageIsExplainedAgainFromTheRebuiltData() throws Exception {
        String id = firstSample();
        Path images;
        try (var s = Files.walk(tmp.resolve("out/data-cache"))) {
            images = s.filter(p -> p.endsWith("train/images")).findFirst().orElseThrow();
        }
        Path edited = images.resolve(id + ".png");
        try (var s = Files.list(images)) {
            Path other = s.filter(p -> !p.equals(edited)).sorted().findFirst().orElseThrow();
            Files.copy(other, edited, StandardCopyOption.REPLACE_EXISTING);
        }
        // the data changed, so the model must be trained again first (explain refuses it, exit 6)
        CliRunner.Run train = CliRunner.run(TINY.args("train", tmp.resolve("out")));
        assertEquals(0, train.exitCode(), train.toString());
        CliRunner.Run explain = CliRunner.run(args("explain", "--samples", id));
        assertEquals(0, explain.exitCode(), explain.toString());
        assertTrue(explain.out().contains("1 sample re-explained: the test image changed, the model changed (" + id
                + ")"), explain.out());

        CliRunner.Run prepare = CliRunner.run(args("prepare"));
        Path entry = Path.of(prepare.lastLine().replace("data cache: ", ""));
        List<String> testIds = Files.readAllLines(entry.resolve("test.txt"));
        NpyArray cached = Npy.read(entry.resolve("x_test.npy"));
        int plane = cached.shape()[1] * cached.shape()[2] * cached.shape()[3];
        int row = testIds.indexOf(id);
        float[] rebuilt = Arrays.copyOfRange(cached.toFloats(), row * plane, (row + 1) * plane);
        // inputs.npy is the explanation folder's float64 array since the one store: the same values
        double[] saved = Npy.read(samples().resolve(id).resolve("inputs.npy")).toDoubles();
        double[] expected = new double[rebuilt.length];
        for (int i = 0; i < rebuilt.length; i++) {
            expected[i] = rebuilt[i];
        }
        assertArrayEquals(expected, saved, 0.0, "the saved inputs are the rebuilt cache's");
    }
}
