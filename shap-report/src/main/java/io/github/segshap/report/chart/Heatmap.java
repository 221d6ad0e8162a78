package io.github.segshap.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * Heat maps of 2-D arrays drawn like images: row 0 at the top, one block per value. Not
 * instantiable; every method returns a new chart (or the chart it was given, annotated).
 */
public final class Heatmap {
    private Heatmap() {
    }

    /**
     * A heat map with a colour bar on the right.
     *
     * @param title       chart title, or null
     * @param map         {@code [h][w]} values, not modified
     * @param scale       colours and range
     * @param legendLabel colour bar label, or null
     * @return the chart
     */
    public static JFreeChart of(String title, double[][] map, ColorMap scale, String legendLabel) {
        JFreeChart chart = plain(title, map, scale);
        chart.addSubtitle(colourBar(scale, legendLabel));
        return chart;
    }

    /** A heat map without a colour bar (e.g. one panel of a strip sharing one bar). */
    public static JFreeChart plain(String title, double[][] map, ColorMap scale) {
        ChartStyle.headless();
        int h = map.length;
        int w = map[0].length;
        double[] xs = new double[h * w];
        double[] ys = new double[h * w];
        double[] zs = new double[h * w];
        int n = 0;
        for (int i = 0; i < h; i++) {
            if (map[i].length != w) {
                throw new IllegalArgumentException("map '" + title + "' has a row of " + map[i].length
                        + " values, row 0 has " + w);
            }
            for (int j = 0; j < w; j++) {
                xs[n] = j;
                ys[n] = i;
                zs[n] = map[i][j];
                n++;
            }
        }
        DefaultXYZDataset ds = new DefaultXYZDataset();
        ds.addSeries(title == null ? "map" : title, new double[][] {xs, ys, zs});
        NumberAxis xa = ChartStyle.style(new NumberAxis());
        xa.setRange(-0.5, w - 0.5);
        xa.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis ya = ChartStyle.style(new NumberAxis());
        ya.setRange(-0.5, h - 0.5);
        ya.setInverted(true);
        ya.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYBlockRenderer r = new XYBlockRenderer();
        r.setPaintScale(scale);
        r.setBlockWidth(1.0);
        r.setBlockHeight(1.0);
        r.setBlockAnchor(RectangleAnchor.CENTER);
        XYPlot plot = new XYPlot(ds, xa, ya, r);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setBackgroundPaint(Color.white);
        plot.setOutlinePaint(Color.darkGray);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.white);
        chart.setAntiAlias(false); // no seams between blocks
        chart.setTextAntiAlias(true);
        return chart;
    }

    /**
     * A heat map of a 0/1 map with a two-colour legend below it instead of a colour bar.
     *
     * @param title  chart title, or null
     * @param map    values, above 0.5 is "on"
     * @param scale  the colours (its lower bound is "off", its upper bound "on")
     * @param off    legend text of the off colour, e.g. "not salt"
     * @param on     legend text of the on colour, e.g. "salt"
     * @return the chart
     */
    public static JFreeChart binary(String title, double[][] map, ColorMap scale, String off, String on) {
        JFreeChart chart = plain(title, map, scale);
        LegendItemCollection items = new LegendItemCollection();
        items.add(new LegendItem(off, null, null, null, new Rectangle2D.Double(-5, -5, 10, 10),
                scale.color(scale.getLowerBound())));
        items.add(new LegendItem(on, null, null, null, new Rectangle2D.Double(-5, -5, 10, 10),
                scale.color(scale.getUpperBound())));
        XYPlot plot = chart.getXYPlot();
        plot.setFixedLegendItems(items);
        LegendTitle legend = new LegendTitle(plot);
        legend.setItemFont(ChartStyle.SUBTITLE_FONT);
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setBackgroundPaint(Color.white);
        chart.addSubtitle(legend);
        return chart;
    }

    /**
     * A colour bar for a scale, to put on a chart with {@code chart.addSubtitle(...)}.
     *
     * @param scale the scale
     * @param label bar label, or null
     * @return the bar, on the right
     */
    public static PaintScaleLegend colourBar(ColorMap scale, String label) {
        NumberAxis bar = ChartStyle.style(new NumberAxis(label));
        bar.setRange(scale.getLowerBound(), scale.getUpperBound());
        PaintScaleLegend legend = new PaintScaleLegend(scale, bar);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        legend.setMargin(new RectangleInsets(4, 6, 4, 2));
        legend.setStripWidth(12);
        legend.setStripOutlineVisible(true);
        legend.setSubdivisionCount(128);
        legend.setBackgroundPaint(Color.white);
        return legend;
    }

    /**
     * Draws the outline of a mask (the edges between set and unset cells) over a heat map.
     *
     * @param chart a chart made by this class
     * @param mask  {@code [h][w]}, above 0.5 is inside
     * @param color line colour
     * @return {@code chart}
     */
    public static JFreeChart outline(JFreeChart chart, double[][] mask, Color color) {
        XYPlot plot = chart.getXYPlot();
        BasicStroke stroke = new BasicStroke(1.2f);
        int h = mask.length;
        int w = mask[0].length;
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                boolean in = mask[i][j] > 0.5;
                if (j + 1 < w && in != (mask[i][j + 1] > 0.5)) {
                    plot.addAnnotation(new XYLineAnnotation(j + 0.5, i - 0.5, j + 0.5, i + 0.5, stroke, color), false);
                }
                if (i + 1 < h && in != (mask[i + 1][j] > 0.5)) {
                    plot.addAnnotation(new XYLineAnnotation(j - 0.5, i + 0.5, j + 0.5, i + 0.5, stroke, color), false);
                }
            }
        }
        return chart;
    }

    /** Labels the axes of heat maps made by this class, e.g. "column" and "row (depth)". */
    public static JFreeChart labelAxes(JFreeChart chart, String x, String y) {
        XYPlot plot = chart.getXYPlot();
        plot.getDomainAxis().setLabel(x);
        plot.getRangeAxis().setLabel(y);
        return chart;
    }
}
