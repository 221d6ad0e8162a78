package io.github.segshap.report.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;

/** The grid draws its cells at once: the pixels are those of drawing each chart in place, one after another. */
class GridTest {
    private static List<JFreeChart> charts(long seed) {
        Random r = new Random(seed);
        List<JFreeChart> out = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            PointSample s = new PointSample(3000, c);
            for (int i = 0; i < 5000; i++) {
                s.add(r.nextGaussian(), 0.3 * r.nextGaussian() + 0.1 * c);
            }
            out.add(Scatter.builder("player " + c).group("all", s, ChartStyle.palette(c))
                    .line("mean", new double[][] {{-2, 0, 2}, {-0.2, 0.1, 0.3}}, ChartStyle.palette(c), "binned mean")
                    .chart());
        }
        double[][] m = new double[13][17];
        for (int i = 0; i < 13; i++) {
            for (int j = 0; j < 17; j++) {
                m[i][j] = r.nextGaussian();
            }
        }
        out.add(null);
        out.add(Heatmap.of("map", m, ColorMap.divergingSymmetric(3), "value"));
        return out;
    }

    /** How the grid drew before its cells were drawn at once: each chart in place on the whole image. */
    private static BufferedImage inPlace(String title, List<JFreeChart> charts, int cols, int w, int h) {
        int rows = (charts.size() + cols - 1) / cols;
        BufferedImage img = new BufferedImage(cols * w, rows * h + Grid.TITLE_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = img.createGraphics();
        g2.setColor(Color.white);
        g2.fillRect(0, 0, img.getWidth(), img.getHeight());
        g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g2.setFont(ChartStyle.FIGURE_TITLE_FONT);
        g2.setColor(Color.black);
        int tw = g2.getFontMetrics().stringWidth(title);
        g2.drawString(title, Math.max(8, (img.getWidth() - tw) / 2), 25);
        for (int i = 0; i < charts.size(); i++) {
            if (charts.get(i) != null) {
                charts.get(i).draw(g2, new Rectangle2D.Double(i % cols * w, Grid.TITLE_HEIGHT + i / cols * h, w, h));
            }
        }
        g2.dispose();
        return img;
    }

    @Test
    void cellsDrawnAtOnceGiveThePixelsOfDrawingInPlace() {
        BufferedImage grid = Grid.compose("A grid", charts(5), 2, 331, 297);
        BufferedImage want = inPlace("A grid", charts(5), 2, 331, 297);
        assertEquals(want.getWidth(), grid.getWidth());
        assertEquals(want.getHeight(), grid.getHeight());
        assertArrayEquals(want.getRGB(0, 0, want.getWidth(), want.getHeight(), null, 0, want.getWidth()),
                grid.getRGB(0, 0, grid.getWidth(), grid.getHeight(), null, 0, grid.getWidth()));
    }
}
