package io.github.segshap.salt.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FiguresTest {

    /** Set -Dsegshap.figures.out=DIR to keep the rendered figures for a look. */
    private static Path outDir(Path tmp) {
        String keep = System.getProperty("segshap.figures.out");
        return keep == null || keep.isBlank() ? tmp : Paths.get(keep);
    }

    @Test
    void rendersAllFiguresAsDecodablePngs(@TempDir Path tmp) throws Exception {
        Path dir = outDir(tmp);
        int size = Integer.getInteger("segshap.figures.size", 48); // e.g. 101 to look at full resolution
        List<ExplainedSample> samples = SyntheticExplanations.samples(6, size, size, 1);
        Figures f = Figures.defaults();
        Map<String, BufferedImage> figs = new LinkedHashMap<>();
        figs.put("expected_values", f.expectedValues(samples.get(0).baseValues()));
        figs.put("sample_100", f.samplePanel(samples.get(0)));
        figs.put("additive_100", f.additiveStrip(samples.get(0)));
        figs.put("global_by_channel", f.globalByChannel(samples));
        figs.put("global_combined", f.globalCombined(samples, Figures.Grouping.TRUE_MASK));
        figs.put("mean_abs_contribution", f.meanAbsContribution(samples));
        figs.put("training_auc", f.trainingCurves("ROC AUC per epoch", "AUC",
                Map.of("train", new double[] {0.7, 0.8, 0.85}, "validation", new double[] {0.68, 0.77, Double.NaN})));
        for (Map.Entry<String, BufferedImage> e : figs.entrySet()) {
            Path png = Figures.writePng(e.getValue(), dir.resolve(e.getKey() + ".png"));
            BufferedImage back = ImageIO.read(png.toFile());
            assertEquals(e.getValue().getWidth(), back.getWidth(), e.getKey());
            assertEquals(e.getValue().getHeight(), back.getHeight(), e.getKey());
            assertTrue(colourCount(back) > 20, e.getKey() + " looks blank");
        }
        // 2 x 5 panel of 330 x 300 cells plus a 36-pixel title
        assertEquals(5 * 330, figs.get("sample_100").getWidth());
        assertEquals(2 * 300 + 36, figs.get("sample_100").getHeight());
        // strip: expected + 4 channels + prediction + truth = 7 panels
        assertEquals(7 * (int) (330 * 0.9), figs.get("additive_100").getWidth());
    }

    @Test
    void heatmapPutsRowZeroAtTheTopAndUsesTheColourMap() {
        double[][] m = new double[10][10];
        for (int j = 0; j < 10; j++) {
            m[0][j] = 1; // top row bright (yellow in viridis), rest dark
        }
        BufferedImage img = Figures.compose(null,
                List.of(Figures.heatmap(null, m, ColorMap.viridis(0, 1), null)), 1, 400, 400);
        // scan the middle column from the top for the first data pixel: it must be yellow-ish
        Color yellow = ColorMap.viridis(0, 1).color(1);
        Color purple = ColorMap.viridis(0, 1).color(0);
        int x = 150;
        int firstYellow = -1, firstPurple = -1;
        for (int y = 0; y < 400; y++) {
            int rgb = img.getRGB(x, y) & 0xFFFFFF;
            if (rgb == (yellow.getRGB() & 0xFFFFFF) && firstYellow < 0) firstYellow = y;
            if (rgb == (purple.getRGB() & 0xFFFFFF) && firstPurple < 0) firstPurple = y;
        }
        assertTrue(firstYellow >= 0 && firstPurple >= 0, "both colours drawn");
        assertTrue(firstYellow < firstPurple, "row 0 must be drawn above row 1");
    }

    @Test
    void divergingMapIsWhiteAtZeroAndSymmetric() {
        ColorMap d = ColorMap.divergingSymmetric(0.2);
        assertEquals(new Color(247, 247, 247), d.color(0));
        assertEquals(-0.2, d.getLowerBound());
        Color neg = d.color(-0.2), pos = d.color(0.2);
        assertTrue(neg.getBlue() > neg.getRed() && pos.getRed() > pos.getBlue());
        assertEquals(d.color(5), pos, "clamped above the range");
        assertNotEquals(d.color(-0.1), d.color(0.1));
        assertThrows(IllegalArgumentException.class, () -> ColorMap.viridis(1, 1));
    }

    @Test
    void rejectsInconsistentSamples() {
        ExplainedSample ok = SyntheticExplanations.samples(1, 8, 8, 2).get(0);
        assertTrue(ok.maxAdditivityResidual() < 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new ExplainedSample("x", List.of("a", "b"),
                ok.inputs(), ok.truth(), ok.prediction(), ok.baseValues(), ok.contributions()));
        assertThrows(IllegalArgumentException.class, () -> new ExplainedSample("x", ok.channelNames(),
                ok.inputs(), new double[7][8], ok.prediction(), ok.baseValues(), ok.contributions()));
        ExplainedSample other = new ExplainedSample("y", List.of("A", "B", "C", "D"), ok.inputs(), ok.truth(),
                ok.prediction(), ok.baseValues(), ok.contributions());
        assertThrows(IllegalArgumentException.class, () -> Figures.defaults().globalByChannel(List.of(ok, other)));
        assertThrows(IllegalArgumentException.class, () -> Figures.defaults().globalByChannel(List.of()));
    }

    static int colourCount(BufferedImage img) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colours.add(img.getRGB(x, y));
                if (colours.size() > 1000) return colours.size();
            }
        }
        return colours.size();
    }
}
