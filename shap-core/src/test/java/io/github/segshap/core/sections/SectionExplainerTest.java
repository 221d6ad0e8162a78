package io.github.segshap.core.sections;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.segmentation.ExplainerKind;
import io.github.segshap.core.segmentation.ImageExplainer;
import io.github.segshap.core.store.OtherRecipeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sections explained by tiles against the whole section explained at once, and the tiles' bookkeeping. */
class SectionExplainerTest {
    static final int C = 3;
    static final Convolution MODEL = new Convolution(C, 2, 5);

    @TempDir
    Path dir;

    static Image random(int c, int h, int w, long seed) {
        Random r = new Random(seed);
        double[] v = new double[c * h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.2 + r.nextGaussian();
        }
        return Image.of(new ImageShape(c, h, w), v);
    }

    /** Images of this size, each constant per channel (the same constants for every size). */
    static List<Image> constants(int h, int w) {
        double[][] levels = {{-0.5, 0.3, 1.0}, {0.2, -0.7, 0.1}, {0.9, 0.4, -0.2}};
        List<Image> out = new ArrayList<>();
        ImageShape s = new ImageShape(C, h, w);
        for (double[] level : levels) {
            double[] v = new double[s.size()];
            for (int c = 0; c < C; c++) {
                java.util.Arrays.fill(v, c * h * w, (c + 1) * h * w, level[c]);
            }
            out.add(Image.of(s, v));
        }
        return out;
    }

    static ExplanationOptions.Builder exact() {
        return ExplanationOptions.builder().explainer(ExplainerKind.EXACT).threads(2);
    }

    @Test
    void tilesEqualTheWholeSectionAwayFromTileBorders() {
        int h = 40;
        int w = 53;
        Image section = random(C, h, w, 1);
        Explanation whole = ImageExplainer.of(MODEL, exact().background(constants(h, w)).build())
                .explain(List.of(section)).get(0);
        SectionExplainer tiles = SectionExplainer.builder(MODEL, exact().background(constants(16, 16)).build())
                .tile(16, 16).stride(10, 12).tilesPerBatch(5).build();
        SectionExplainer.Result r = tiles.explain("s", section);
        Explanation blended = r.explanation().get(0);
        assertEquals(whole.outputShape(), blended.outputShape());
        boolean[] interior = interior(r.grid(), MODEL.radius());
        int compared = 0;
        double worstNearBorder = 0;
        for (int k = 0; k < h * w; k++) {
            if (interior[k]) {
                compared++;
                assertEquals(whole.output(k), blended.output(k), 1e-12, "prediction at " + k);
                assertEquals(whole.baseValue(k), blended.baseValue(k), 1e-12, "base value at " + k);
                for (int p = 0; p < C; p++) {
                    assertEquals(whole.value(p, k), blended.value(p, k), 1e-12, "player " + p + " at " + k);
                }
            } else {
                worstNearBorder = Math.max(worstNearBorder, Math.abs(whole.value(0, k) - blended.value(0, k)));
            }
        }
        assertTrue(compared > h * w / 4, compared + " interior samples of " + h * w);
        assertTrue(worstNearBorder > 1e-3, "near tile borders the tiles' zero padding shows: " + worstNearBorder);
    }

    /** Samples farther than {@code radius} from every tile border that is not the section's edge, in every tile covering them. */
    static boolean[] interior(TileGrid g, int radius) {
        int h = g.sectionHeight();
        int w = g.sectionWidth();
        boolean[] ok = new boolean[h * w];
        java.util.Arrays.fill(ok, true);
        for (int t = 0; t < g.size(); t++) {
            TileGrid.Tile tile = g.tile(t);
            for (int r = tile.row(); r < tile.row() + g.tileHeight(); r++) {
                for (int c = tile.column(); c < tile.column() + g.tileWidth(); c++) {
                    boolean top = tile.row() > 0 && r - tile.row() < radius;
                    boolean bottom = tile.row() + g.tileHeight() < h && tile.row() + g.tileHeight() - 1 - r < radius;
                    boolean left = tile.column() > 0 && c - tile.column() < radius;
                    boolean right = tile.column() + g.tileWidth() < w && tile.column() + g.tileWidth() - 1 - c < radius;
                    if (top || bottom || left || right) {
                        ok[r * w + c] = false;
                    }
                }
            }
        }
        return ok;
    }

    @Test
    void stitchedMapsAddUpToTheBlendOfTheTilesPredictions() {
        Image section = random(C, 30, 41, 2);
        Taper taper = Taper.raisedCosine(0.2);
        SectionExplainer tiles = SectionExplainer.builder(MODEL, exact().backgroundSize(6).backgroundSeed(3).build())
                .tile(12, 14).stride(8, 9).taper(taper).build();
        SectionExplainer.Result r = tiles.explain("s", section);
        Explanation e = r.explanation().get(0);
        TileGrid g = r.grid();
        // the blended prediction computed independently: every tile predicted, weighted, normalised
        double[] a = taper.weights(12);
        double[] b = taper.weights(14);
        double[] sum = new double[30 * 41];
        double[] weight = new double[30 * 41];
        for (int t = 0; t < g.size(); t++) {
            TileGrid.Tile tile = g.tile(t);
            Image cut = g.cut(section, tile);
            double[] f = MODEL.predict(new ImageBatch(cut.shape(), 1, cut.toArray()));
            for (int i = 0; i < 12; i++) {
                for (int j = 0; j < 14; j++) {
                    int k = (tile.row() + i) * 41 + tile.column() + j;
                    sum[k] += a[i] * b[j] * f[i * 14 + j];
                    weight[k] += a[i] * b[j];
                }
            }
        }
        for (int k = 0; k < sum.length; k++) {
            assertEquals(sum[k] / weight[k], e.output(k), 1e-12, "blended prediction at " + k);
            double s = e.baseValue(k);
            for (int p = 0; p < C; p++) {
                s += e.value(p, k);
            }
            assertEquals(e.output(k), s, 1e-9, "base + contributions at " + k);
        }
        assertTrue(r.maxAbsResidual() < 1e-9, "residual " + r.maxAbsResidual());
        assertEquals(6, r.explanation().provenance().orElseThrow().backgroundSize());
        assertEquals("raised cosine, floor 0.2", r.explanation().provenance().orElseThrow().extra().get("section_taper"));
    }

