package io.github.segshap.cli;

import io.github.segshap.core.explanation.Explanations;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code segshap explain --engine spark --master local[2]} on the small ONNX net: the same numbers as
 * {@code --engine local} bit for bit, for a background file and for a drawn one; bad images fail
 * alone and make exit code 4.
 */
class SparkEngineTest {
    static final int N = 6;

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
