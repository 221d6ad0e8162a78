package io.github.segshap.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * A scatter plot of groups of sampled points (translucent dots, one colour per group, the number of
 * points each group stands for in the legend), with optional trend lines and fixed axis ranges.
 * Build with {@link #builder(String)}; the chart is made by {@link Builder#chart()}.
 */
public final class Scatter {
    private Scatter() {
    }

    /** A builder of a scatter chart with this title. */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** Collects the groups and options of one scatter chart. */
    public static final class Builder {
        private final String title;
        private final DefaultXYDataset points = new DefaultXYDataset();
        private final DefaultXYDataset lines = new DefaultXYDataset();
        private final XYLineAndShapeRenderer pointRenderer = new XYLineAndShapeRenderer(false, true);
        private final XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
        private final LegendItemCollection legend = new LegendItemCollection();
        private String xLabel = "input value";
        private String yLabel = "contribution";
        private double[] xRange;
        private double[] yRange;
        private String lineLegend;

        private Builder(String title) {
            this.title = title;
        }

        /** Axis labels (default "input value" and "contribution"). */
        public Builder labels(String x, String y) {
            this.xLabel = x;
            this.yLabel = y;
            return this;
        }

        /** A group of points, drawn in {@code color}, named in the legend with its point count. */
        public Builder group(String name, PointSample sample, Color color) {
            int g = points.getSeriesCount();
            points.addSeries(name, sample.toArray());
            pointRenderer.setSeriesPaint(g, new Color(color.getRed(), color.getGreen(), color.getBlue(), 46));
            pointRenderer.setSeriesShape(g, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
            legend.add(new LegendItem(name + String.format(Locale.ROOT, " (%,d px)", sample.seen()), null, null, null,
                    new Ellipse2D.Double(-5, -5, 10, 10), color));
            return this;
        }

        /**
         * A trend line (e.g. binned means), drawn darker than {@code color}.
         *
         * @param name   series name
         * @param xy     {@code {xs, ys}}
         * @param color  the colour of its group
         * @param legend the legend entry for all lines (the first non-null one is used), or null
         */
        public Builder line(String name, double[][] xy, Color color, String legend) {
            int s = lines.getSeriesCount();
            lines.addSeries(name, xy);
            lineRenderer.setSeriesPaint(s, color.darker());
            lineRenderer.setSeriesStroke(s, new BasicStroke(2.5f));
            if (lineLegend == null) {
                lineLegend = legend;
            }
            return this;
        }

        /** Fixed axis ranges {@code {min, max}} (a 3% margin is added); null to fit the data. */
        public Builder ranges(double[] x, double[] y) {
            this.xRange = x == null ? null : x.clone();
            this.yRange = y == null ? null : y.clone();
            return this;
        }

        /** The chart. */
        public JFreeChart chart() {
            ChartStyle.headless();
            NumberAxis xa = ChartStyle.style(new NumberAxis(xLabel));
            NumberAxis ya = ChartStyle.style(new NumberAxis(yLabel));
            xa.setAutoRangeIncludesZero(false);
            ya.setAutoRangeIncludesZero(false);
            XYPlot plot = new XYPlot(points, xa, ya, pointRenderer);
            LegendItemCollection items = new LegendItemCollection();
            items.addAll(legend);
            if (lines.getSeriesCount() > 0) {
                plot.setDataset(1, lines);
                plot.setRenderer(1, lineRenderer);
                if (lineLegend != null) {
                    items.add(new LegendItem(lineLegend, null, null, null, new Line2D.Double(-7, 0, 7, 0),
                            new BasicStroke(2.5f), Color.darkGray));
                }
            }
            setRange(xa, xRange);
            setRange(ya, yRange);
            plot.setFixedLegendItems(items);
            plot.setBackgroundPaint(new Color(248, 248, 248));
            plot.setDomainGridlinePaint(new Color(215, 215, 215));
            plot.setRangeGridlinePaint(new Color(215, 215, 215));
            plot.setDomainZeroBaselineVisible(true);
            plot.setRangeZeroBaselineVisible(true);
            plot.setRangeZeroBaselinePaint(Color.gray);
            JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, true);
            LegendTitle lt = chart.getLegend();
            lt.setPosition(RectangleEdge.BOTTOM);
            lt.setItemFont(ChartStyle.SUBTITLE_FONT);
            chart.setBackgroundPaint(Color.white);
            return chart;
        }

        private static void setRange(NumberAxis axis, double[] range) {
            if (range != null && range[0] < range[1]) {
                double m = 0.03 * (range[1] - range[0]);
                axis.setRange(range[0] - m, range[1] + m);
            }
        }
    }
}
