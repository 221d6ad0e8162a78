package io.github.segshap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.report.chart.Grid;
import io.github.segshap.report.figures.FigureOptions;
import io.github.segshap.report.figures.InteractionGridFigure;
import io.github.segshap.report.figures.LabelledExplanations;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interaction grid on the report of a folder whose explanations carry interaction maps. */
class InteractionReportTest {
    @Test
    void aFolderWithInteractionsGetsTheGridOfItsFirstPanelImage(@TempDir Path tmp) throws Exception {
        SyntheticExplanations.Batch b = SyntheticExplanations.withInteractions(SyntheticExplanations.samples(3, 16, 16,
                4));
        Path folder = ExplanationFolder.write(b.explanations(), tmp.resolve("explanations"));
        DrawnReport r = ExplanationReport.builder().panels(List.of("101", "100")).truthMasks(b.truth()).build()
                .write(folder, TestImages.outDir(tmp.resolve("out")));
        Path grid = r.html().getParent().resolve("figures").resolve("interactions_101.png");
        assertTrue(r.figures().contains(grid), r.figures().toString());
        assertEquals(1, r.figures().stream().filter(p -> p.getFileName().toString().startsWith("interactions"))
                .count(), "one grid");
        FigureOptions o = FigureOptions.defaults();
        int m = SyntheticExplanations.CHANNELS.size();
        BufferedImage img = ImageIO.read(grid.toFile());
        assertEquals(Grid.LABEL_BAND + (m - 1) * o.cellWidth(), img.getWidth(), "columns: players 2 .. M");
        assertEquals(Grid.TITLE_HEIGHT + Grid.LABEL_BAND + (m - 1) * o.cellHeight(), img.getHeight(),
                "rows: players 1 .. M-1");
        assertTrue(TestImages.colourCount(img) > 20, "the grid looks blank");
        // below the upper triangle the grid is empty: the cell of the last row, first column is all white
        int x0 = Grid.LABEL_BAND;
        int y0 = Grid.TITLE_HEIGHT + Grid.LABEL_BAND + (m - 2) * o.cellHeight();
        for (int y = y0 + 5; y < y0 + o.cellHeight() - 5; y += 7) {
            for (int x = x0 + 5; x < x0 + o.cellWidth() - 5; x += 7) {
                assertEquals(0xffffff, img.getRGB(x, y) & 0xffffff, "lower-left cell at " + x + ", " + y);
            }
        }
        String html = Files.readString(r.html());
        assertTrue(html.contains("<h2>Interactions</h2>"), "the section");
        assertTrue(html.contains("alt=\"Grid of 3 x 3 cells: the interaction maps of image 101"), "alt text");
        assertTrue(html.contains("data-file=\"figures/interactions_101.png\""));
        ExplanationReportTest.assertEveryFigureHasACaptionAndAnAltText(html, r.figures().size());
    }

    @Test
    void withoutInteractionsThereIsNoGridAndTheFigureSaysWhy(@TempDir Path tmp) throws Exception {
        SyntheticExplanations.Batch b = SyntheticExplanations.samples(2, 12, 12, 4);
        DrawnReport r = ExplanationReport.builder().build().write(b.explanations(), tmp);
        assertFalse(r.figures().stream().anyMatch(p -> p.getFileName().toString().startsWith("interactions")));
        assertFalse(Files.readString(r.html()).contains("<h2>Interactions</h2>"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InteractionGridFigure(
                FigureOptions.defaults()).draw(LabelledExplanations.of(b.explanations()), 1));
        assertTrue(e.getMessage().contains("image 101 has no interaction maps"), e.getMessage());
    }
}
