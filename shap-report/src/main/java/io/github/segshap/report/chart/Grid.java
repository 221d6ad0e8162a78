package io.github.segshap.report.chart;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.JFreeChart;

/** Lays charts out on a grid into one image, with an optional figure title on top. Not instantiable. */
public final class Grid {
    /** Height in pixels of the figure title band. */
    public static final int TITLE_HEIGHT = 36;

    private Grid() {
    }

    /**
     * Draws charts on a grid into one image.
     *
     * @param title      figure title, or null
     * @param charts     charts, row by row
     * @param cols       columns of the grid
     * @param cellWidth  width of one chart in pixels
     * @param cellHeight height of one chart in pixels
     * @return the image (RGB, white background), {@code cols * cellWidth} wide and
     *     {@code rows * cellHeight} (+ {@link #TITLE_HEIGHT} with a title) high
     */
    public static BufferedImage compose(String title, List<JFreeChart> charts, int cols, int cellWidth,
                                        int cellHeight) {
        if (charts.isEmpty() || cols <= 0) {
            throw new IllegalArgumentException("need at least one chart and one column, got " + charts.size()
                    + " charts and " + cols + " columns");
        }
        ChartStyle.headless();
        int rows = (charts.size() + cols - 1) / cols;
        int titleHeight = title == null ? 0 : TITLE_HEIGHT;
        BufferedImage img = new BufferedImage(cols * cellWidth, rows * cellHeight + titleHeight,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = img.createGraphics();
        try {
            g2.setColor(Color.white);
            g2.fillRect(0, 0, img.getWidth(), img.getHeight());
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            if (title != null) {
                g2.setFont(ChartStyle.FIGURE_TITLE_FONT);
                g2.setColor(Color.black);
                int tw = g2.getFontMetrics().stringWidth(title);
                g2.drawString(title, Math.max(8, (img.getWidth() - tw) / 2), 25);
            }
            for (int i = 0; i < charts.size(); i++) {
                if (charts.get(i) == null) {
                    continue; // an empty cell
                }
                int r = i / cols;
                int c = i % cols;
                charts.get(i).draw(g2, new Rectangle2D.Double(c * cellWidth, titleHeight + r * cellHeight,
                        cellWidth, cellHeight));
            }
        } finally {
            g2.dispose();
        }
        return img;
    }
}
