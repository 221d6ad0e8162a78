package io.github.segshap.cli;

import io.github.segshap.cli.ExplainCommandTest.Run;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.sections.SectionExplainer;
import io.github.segshap.core.sections.TileGrid;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.onnx.model.OnnxModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code segshap explain-section} run in-process on the tests' small ONNX conv net. */
class ExplainSectionCommandTest {
    static final int C = 3;
    static final int H = 30;
    static final int W = 37;
    static final ImageShape SECTION = new ImageShape(C, H, W);

    @TempDir
    Path dir;
    Path model;
    Path section;
    Path background;
    Image image;

    @BeforeEach
    void files() {
        model = TinyOnnxNet.write(dir.resolve("model.onnx"), C, false, 7);
        float[] pixels = TinyOnnxNet.images(1, C, H, W, 1);
        section = dir.resolve("section.npy");
        Npy.write(section, pixels, C, H, W);
        background = dir.resolve("background.npy");
        Npy.write(background, TinyOnnxNet.images(3, C, 12, 12, 2), 3, C, 12, 12);
        double[] d = new double[pixels.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = pixels[i];
        }
        image = Image.of(SECTION, d);
    }

    Run explain(Path out, String... more) {
        return explain(java.util.function.UnaryOperator.identity(), out, more);
    }

