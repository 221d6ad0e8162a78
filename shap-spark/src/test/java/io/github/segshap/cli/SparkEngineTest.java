package io.github.segshap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.spark.job.SparkSessions;
import io.github.segshap.spark.output.StatisticsTable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.provenance.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code segshap explain --engine spark --master local[2]} on the small ONNX net: the same numbers as
 * {@code --engine local} bit for bit, for a background file and for a drawn one; bad images fail
 * alone and make exit code 4.
 */
class SparkEngineTest {
    static final int N = 6;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void sparkGivesTheLocalEnginesNumbersBitForBit() {
        Path model = TinyOnnxNet.write(dir.resolve("model.onnx"), 3, false, 7);
        Path images = dir.resolve("images.npy");
        Npy.write(images, TinyOnnxNet.images(N, 3, 8, 8, 1), N, 3, 8, 8);
        Path background = dir.resolve("background.npy");
        Npy.write(background, TinyOnnxNet.images(4, 3, 8, 8, 2), 4, 3, 8, 8);
        for (String bg : new String[] {background.toString(), "3"}) {
            Path local = dir.resolve("local-" + bg.length());
            Path spark = dir.resolve("spark-" + bg.length());
            List<String> common = List.of("explain", "--model", model.toString(), "--images", images.toString(),
                    "--background", bg, "--players", "0;1,2", "--explainer", "kernel", "--budget", "6");
            ExplainCommandTest.Run l = ExplainCommandTest.run(with(common, "--out", local.toString()));
            assertEquals(0, l.exit(), l.all());
            ExplainCommandTest.Run s = ExplainCommandTest.run(with(common, "--out", spark.toString(),
                    "--engine", "spark", "--master", "local[2]", "--partitions", "3", "--batch", "2"));
            assertEquals(0, s.exit(), s.all());
            assertTrue(s.out().contains("explained 6 images (0 already done, 0 failed)"), s.out());
            Explanations merged = ExplanationFolder.read(local);
            for (int i = 0; i < merged.size(); i++) {
                Path folder = spark.resolve("images").resolve(merged.id(i));
                ExplainCommandTest.assertSameValues(merged.subset(i), ExplanationFolder.read(folder));
                Provenance p = ExplanationFolder.readProvenance(folder).orElseThrow();
                Provenance q = merged.provenance().orElseThrow();
                assertEquals(q.backgroundFingerprint(), p.backgroundFingerprint());
                assertEquals(q.backgroundIds(), p.backgroundIds());
                assertEquals(q.model(), p.model());
            }
        }
    }