    @Test
    void aSectionNotAMultipleOfTheStrideIsCoveredWithTheLastTileAtItsEdge() {
        TileGrid g = new TileGrid(37, 45, 16, 16, 10, 12);
        assertArrayEquals(new int[] {0, 10, 20, 21}, g.rowOrigins());
        assertArrayEquals(new int[] {0, 12, 24, 29}, g.columnOrigins());
        assertEquals(16, g.size());
        for (int c : g.coverage()) {
            assertTrue(c >= 1);
        }
        TileGrid exact = new TileGrid(36, 16, 16, 16, 10, 16);
        assertArrayEquals(new int[] {0, 10, 20}, exact.rowOrigins());
        assertArrayEquals(new int[] {0}, exact.columnOrigins());
        Image section = random(C, 37, 45, 4);
        TileGrid.Tile last = g.tile(g.size() - 1);
        assertEquals(new TileGrid.Tile(15, 21, 29), last);
        assertEquals(section.get(2, 36, 44), g.cut(section, last).get(2, 15, 15));
        SectionExplainer.Result r = SectionExplainer.builder(MODEL, exact().backgroundSize(4).build()).tile(16, 16)
                .stride(10, 12).build().explain("s", section);
        assertTrue(r.maxAbsResidual() < 1e-9);
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> new TileGrid(10, 45, 16, 16, 8, 8));
        assertTrue(small.getMessage().contains("10x45") && small.getMessage().contains("16x16"), small.getMessage());
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class,
                () -> new TileGrid(40, 45, 16, 16, 17, 8));
        assertTrue(gap.getMessage().contains("stride 17x8"), gap.getMessage());
    }

    @Test
    void aResumedRunGivesBitIdenticalResultsAndAnotherRecipeIsRefused() throws Exception {
        Image section = random(C, 30, 34, 6);
        ExplanationOptions options = exact().backgroundSize(5).build();
        SectionExplainer.Builder b = SectionExplainer.builder(MODEL, options).tile(12, 12).stride(8, 8);
        Explanations fresh = b.tilesPerBatch(4).build().explain("s", section).explanation();
        Path out = dir.resolve("out");
        int[] calls = {0};
        SectionExplainer interrupted = SectionExplainer.builder(MODEL, options).tile(12, 12).stride(8, 8)
                .tilesPerBatch(4).progress((done, total) -> {
                    if (++calls[0] == 2) {
                        throw new IllegalStateException("interrupted");
                    }
                }).build();
        assertThrows(IllegalStateException.class, () -> interrupted.explainInto("s", section, out));
        Path tiles = out.resolve(SectionExplainer.TILES);
        try (Stream<Path> s = Files.list(tiles)) {
            assertEquals(List.of("0-3", "4-7"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        IllegalStateException other = assertThrows(OtherRecipeException.class, () -> SectionExplainer
                .builder(MODEL, options).tile(12, 12).stride(8, 8).taper(Taper.flat()).build()
                .explainInto("s", section, out));
        assertTrue(other.getMessage().contains("extra") && other.getMessage().contains(tiles.toString()),
                other.getMessage());
        SectionExplainer.Result resumed = b.tilesPerBatch(3).build().explainInto("s", section, out);
        assertEquals(8, resumed.skipped());
        assertEquals(resumed.grid().size() - 8, resumed.explained());
        assertFalse(Files.exists(tiles), "the tile folders are removed once the section is written");
        Explanations saved = ExplanationFolder.read(out);
        for (Explanations e : List.of(resumed.explanation(), saved)) {
            assertArrayEquals(fresh.get(0).baseValues(), e.get(0).baseValues());
            assertArrayEquals(fresh.get(0).outputs(), e.get(0).outputs());
            for (int p = 0; p < C; p++) {
                assertArrayEquals(fresh.get(0).values(p), e.get(0).values(p));
            }
        }
        assertEquals(List.of(section), saved.inputs());
        assertEquals("12x12", saved.provenance().orElseThrow().extra().get("section_tile"));
        SectionExplainer.Result again = b.build().explainInto("s", section, out);
        assertEquals(0, again.explained());
    }

    @Test
    void theTaperIsPositiveAndPeaksAtTheCentre() {
        double[] w = Taper.raisedCosine(0.1).weights(9);
        assertEquals(1.0, w[4], 1e-12);
        for (int i = 0; i < 9; i++) {
            assertTrue(w[i] >= 0.1 && w[i] <= 1, "weight " + i + " = " + w[i]);
            assertEquals(w[i], w[8 - i], 1e-15);
        }
        assertTrue(w[0] < w[1] && w[1] < w[2]);
        assertArrayEquals(new double[] {1, 1, 1}, Taper.flat().weights(3));
        assertThrows(IllegalArgumentException.class, () -> Taper.raisedCosine(0));
    }
}
