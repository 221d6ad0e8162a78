package io.github.segshap.report.chart;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.IntStream;
import org.jfree.chart.JFreeChart;

/**
 * Lays charts out on a grid into one image, with an optional figure title on top and, for a matrix,
 * row and column names. Not instantiable.
 */
public final class Grid {
    /** Height in pixels of the figure title band. */
    public static final int TITLE_HEIGHT = 36;
    /** Width of the band of row names and height of the band of column names of {@link #labelled}. */
    public static final int LABEL_BAND = 28;

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
        return draw(title, charts, cols, cellWidth, cellHeight, null, null);
    }

    /**
     * Draws charts on a grid with a name over every column and beside every row (written upwards),
     * like a matrix.
     *
     * @param title      figure title, or null
     * @param charts     charts, row by row; null for an empty cell
     * @param rowNames   one name per row
     * @param colNames   one name per column; their count is the number of columns
     * @param cellWidth  width of one chart in pixels
     * @param cellHeight height of one chart in pixels
     * @return the image, {@code LABEL_BAND + cols * cellWidth} wide and
     *     {@code LABEL_BAND + rows * cellHeight} (+ {@link #TITLE_HEIGHT} with a title) high
     * @throws IllegalArgumentException when the charts do not fill {@code rowNames.size()} rows
     */
    public static BufferedImage labelled(String title, List<JFreeChart> charts, List<String> rowNames,
                                         List<String> colNames, int cellWidth, int cellHeight) {
        int cols = colNames.size();
        if (cols == 0 || (charts.size() + cols - 1) / cols != rowNames.size()) {
            throw new IllegalArgumentException(charts.size() + " charts do not fill " + rowNames.size() + " rows of "
                    + cols + " columns");
        }
        return draw(title, charts, cols, cellWidth, cellHeight, rowNames, colNames);
    }

    private static BufferedImage draw(String title, List<JFreeChart> charts, int cols, int cellWidth, int cellHeight,
                                      List<String> rowNames, List<String> colNames) {
        if (charts.isEmpty() || cols <= 0) {
            throw new IllegalArgumentException("need at least one chart and one column, got " + charts.size()
                    + " charts and " + cols + " columns");
        }
        ChartStyle.headless();
        int rows = (charts.size() + cols - 1) / cols;
        int band = rowNames == null ? 0 : LABEL_BAND;
        int titleHeight = (title == null ? 0 : TITLE_HEIGHT) + band;
        BufferedImage img = new BufferedImage(band + cols * cellWidth, rows * cellHeight + titleHeight,
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
            if (band > 0) {
                g2.setFont(ChartStyle.TITLE_FONT);
                g2.setColor(Color.black);
                FontMetrics fm = g2.getFontMetrics();
                int baseline = titleHeight - (band - fm.getAscent()) / 2 - 2;
                for (int c = 0; c < cols; c++) {
                    String name = colNames.get(c);
                    g2.drawString(name, band + c * cellWidth + Math.max(2, (cellWidth - fm.stringWidth(name)) / 2),
                            baseline);
                }
                for (int r = 0; r < rows; r++) {
                    String name = rowNames.get(r);
                    Graphics2D g = (Graphics2D) g2.create();
                    g.translate((band + fm.getAscent()) / 2 - 1, titleHeight + r * cellHeight
                            + Math.max(2, (cellHeight + fm.stringWidth(name)) / 2));
                    g.rotate(-Math.PI / 2);
                    g.drawString(name, 0, 0);
                    g.dispose();
                }
            }
            // each chart into its own cell image, the cells at once (a chart's pixels depend only on
            // the chart), then copied into place in order
            int top = titleHeight;
            BufferedImage[] cells = IntStream.range(0, charts.size()).parallel()
                    .mapToObj(i -> charts.get(i) == null ? null : cell(charts.get(i), band + i % cols * cellWidth,
                            top + i / cols * cellHeight, cellWidth, cellHeight))
                    .toArray(BufferedImage[]::new);
            for (int i = 0; i < cells.length; i++) {
                if (cells[i] != null) { // null: an empty cell
                    g2.drawImage(cells[i], band + i % cols * cellWidth, top + i / cols * cellHeight, null);
                }
            }
        } finally {
            g2.dispose();
        }
        return img;
    }

    /**
     * The chart drawn as the grid would draw it at {@code (x, y)}: on a white cell whose origin is
     * moved there, so every coordinate is computed as on the whole image.
     */
    private static BufferedImage cell(JFreeChart chart, int x, int y, int width, int height) {
        BufferedImage cell = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = cell.createGraphics();
        try {
            g.setColor(Color.white);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.translate(-x, -y);
            chart.draw(g, new Rectangle2D.Double(x, y, width, height));
        } finally {
            g.dispose();
        }
        return cell;
    }
}