    Run explain(java.util.function.UnaryOperator<io.github.segshap.core.model.Model> hook, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("explain-section", "--model", model.toString(), "--section",
                section.toString(), "--background", background.toString(), "--out", out.toString(), "--threads", "2"));
        a.addAll(List.of(more));
        for (String[] d : new String[][] {{"--tile", "12"}, {"--stride", "8,10"}, {"--batch", "4"}}) {
            if (!a.contains(d[0])) {
                a.addAll(List.of(d));
            }
        }
        return ExplainCommandTest.run(hook, a.toArray(String[]::new));
    }

    @Test
    void explainsTheWholeSectionIntoOneFolderThatAddsUpAndEqualsTheCoreExplainer() throws IOException {
        Path out = dir.resolve("out");
        Run r = explain(out);
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("by 16 tiles (16 explained, 0 already done)"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("report.html")), r.out());
        assertFalse(Files.exists(out.resolve(SectionExplainer.TILES)), "tile folders are removed at the end");
        assertArrayEquals(new int[] {1, 1, H, W}, Npy.read(out.resolve("base_values.npy")).shape());
        assertArrayEquals(new int[] {1, C, 1, H, W}, Npy.read(out.resolve("contributions.npy")).shape());
        Explanations ex = ExplanationFolder.read(out);
        assertEquals(List.of("section"), ex.ids());
        assertEquals(List.of(image), ex.inputs());
        ExplainCommandTest.assertAddsUp(ex);
        var p = ex.provenance().orElseThrow();
        assertEquals("12x12", p.extra().get("section_tile"));
        assertEquals("8x10", p.extra().get("section_stride"));
        assertEquals("4x4", p.extra().get("section_tiles"));
        assertTrue(p.extra().get("section_fingerprint").startsWith("sha256:"));
        try (OnnxModel m = OnnxModel.of(model)) {
            List<Image> bg = new ArrayList<>();
            float[] v = TinyOnnxNet.images(3, C, 12, 12, 2);
            ImageShape tile = new ImageShape(C, 12, 12);
            for (int i = 0; i < 3; i++) {
                double[] d = new double[tile.size()];
                for (int k = 0; k < d.length; k++) {
                    d[k] = v[i * tile.size() + k];
                }
                bg.add(Image.of(tile, d));
            }
            ExplanationOptions options = ExplanationOptions.builder().background(bg).threads(1).build();
            Explanations direct = SectionExplainer.builder(m, options).tile(12, 12).stride(8, 10).build()
                    .explain("section", image).explanation();
            ExplainCommandTest.assertSameValues(direct, ex);
        }
    }

    @Test
    void progressGoesThroughTheSharedPrinterAndNoProgressShowsNone() {
        Path out = dir.resolve("quiet");
        Run r = explain(out, "--no-progress");
        assertEquals(0, r.exit(), r.all());
        assertFalse(r.all().contains("/16 tiles"), "--no-progress: no progress lines\n" + r.all());
        assertTrue(r.out().contains("by 16 tiles (16 explained, 0 already done)"), "the summary counts the tiles\n"
                + r.out());
    }

    @Test
    void resumesTileByTileWithTheSameNumbersAndRefusesAnotherRecipe() throws IOException {
        Path whole = dir.resolve("whole");
        assertEquals(0, explain(whole).exit());
        Path out = dir.resolve("out");
        TileGrid grid = TileGrid.of(SECTION, 12, 12, 8, 10);
        Image poison = grid.cut(image, grid.tile(9));
        Run killed = explain(ExplainCommandTest.failingOn(poison), out);
        assertEquals(1, killed.exit(), killed.all());
        assertTrue(Files.isDirectory(out.resolve("tiles").resolve("0-3"))
                && Files.isDirectory(out.resolve("tiles").resolve("4-7")), "the finished tile batches are kept");
        assertFalse(Files.exists(out.resolve(ExplanationFolder.JSON)));

        Run other = explain(out, "--seed", "9");
        assertEquals(7, other.exit(), other.all());
        assertTrue(other.err().contains("another recipe") && other.err().contains("--seed was 42, now 9"), other.err());

        Run rerun = explain(out, "--batch", "5");
        assertEquals(0, rerun.exit(), rerun.all());
        assertTrue(rerun.out().contains("(8 explained, 8 already done"), rerun.out());
        Explanations a = ExplanationFolder.read(whole);
        Explanations b = ExplanationFolder.read(out);
        Explanation ea = a.get(0);
        Explanation eb = b.get(0);
        assertArrayEquals(ea.baseValues(), eb.baseValues());
        assertArrayEquals(ea.outputs(), eb.outputs());
        for (int p = 0; p < C; p++) {
            assertArrayEquals(ea.values(p), eb.values(p), "player " + p);
        }
        Run again = explain(out);
        assertEquals(0, again.exit(), again.all());
        assertTrue(again.out().contains("(0 explained, 16 already done"), again.out());
    }

    @Tag("campaign")
    @Test
    void badInputsGiveTheirExitCodesAndNameTheProblem() throws IOException {
        Path out = dir.resolve("out");
        Run tile = explain(out, "--tile", "12,x");
        assertEquals(2, tile.exit(), tile.all());
        assertTrue(tile.err().contains("--tile"), tile.err());
        Run big = explain(out, "--tile", "31,12", "--stride", "8");
        assertEquals(2, big.exit(), big.all()); // a usage error since issue 22 (was 4): the flag is what is too large
        assertTrue(big.err().contains("smaller than a tile of 31x12") && big.err().contains("--tile can be at most "),
                big.err());
        for (String absurd : new String[] {"100000", "2147483647"}) { // once "error: unexpected" (shape overflow)
            Run huge = ExplainCommandTest.run("explain-section", "--model", model.toString(), "--section",
                    section.toString(), "--background", background.toString(), "--tile", absurd, "--out",
                    out.toString());
            assertEquals(2, huge.exit(), huge.all());
            assertTrue(huge.err().contains("--tile " + absurd + "," + absurd + " is larger than the section")
                    && huge.err().contains("smaller than a tile of " + absurd + "x" + absurd)
                    && !huge.err().contains("unexpected"), huge.err());
        }
        Run count = ExplainCommandTest.run("explain-section", "--model", model.toString(), "--section",
                section.toString(), "--background", "99999999999", "--tile", "12", "--out", out.toString());
        assertEquals(2, count.exit(), count.all());
        assertTrue(count.err().contains("--background 99999999999: ") && count.err().contains("at most 2147483647 tiles")
                && !count.err().contains("unexpected"), count.err());
        Path wrong = dir.resolve("wrong.npy");
        Npy.write(wrong, TinyOnnxNet.images(2, C, 10, 10, 3), 2, C, 10, 10);
        Run bg = ExplainCommandTest.run("explain-section", "--model", model.toString(), "--section",
                section.toString(), "--background", wrong.toString(), "--tile", "12", "--out", out.toString());
        assertEquals(4, bg.exit(), bg.all());
        assertTrue(bg.err().contains("3x10x10") && bg.err().contains("3x12x12"), bg.err());
        Path stack = dir.resolve("stack.npy");
        Npy.write(stack, TinyOnnxNet.images(2, C, 20, 20, 3), 2, C, 20, 20);
        Run two = ExplainCommandTest.run("explain-section", "--model", model.toString(), "--section", stack.toString(),
                "--tile", "12", "--out", out.toString());
        assertEquals(4, two.exit(), two.all());
        assertTrue(two.err().contains("holds 2 images"), two.err());
        Run drawn = ExplainCommandTest.run("explain-section", "--model", model.toString(), "--section",
                section.toString(), "--background", "5", "--tile", "12", "--out", dir.resolve("drawn").toString(),
                "--threads", "1");
        assertEquals(0, drawn.exit(), drawn.all());
        assertEquals(5, ExplanationFolder.read(dir.resolve("drawn")).provenance().orElseThrow().backgroundSize());
        Run help = ExplainCommandTest.run("explain-section", "--help");
        assertTrue(help.out().contains("Example:") && help.out().contains("segshap explain-section "), help.out());
    }
}