    /** statistics.parquet, read back by Spark SQL, holds each image's numbers of the merged folder. */
    private static long samplePanels(Path out) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(out.resolve("figures"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("sample_")).count();
        }
    }

    private static void assertStatistics(Path out) throws IOException {
        Explanations merged = ExplanationFolder.read(out);
        JsonNode json = MAPPER.readTree(out.resolve(ExplanationFolder.JSON).toFile());
        SparkSession session = SparkSessions.local("local[1]");
        try {
            List<Row> rows = session.read().parquet(out.resolve(StatisticsTable.NAME).toString())
                    .orderBy("position").collectAsList();
            assertEquals(merged.size(), rows.size());
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                Explanations one = merged.subset(i);
                assertEquals(merged.id(i), r.getAs("id"));
                assertEquals(i, (int) r.getAs("position"));
                List<Double> mean = r.getList(r.fieldIndex("mean_abs_contribution"));
                double[] expected = one.meanAbsContribution();
                assertEquals(expected.length, mean.size());
                for (int p = 0; p < expected.length; p++) {
                    assertEquals(expected[p], mean.get(p), "player " + p + " of image " + i);
                }
                assertEquals(one.maxAbsResidual(0), (double) r.getAs("max_abs_residual"));
                assertEquals(json.get("model_evaluations").get(i).asLong(), (long) r.getAs("model_evaluations"));
            }
        } finally {
            session.stop();
        }
    }

    /** Every array file of the folder, byte for byte. */
    private static void assertSameArrays(Path expected, Path actual) throws IOException {
        for (String f : ExplanationFolder.FILES) {
            assertEquals(Files.exists(expected.resolve(f)), Files.exists(actual.resolve(f)), f);
            if (Files.exists(expected.resolve(f))) {
                assertEquals(-1, Files.mismatch(expected.resolve(f), actual.resolve(f)), f + " differs");
            }
        }
        assertTrue(Files.exists(actual.resolve("inputs.npy")), "inputs.npy");
    }

    /**
     * The keys of explanation.json both engines must agree on: all but {@code model_evaluations}
     * (the first image of each explainer call also counts the determinism check, so the counts
     * follow the partitioning) and, in the provenance, the date and how the images were named.
     */
    private static void assertSameRecipe(Path local, Path spark) throws IOException {
        JsonNode l = MAPPER.readTree(local.resolve(ExplanationFolder.JSON).toFile());
        JsonNode s = MAPPER.readTree(spark.resolve(ExplanationFolder.JSON).toFile());
        for (String key : List.of("format", "version", "images", "ids", "players", "image_shape", "output_shape",
                "explainer", "max_abs_residual", "files", "checksums")) {
            assertEquals(l.get(key), s.get(key), key);
        }
        assertEquals(l.get("model_evaluations").size(), s.get("model_evaluations").size(), "model_evaluations");
        Provenance lp = ExplanationFolder.readProvenance(local).orElseThrow();
        Provenance sp = ExplanationFolder.readProvenance(spark).orElseThrow();
        assertEquals(lp.withCreated(""), sp.withoutExtra("images_source").withCreated(""), lp.differences(sp).toString());
        assertTrue(sp.extra().get("images_source").contains("images.npy"), sp.extra().toString());
    }

    @Test
    void aSparkRunEndsInTheLocalEnginesFolderAndReportAndMergesLaterTheSame() throws IOException {
        Path model = TinyOnnxNet.write(dir.resolve("model.onnx"), 3, false, 7);
        Path images = dir.resolve("images.npy");
        Npy.write(images, TinyOnnxNet.images(N + 6, 3, 8, 8, 1), N + 6, 3, 8, 8);
        List<String> common = List.of("explain", "--model", model.toString(), "--images", images.toString(),
                "--background", "4", "--players", "0;1,2", "--explainer", "kernel", "--budget", "6");
        Path local = dir.resolve("local");
        ExplainCommandTest.Run l = ExplainCommandTest.run(with(common, "--out", local.toString()));
        assertEquals(0, l.exit(), l.all());
        Path spark = dir.resolve("spark");
        ExplainCommandTest.Run s = ExplainCommandTest.run(with(common, "--out", spark.toString(), "--engine", "spark",
                "--master", "local[2]", "--partitions", "3", "--batch", "2", "--report-panels", "2"));
        assertEquals(0, s.exit(), s.all());
        assertEquals(2, samplePanels(spark), "--report-panels reaches the merge's report");
        assertTrue(s.out().contains("merged 12 images"), s.out());
        assertSameArrays(local, spark);
        assertSameRecipe(local, spark);
        assertEquals(ExplanationFolder.readIds(local), ExplanationFolder.readIds(spark));
        assertTrue(ExplanationFolder.readIds(spark).indexOf("10") > ExplanationFolder.readIds(spark).indexOf("9"),
                "ids in input order, not sorted as text");
        assertTrue(Files.isRegularFile(spark.resolve("report.html")), "report.html");
        assertTrue(Files.isDirectory(spark.resolve("figures")), "figures/");
        assertStatistics(spark);

        byte[] order = Files.readAllBytes(spark.resolve("images.json"));
        ExplainCommandTest.Run other = ExplainCommandTest.run(with(common, "--out", spark.toString(), "--engine",
                "spark", "--master", "local[2]", "--seed", "7"));
        assertEquals(7, other.exit(), other.all());
        assertTrue(other.err().contains("--seed was 42, now 7") && other.err().contains("images.json"), other.err());
        assertEquals(-1, java.util.Arrays.mismatch(order, Files.readAllBytes(spark.resolve("images.json"))),
                "another recipe's run changes nothing");
        assertSameArrays(local, spark);

        Path later = dir.resolve("later");
        ExplainCommandTest.Run n = ExplainCommandTest.run(with(common, "--out", later.toString(), "--engine", "spark",
                "--master", "local[2]", "--no-merge"));
        assertEquals(0, n.exit(), n.all());
        assertTrue(n.out().contains("not merged (--no-merge)"), n.out());
        assertFalse(Files.exists(later.resolve(ExplanationFolder.JSON)), "--no-merge writes no merged folder");
        assertFalse(Files.exists(later.resolve("report.html")), "--no-merge draws no report");
        for (int round = 0; round < 2; round++) {   // rerunnable: the same files again
            ExplainCommandTest.Run m = ExplainCommandTest.run("merge", "--out", later.toString(), "--report-panels",
                    "1");
            assertEquals(0, m.exit(), m.all());
            assertEquals(1, samplePanels(later), "merge --report-panels");
            assertSameArrays(spark, later);
            assertSameRecipe(local, later);
            assertTrue(Files.isRegularFile(later.resolve("report.html")), "report.html");
        }
    }

    @Test
    void aDamagedOrMissingImageFolderIsNamedAndNothingIsMerged() throws IOException {
        Path model = TinyOnnxNet.write(dir.resolve("model.onnx"), 2, false, 7);
        Path images = dir.resolve("images.npy");
        Npy.write(images, TinyOnnxNet.images(N, 2, 8, 8, 1), N, 2, 8, 8);
        Path out = dir.resolve("out");
        ExplainCommandTest.Run s = ExplainCommandTest.run("explain", "--model", model.toString(), "--images",
                images.toString(), "--background", "3", "--out", out.toString(), "--engine", "spark", "--master",
                "local[2]", "--no-merge");
        assertEquals(0, s.exit(), s.all());
        Path damaged = out.resolve("images").resolve("3").resolve("base_values.npy");
        byte[] bytes = Files.readAllBytes(damaged);
        bytes[bytes.length - 1] ^= 1;
        Files.write(damaged, bytes);
        ExplainCommandTest.Run m = ExplainCommandTest.run("merge", "--out", out.toString());
        assertEquals(10, m.exit(), m.all());
        assertTrue(m.err().contains(damaged.toString()), m.err());
        assertNotMerged(out);

        io.github.segshap.core.io.AtomicFiles.deleteTree(damaged.getParent());
        m = ExplainCommandTest.run("merge", "--out", out.toString());
        assertEquals(3, m.exit(), m.all());
        assertTrue(m.err().contains("image '3'"), m.err());
        assertNotMerged(out);

        ExplainCommandTest.Run again = ExplainCommandTest.run("explain", "--model", model.toString(), "--images",
                images.toString(), "--background", "3", "--out", out.toString(), "--engine", "spark", "--master",
                "local[2]");
        assertEquals(0, again.exit(), again.all());
        assertTrue(again.out().contains("explained 1 images (5 already done, 0 failed)"), again.out());
        assertEquals(N, ExplanationFolder.read(out).size());
    }

    private static void assertNotMerged(Path out) throws IOException {
        for (String f : ExplanationFolder.FILES) {
            assertFalse(Files.exists(out.resolve(f)), f + " was written");
        }
        assertFalse(Files.exists(out.resolve(ExplanationFolder.JSON)), "explanation.json was written");
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith(".partial")).toList());
        }
    }

    @Test
    void badPngFilesFailAloneAndTheExitCodeSaysSo() throws IOException {
        Path model = TinyOnnxNet.write(dir.resolve("model.onnx"), 1, false, 7);
        Path pngs = Files.createDirectories(dir.resolve("pngs"));
        for (int i = 0; i < 4; i++) {
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(8, 8,
                    java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    img.getRaster().setSample(x, y, 0, (x * 31 + y * 17 + i * 50) % 256);
                }
            }
            javax.imageio.ImageIO.write(img, "png", pngs.resolve("tile" + i + ".png").toFile());
        }
        Files.write(pngs.resolve("broken.png"), new byte[] {1, 2, 3});
        Path out = dir.resolve("out");
        ExplainCommandTest.Run s = ExplainCommandTest.run("explain", "--model", model.toString(), "--images",
                pngs.toString(), "--background", "3", "--out", out.toString(), "--engine", "spark", "--master",
                "local[2]");
        assertEquals(4, s.exit(), s.all());
        assertTrue(s.all().contains("1 of 5 images failed"), s.all());
        assertTrue(Files.readString(out.resolve("failed").resolve("broken.txt")).contains("broken.png"));
        for (int i = 0; i < 4; i++) {
            assertTrue(ExplanationFolder.exists(out.resolve("images").resolve("tile" + i)), "tile" + i);
        }
    }

    private static String[] with(List<String> common, String... more) {
        List<String> a = new ArrayList<>(common);
        a.addAll(Arrays.asList(more));
        return a.toArray(String[]::new);
    }
}
