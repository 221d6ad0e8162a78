package io.github.segshap.report.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.report.SyntheticExplanations;
import io.github.segshap.report.TestImages;
import io.github.segshap.report.chart.Png;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FiguresTest {

    @Test
    void rendersAllFiguresAsDecodablePngs(@TempDir Path tmp) throws Exception {
        Path dir = TestImages.outDir(tmp);
        int size = Integer.getInteger("segshap.figures.size", 48); // e.g. 101 to look at full resolution
        SyntheticExplanations.Batch b = SyntheticExplanations.samples(6, size, size, 1);
        LabelledExplanations data = LabelledExplanations.of(b.explanations().withLabels(b.truth()));
        FigureOptions o = FigureOptions.builder().maskLabels("salt", "not salt").build();
        Map<String, BufferedImage> figs = new LinkedHashMap<>();
        figs.put("expected_values", new ExpectedValuesFigure(o).draw(data));
        figs.put("sample_100", new SamplePanelFigure(o).draw(data, 0));
        figs.put("additive_100", new AdditiveStripFigure(o).draw(data, 0));
        figs.put("global_by_channel", new GlobalByChannelFigure(o).draw(data));
        figs.put("global_combined", new GlobalCombinedFigure(o).draw(data, GlobalCombinedFigure.Grouping.TRUE_MASK));
        figs.put("mean_abs_contribution", new MeanAbsContributionFigure(o).draw(data));
        figs.put("training_auc", new TrainingCurvesFigure(o).draw("ROC AUC per epoch", "AUC",
                Map.of("train", new double[] {0.7, 0.8, 0.85}, "validation", new double[] {0.68, 0.77, Double.NaN})));
        for (Map.Entry<String, BufferedImage> e : figs.entrySet()) {
            Path png = Png.write(e.getValue(), dir.resolve(e.getKey() + ".png"));
            BufferedImage back = ImageIO.read(png.toFile());
            assertEquals(e.getValue().getWidth(), back.getWidth(), e.getKey());
            assertEquals(e.getValue().getHeight(), back.getHeight(), e.getKey());
            assertTrue(TestImages.colourCount(back) > 20, e.getKey() + " looks blank");
        }
        // 2 x 5 panel of 330 x 300 cells plus a 36-pixel title
        assertEquals(5 * 330, figs.get("sample_100").getWidth());
        assertEquals(2 * 300 + 36, figs.get("sample_100").getHeight());
        // expected values, + each of 4 players (the last = prediction, shown once), truth
        assertEquals(6 * (int) (330 * 0.9), figs.get("additive_100").getWidth());
    }

    @Test
    void drawsWithoutTrueMasksOrInputs(@TempDir Path tmp) {
        SyntheticExplanations.Batch b = SyntheticExplanations.samples(2, 16, 16, 4);
        Explanations ex = b.explanations();
        FigureOptions o = FigureOptions.defaults();
        LabelledExplanations noTruth = LabelledExplanations.of(ex);
        assertTrue(TestImages.colourCount(new GlobalByChannelFigure(o).draw(noTruth)) > 20);
        assertTrue(TestImages.colourCount(new GlobalCombinedFigure(o).draw(noTruth,
                GlobalCombinedFigure.Grouping.PREDICTED_MASK)) > 20);
        // without truth: expected values and the 4 running sums
        assertEquals(5 * (int) (330 * 0.9), new AdditiveStripFigure(o).draw(noTruth, 1).getWidth(), "no truth panel");
        // without truth the inputs stay above their contribution maps: the cell above "Predicted" is empty
        BufferedImage aligned = new SamplePanelFigure(o).draw(noTruth, 0);
        assertEquals(5 * 330, aligned.getWidth());
        int top = aligned.getHeight() - 2 * 300;
        assertTrue(TestImages.colourCount(aligned.getSubimage(0, top, 330, 300)) <= 2, "the first top cell is empty");
        for (int c = 1; c <= 4; c++) {
            assertTrue(TestImages.colourCount(aligned.getSubimage(c * 330, top, 330, 300)) > 20, "input " + (c - 1)
                    + " is above contribution " + (c - 1));
        }
        LabelledExplanations noInputs = LabelledExplanations.of(
                Explanations.of(ex.ids(), List.of(), ex.all(), ex.imageShape(), null));
        // no top row: prediction + 4 contributions in one row
        BufferedImage panel = new SamplePanelFigure(o).draw(noInputs, 0);
        assertEquals(5 * 330, panel.getWidth());
        assertEquals(300 + 36, panel.getHeight());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GlobalByChannelFigure(o).draw(noInputs));
        assertTrue(e.getMessage().contains("inputs not kept"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GlobalCombinedFigure(o).draw(noTruth,
                GlobalCombinedFigure.Grouping.TRUE_MASK));
    }

    @Test
    void rejectsInconsistentSamples() {
        SyntheticExplanations.Batch b = SyntheticExplanations.samples(1, 8, 8, 2);
        Explanations ok = b.explanations();
        assertTrue(ok.maxAbsResidual() < 1e-12);
        Explanation e = ok.get(0);
        Explanation otherPlayers = Explanation.builder(List.of("A", "B", "C", "D"), OutputShape.map(8, 8))
                .baseValues(e.baseValues()).values(new double[][] {e.values(0), e.values(1), e.values(2), e.values(3)})
                .outputs(e.outputs()).build();
        assertThrows(IllegalArgumentException.class, () -> Explanations.of(List.of("x", "y"),
                List.of(ok.input(0), ok.input(0)), List.of(e, otherPlayers), ok.imageShape(), null));
        assertThrows(IllegalArgumentException.class,
                () -> LabelledExplanations.of(ok.withLabels(Map.of("100", new boolean[7 * 8]))));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> LabelledExplanations.of(ok.withLabels(Map.of("x", new boolean[64]))));
        assertTrue(missing.getMessage().contains("100"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FigureOptions.builder().cellSize(100, 300).build());
        assertThrows(IllegalArgumentException.class, () -> LabelledExplanations.of(ok).plane(1));
    }
}
