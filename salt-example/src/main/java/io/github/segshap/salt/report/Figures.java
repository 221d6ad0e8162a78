package io.github.segshap.salt.report;

import io.github.segshap.core.io.AtomicFiles;
import io.github.segshap.salt.SaltDefaults;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The study's figures, drawn with JFreeChart and composed into one {@link BufferedImage} per
 * figure. Build with {@link #builder()} (or {@link #defaults()}); instances are immutable and
 * thread-safe.
 *
 * <p>Conventions: maps are drawn like images (row 0 at the top, one block per pixel); masks,
 * predictions, base values and the additive strip use viridis over 0..1 (base values over their
 * own range); the first input channel (the seismic image) is grey, the other inputs and all
 * contributions use a blue-white-red map symmetric about 0, so white always means "no effect".
 * By default the contribution maps of one sample share one colour range, so channels can be
 * compared by colour (the original scaled each panel separately, which made a weak channel look
 * as strong as the others); switch that off with {@link Builder#sharedContributionScale(boolean)}.
 * Scatter plots sample at most {@link Builder#maxScatterPoints(int)} points per group with a fixed
 * seed and add the binned mean as a line.
 */
public final class Figures {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Colour of pixels outside the true salt (matplotlib tab:blue). */
    static final Color NOT_SALT = new Color(31, 119, 180);
    /** Colour of salt pixels (matplotlib tab:orange). */
    static final Color SALT = new Color(255, 127, 14);
    private static final Color[] TAB10 = {NOT_SALT, SALT, new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127)};
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font SUBTITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font FIGURE_TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);

    /** How the combined global-analysis figure splits the pixels. */
    public enum Grouping {
        /** By the true mask (salt / not salt). */
        TRUE_MASK,
        /** By the predicted mask at 0.5 (what the original's second figure did). */
        PREDICTED_MASK
    }

    private final int cellWidth;
    private final int cellHeight;
    private final int maxScatterPoints;
    private final boolean sharedContributionScale;
    private final boolean firstInputGrey;
    private final boolean maskOutline;
    private final long seed;

    private Figures(Builder b) {
        this.cellWidth = b.cellWidth;
        this.cellHeight = b.cellHeight;
        this.maxScatterPoints = b.maxScatterPoints;
        this.sharedContributionScale = b.sharedContributionScale;
        this.firstInputGrey = b.firstInputGrey;
        this.maskOutline = b.maskOutline;
        this.seed = b.seed;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return figures with the default options */
    public static Figures defaults() {
        return builder().build();
    }

    // ------------------------------------------------------------------ the figures

    /**
     * Figure 1: the map of expected values (the model's mean output over the background, the
     * starting point that contributions are added to).
     *
     * @param baseValues {@code [h][w]}
     * @return the image
     */
    public BufferedImage expectedValues(double[][] baseValues) {
        double[] mm = minMax(baseValues);
        double lo = mm[0], hi = mm[1] > mm[0] ? mm[1] : mm[0] + 1e-6;
        JFreeChart c = heatmap("Expected values E[f(x)]", baseValues, ColorMap.viridis(lo, hi), "base value");
        c.addSubtitle(0, subtitle(String.format(Locale.ROOT, "mean %.4f, range %.4f .. %.4f", mean(baseValues),
                mm[0], mm[1])));
        return compose(null, List.of(c), 1, (int) (cellWidth * 1.6), (int) (cellHeight * 1.6));
    }

    /**
     * Figure 2: one sample as a 2 x (channels + 1) panel - top row the true mask and the inputs,
     * bottom row the predicted mask and each channel's contribution.
     *
     * @param s the sample
     * @return the image
     */
    public BufferedImage samplePanel(ExplainedSample s) {
        int c = s.channels();
        List<JFreeChart> charts = new ArrayList<>();
        charts.add(heatmap("True mask", s.truth(), ColorMap.viridis(0, 1), "salt"));
        for (int k = 0; k < c; k++) {
            double[][] m = s.inputs()[k];
            ColorMap scale;
            if (k == 0 && firstInputGrey) {
                double[] mm = minMax(m);
                scale = ColorMap.grey(mm[0], mm[1] > mm[0] ? mm[1] : mm[0] + 1e-6);
            } else {
                scale = ColorMap.divergingSymmetric(maxAbs(m));
            }
            charts.add(heatmap(s.channelNames().get(k), m, scale, "input"));
        }
        charts.add(outlined(heatmap("Predicted mask", s.prediction(), ColorMap.viridis(0, 1), "probability"),
                s.truth(), Color.white));
        double shared = 0;
        for (double[][] m : s.contributions()) {
            shared = Math.max(shared, maxAbs(m));
        }
        for (int k = 0; k < c; k++) {
            double[][] m = s.contributions()[k];
            double lim = sharedContributionScale ? shared : maxAbs(m);
            JFreeChart ch = heatmap(s.channelNames().get(k) + " contribution", m, ColorMap.divergingSymmetric(lim),
                    "contribution");
            ch.addSubtitle(0, subtitle(String.format(Locale.ROOT, "mean |c| %.4f, mean %+.4f", meanAbs(m), mean(m))));
            charts.add(outlined(ch, s.truth(), Color.black));
        }
        String title = String.format(Locale.ROOT,
                "Sample %s: inputs (top) and channel contributions to the predicted mask (bottom)%s%s",
                s.id(), maskOutline ? ", outline = true salt" : "", sharedContributionScale ? String.format(Locale.ROOT, ", one colour scale +/-%.3g", shared)
                        : "");
        return compose(title, charts, c + 1, cellWidth, cellHeight);
    }

    /**
     * Figure 3: the additive strip - the expected values, then each channel's contribution added
     * cumulatively, then the prediction and the truth, all on the 0..1 scale.
     *
     * @param s the sample
     * @return the image
     */
    public BufferedImage additiveStrip(ExplainedSample s) {
        int h = s.height(), w = s.width();
        List<JFreeChart> charts = new ArrayList<>();
        double[][] acc = copy(s.baseValues());
        charts.add(heatmap("Expected values", copy(acc), ColorMap.viridis(0, 1), null));
        for (int k = 0; k < s.channels(); k++) {
            double[][] cm = s.contributions()[k];
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    acc[i][j] += cm[i][j];
                }
            }
            charts.add(heatmap("+ " + s.channelNames().get(k), copy(acc), ColorMap.viridis(0, 1), null));
        }
        charts.add(heatmap("= Prediction", s.prediction(), ColorMap.viridis(0, 1), null));
        charts.add(heatmap("Truth", s.truth(), ColorMap.viridis(0, 1), null));
        String title = String.format(Locale.ROOT,
                "Sample %s: expected values + channel contributions = prediction (max |residual| %.2g)",
                s.id(), s.maxAdditivityResidual());
        return compose(title, charts, charts.size(), (int) (cellWidth * 0.9), (int) (cellHeight * 0.9));
    }

    /**
     * Figure 4a: per channel, the input value against its contribution for every pixel of the
     * samples, coloured by the true mask, with the binned mean per class as lines.
     *
     * @param samples explained samples (same channels)
     * @return the image
     */
    public BufferedImage globalByChannel(List<ExplainedSample> samples) {
        List<String> names = checkSameChannels(samples);
        List<JFreeChart> charts = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            PointSample notSalt = new PointSample(maxScatterPoints, seed + 2L * k);
            PointSample salt = new PointSample(maxScatterPoints, seed + 2L * k + 1);
            for (ExplainedSample s : samples) {
                for (int i = 0; i < s.height(); i++) {
                    for (int j = 0; j < s.width(); j++) {
                        (s.truth()[i][j] > 0.5 ? salt : notSalt).add(s.inputs()[k][i][j],
                                s.contributions()[k][i][j]);
                    }
                }
            }
            charts.add(scatter(names.get(k), List.of("not salt (true)", "salt (true)"), List.of(notSalt, salt),
                    List.of(NOT_SALT, SALT), true, null, null));
        }
        int cols = names.size() <= 4 ? 2 : 3;
        return compose("Global analysis: input value vs. contribution per channel, coloured by the true mask "
                        + "(lines: binned means)", charts, cols, (int) (cellWidth * 2.0), (int) (cellHeight * 1.6));
    }

    /**
     * Figure 4b: all channels on one axis, one panel for the pixels outside and one for the pixels
     * inside the mask (true or predicted), with shared axis ranges.
     *
     * @param samples explained samples (same channels)
     * @param grouping which mask splits the pixels
     * @return the image
     */
    public BufferedImage globalCombined(List<ExplainedSample> samples, Grouping grouping) {
        List<String> names = checkSameChannels(samples);
        int c = names.size();
        List<List<PointSample>> groups = new ArrayList<>();
        for (int g = 0; g < 2; g++) {
            List<PointSample> perChannel = new ArrayList<>();
            for (int k = 0; k < c; k++) {
                perChannel.add(new PointSample(Math.max(1, maxScatterPoints / c), seed + 100L * g + k));
            }
            groups.add(perChannel);
        }
        for (ExplainedSample s : samples) {
            double[][] mask = grouping == Grouping.TRUE_MASK ? s.truth() : s.prediction();
            for (int i = 0; i < s.height(); i++) {
                for (int j = 0; j < s.width(); j++) {
                    int g = mask[i][j] > 0.5 ? 1 : 0;
                    for (int k = 0; k < c; k++) {
                        groups.get(g).get(k).add(s.inputs()[k][i][j], s.contributions()[k][i][j]);
                    }
                }
            }
        }
        double[] xr = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] yr = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (List<PointSample> g : groups) {
            for (PointSample p : g) {
                p.extendRange(xr, yr);
            }
        }
        List<Color> colors = new ArrayList<>();
        for (int k = 0; k < c; k++) {
            colors.add(TAB10[k % TAB10.length]);
        }
        String what = grouping == Grouping.TRUE_MASK ? "true mask" : "predicted mask";
        List<JFreeChart> charts = List.of(
                scatter("Not salt (" + what + " = 0)", names, groups.get(0), colors, false, xr, yr),
                scatter("Salt (" + what + " = 1)", names, groups.get(1), colors, false, xr, yr));
        return compose("Global analysis: all channels, pixels split by the " + what, charts, 2,
                (int) (cellWidth * 2.2), (int) (cellHeight * 2.2));
    }

    /**
     * Summary: mean |contribution| per channel over all pixels of the samples, inside and outside
     * the true salt.
     *
     * @param samples explained samples (same channels)
     * @return the image
     */
    public BufferedImage meanAbsContribution(List<ExplainedSample> samples) {
        List<String> names = checkSameChannels(samples);
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (int k = 0; k < names.size(); k++) {
            double[] sum = new double[2];
            long[] n = new long[2];
            for (ExplainedSample s : samples) {
                for (int i = 0; i < s.height(); i++) {
                    for (int j = 0; j < s.width(); j++) {
                        int g = s.truth()[i][j] > 0.5 ? 1 : 0;
                        sum[g] += Math.abs(s.contributions()[k][i][j]);
                        n[g]++;
                    }
                }
            }
            ds.addValue(n[0] == 0 ? null : sum[0] / n[0], "outside salt", names.get(k));
            ds.addValue(n[1] == 0 ? null : sum[1] / n[1], "inside salt", names.get(k));
        }
        CategoryAxis xa = new CategoryAxis("channel");
        NumberAxis ya = new NumberAxis("mean |contribution|");
        styleAxis(xa);
        styleAxis(ya);
        BarRenderer r = new BarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setItemMargin(0.03);
        r.setSeriesPaint(0, NOT_SALT);
        r.setSeriesPaint(1, SALT);
        CategoryPlot plot = new CategoryPlot(ds, xa, ya, r);
        plot.setBackgroundPaint(Color.white);
        plot.setRangeGridlinePaint(new Color(200, 200, 200));
        JFreeChart chart = new JFreeChart("Mean |contribution| per channel over " + samples.size() + " samples",
                TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.white);
        return compose(null, List.of(chart), 1, (int) (cellWidth * 2.4), (int) (cellHeight * 1.5));
    }

    /**
     * Training curves, e.g. loss or AUC per epoch for the training and validation sets.
     *
     * @param title chart title
     * @param yLabel value axis label
     * @param series name to values by epoch (first value is epoch 1); NaN values are skipped
     * @return the image
     */
    public BufferedImage trainingCurves(String title, String yLabel, Map<String, double[]> series) {
        XYSeriesCollection ds = new XYSeriesCollection();
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            XYSeries s = new XYSeries(e.getKey());
            double[] v = e.getValue();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isNaN(v[i])) {
                    s.add(i + 1, v[i]);
                }
            }
            ds.addSeries(s);
        }
        NumberAxis xa = new NumberAxis("epoch");
        xa.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        xa.setAutoRangeIncludesZero(false);
        NumberAxis ya = new NumberAxis(yLabel);
        ya.setAutoRangeIncludesZero(false);
        styleAxis(xa);
        styleAxis(ya);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < series.size(); i++) {
            r.setSeriesPaint(i, TAB10[i % TAB10.length]);
            r.setSeriesStroke(i, new BasicStroke(2f));
            r.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        XYPlot plot = new XYPlot(ds, xa, ya, r);
        plot.setBackgroundPaint(Color.white);
        plot.setDomainGridlinePaint(new Color(210, 210, 210));
        plot.setRangeGridlinePaint(new Color(210, 210, 210));
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.white);
        return compose(null, List.of(chart), 1, (int) (cellWidth * 2.2), (int) (cellHeight * 1.3));
    }

    // ------------------------------------------------------------------ building blocks

    /**
     * A heat map of a 2-D array drawn as an image (row 0 at the top) with a colour bar on the right.
     *
     * @param title chart title
     * @param map {@code [h][w]} values, not modified
     * @param scale colours and range
     * @param legendLabel colour bar label, or null
     * @return the chart
     */
    public static JFreeChart heatmap(String title, double[][] map, ColorMap scale, String legendLabel) {
        int h = map.length, w = map[0].length;
        double[] xs = new double[h * w], ys = new double[h * w], zs = new double[h * w];
        int n = 0;
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                xs[n] = j;
                ys[n] = i;
                zs[n] = map[i][j];
                n++;
            }
        }
        DefaultXYZDataset ds = new DefaultXYZDataset();
        ds.addSeries(title == null ? "map" : title, new double[][] {xs, ys, zs});
        NumberAxis xa = new NumberAxis();
        xa.setRange(-0.5, w - 0.5);
        xa.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis ya = new NumberAxis();
        ya.setRange(-0.5, h - 0.5);
        ya.setInverted(true);
        ya.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        styleAxis(xa);
        styleAxis(ya);
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
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.white);
        chart.setAntiAlias(false); // no seams between blocks
        chart.setTextAntiAlias(true);
        NumberAxis bar = new NumberAxis(legendLabel);
        bar.setRange(scale.getLowerBound(), scale.getUpperBound());
        styleAxis(bar);
        PaintScaleLegend legend = new PaintScaleLegend(scale, bar);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        legend.setMargin(new RectangleInsets(4, 6, 4, 2));
        legend.setStripWidth(12);
        legend.setStripOutlineVisible(true);
        legend.setSubdivisionCount(128);
        legend.setBackgroundPaint(Color.white);
        chart.addSubtitle(legend);
        return chart;
    }

    /** Adds the outline of the true mask (edges between salt and non-salt pixels) as line annotations. */
    private JFreeChart outlined(JFreeChart chart, double[][] truth, Color color) {
        if (!maskOutline) {
            return chart;
        }
        XYPlot plot = chart.getXYPlot();
        BasicStroke stroke = new BasicStroke(1.2f);
        int h = truth.length, w = truth[0].length;
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                boolean in = truth[i][j] > 0.5;
                if (j + 1 < w && in != (truth[i][j + 1] > 0.5)) {
                    plot.addAnnotation(new XYLineAnnotation(j + 0.5, i - 0.5, j + 0.5, i + 0.5, stroke, color), false);
                }
                if (i + 1 < h && in != (truth[i + 1][j] > 0.5)) {
                    plot.addAnnotation(new XYLineAnnotation(j - 0.5, i + 0.5, j + 0.5, i + 0.5, stroke, color), false);
                }
            }
        }
        return chart;
    }

    private JFreeChart scatter(String title, List<String> names, List<PointSample> groups, List<Color> colors,
                               boolean trend, double[] xRange, double[] yRange) {
        DefaultXYDataset points = new DefaultXYDataset();
        XYLineAndShapeRenderer pr = new XYLineAndShapeRenderer(false, true);
        LegendItemCollection legend = new LegendItemCollection();
        for (int g = 0; g < groups.size(); g++) {
            points.addSeries(names.get(g), groups.get(g).toArray());
            Color col = colors.get(g);
            pr.setSeriesPaint(g, new Color(col.getRed(), col.getGreen(), col.getBlue(), 46));
            pr.setSeriesShape(g, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
            legend.add(new LegendItem(names.get(g) + String.format(Locale.ROOT, " (%,d px)", groups.get(g).seen()),
                    null, null, null, new Ellipse2D.Double(-5, -5, 10, 10), col));
        }
        NumberAxis xa = new NumberAxis("input value");
        NumberAxis ya = new NumberAxis("contribution");
        xa.setAutoRangeIncludesZero(false);
        ya.setAutoRangeIncludesZero(false);
        styleAxis(xa);
        styleAxis(ya);
        XYPlot plot = new XYPlot(points, xa, ya, pr);
        if (trend) {
            DefaultXYDataset lines = new DefaultXYDataset();
            XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
            for (int g = 0; g < groups.size(); g++) {
                lines.addSeries("mean " + names.get(g), groups.get(g).binnedMeans(30));
                lr.setSeriesPaint(g, colors.get(g).darker());
                lr.setSeriesStroke(g, new BasicStroke(2.5f));
            }
            plot.setDataset(1, lines);
            plot.setRenderer(1, lr);
            legend.add(new LegendItem("binned mean", null, null, null, new java.awt.geom.Line2D.Double(-7, 0, 7, 0),
                    new BasicStroke(2.5f), Color.darkGray));
        }
        if (xRange != null && xRange[0] < xRange[1]) {
            double m = 0.03 * (xRange[1] - xRange[0]);
            xa.setRange(xRange[0] - m, xRange[1] + m);
        }
        if (yRange != null && yRange[0] < yRange[1]) {
            double m = 0.03 * (yRange[1] - yRange[0]);
            ya.setRange(yRange[0] - m, yRange[1] + m);
        }
        plot.setFixedLegendItems(legend);
        plot.setBackgroundPaint(new Color(248, 248, 248));
        plot.setDomainGridlinePaint(new Color(215, 215, 215));
        plot.setRangeGridlinePaint(new Color(215, 215, 215));
        plot.setDomainZeroBaselineVisible(true);
        plot.setRangeZeroBaselineVisible(true);
        plot.setRangeZeroBaselinePaint(Color.gray);
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, true);
        LegendTitle lt = chart.getLegend();
        lt.setPosition(RectangleEdge.BOTTOM);
        lt.setItemFont(SUBTITLE_FONT);
        chart.setBackgroundPaint(Color.white);
        return chart;
    }

    /**
     * Draws charts on a grid into one image, with an optional figure title on top.
     *
     * @param title figure title, or null
     * @param charts charts, row by row
     * @param cols columns of the grid
     * @param cellWidth width of one chart in pixels
     * @param cellHeight height of one chart in pixels
     * @return the image (RGB, white background)
     */
    public static BufferedImage compose(String title, List<JFreeChart> charts, int cols, int cellWidth,
                                        int cellHeight) {
        if (charts.isEmpty() || cols <= 0) {
            throw new IllegalArgumentException("need at least one chart and one column");
        }
        int rows = (charts.size() + cols - 1) / cols;
        int titleHeight = title == null ? 0 : 36;
        BufferedImage img = new BufferedImage(cols * cellWidth, rows * cellHeight + titleHeight,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = img.createGraphics();
        try {
            g2.setColor(Color.white);
            g2.fillRect(0, 0, img.getWidth(), img.getHeight());
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            if (title != null) {
                g2.setFont(FIGURE_TITLE_FONT);
                g2.setColor(Color.black);
                int tw = g2.getFontMetrics().stringWidth(title);
                g2.drawString(title, Math.max(8, (img.getWidth() - tw) / 2), 25);
            }
            for (int i = 0; i < charts.size(); i++) {
                int r = i / cols, c = i % cols;
                charts.get(i).draw(g2, new Rectangle2D.Double(c * cellWidth, titleHeight + r * cellHeight,
                        cellWidth, cellHeight));
            }
        } finally {
            g2.dispose();
        }
        return img;
    }

    /**
     * Writes an image as PNG, creating the folder; written to a temporary file and renamed.
     *
     * @param image the image
     * @param file target {@code .png}
     * @return the file
     * @throws java.io.UncheckedIOException if writing fails
     */
    public static Path writePng(BufferedImage image, Path file) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", png)) {
                throw new IOException("no PNG writer available");
            }
            AtomicFiles.write(file, png.toByteArray());
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void styleAxis(org.jfree.chart.axis.Axis a) {
        a.setTickLabelFont(TICK_FONT);
        a.setLabelFont(LABEL_FONT);
    }

    private static TextTitle subtitle(String text) {
        TextTitle t = new TextTitle(text, SUBTITLE_FONT);
        t.setPaint(Color.darkGray);
        return t;
    }

    private static List<String> checkSameChannels(List<ExplainedSample> samples) {
        if (samples == null || samples.isEmpty()) {
            throw new IllegalArgumentException("need at least one explained sample");
        }
        List<String> names = samples.get(0).channelNames();
        for (ExplainedSample s : samples) {
            if (!s.channelNames().equals(names)) {
                throw new IllegalArgumentException("sample " + s.id() + " has channels " + s.channelNames()
                        + " but sample " + samples.get(0).id() + " has " + names);
            }
        }
        return names;
    }

    static double[] minMax(double[][] m) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] row : m) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo <= hi ? new double[] {lo, hi} : new double[] {0, 1};
    }

    static double maxAbs(double[][] m) {
        double mx = 0;
        for (double[] row : m) {
            for (double v : row) {
                if (Double.isFinite(v)) mx = Math.max(mx, Math.abs(v));
            }
        }
        return mx;
    }

    private static double mean(double[][] m) {
        double s = 0;
        long n = 0;
        for (double[] row : m) {
            for (double v : row) {
                s += v;
                n++;
            }
        }
        return s / n;
    }

    private static double meanAbs(double[][] m) {
        double s = 0;
        long n = 0;
        for (double[] row : m) {
            for (double v : row) {
                s += Math.abs(v);
                n++;
            }
        }
        return s / n;
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    /** A seeded reservoir sample of (x, y) points. */
    static final class PointSample {
        private final double[] xs;
        private final double[] ys;
        private final Random rnd;
        private long seen;

        PointSample(int capacity, long seed) {
            xs = new double[capacity];
            ys = new double[capacity];
            rnd = new Random(seed);
        }

        void add(double x, double y) {
            if (!Double.isFinite(x) || !Double.isFinite(y)) return;
            if (seen < xs.length) {
                xs[(int) seen] = x;
                ys[(int) seen] = y;
            } else {
                long j = (long) (rnd.nextDouble() * (seen + 1));
                if (j < xs.length) {
                    xs[(int) j] = x;
                    ys[(int) j] = y;
                }
            }
            seen++;
        }

        long seen() {
            return seen;
        }

        int size() {
            return (int) Math.min(seen, xs.length);
        }

        double[][] toArray() {
            int n = size();
            return new double[][] {java.util.Arrays.copyOf(xs, n), java.util.Arrays.copyOf(ys, n)};
        }

        void extendRange(double[] xr, double[] yr) {
            for (int i = 0; i < size(); i++) {
                xr[0] = Math.min(xr[0], xs[i]);
                xr[1] = Math.max(xr[1], xs[i]);
                yr[0] = Math.min(yr[0], ys[i]);
                yr[1] = Math.max(yr[1], ys[i]);
            }
        }

        /** Mean y in equal-width x bins with at least 5 points; {x centres, means}. */
        double[][] binnedMeans(int bins) {
            int n = size();
            if (n == 0) return new double[][] {{}, {}};
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                lo = Math.min(lo, xs[i]);
                hi = Math.max(hi, xs[i]);
            }
            if (!(hi > lo)) return new double[][] {{lo}, {mean(ys, n)}};
            double[] sum = new double[bins];
            int[] cnt = new int[bins];
            for (int i = 0; i < n; i++) {
                int b = Math.min(bins - 1, (int) ((xs[i] - lo) / (hi - lo) * bins));
                sum[b] += ys[i];
                cnt[b]++;
            }
            List<double[]> pts = new ArrayList<>();
            for (int b = 0; b < bins; b++) {
                if (cnt[b] >= 5) {
                    pts.add(new double[] {lo + (b + 0.5) * (hi - lo) / bins, sum[b] / cnt[b]});
                }
            }
            double[][] out = new double[2][pts.size()];
            for (int i = 0; i < pts.size(); i++) {
                out[0][i] = pts.get(i)[0];
                out[1][i] = pts.get(i)[1];
            }
            return out;
        }

        private static double mean(double[] a, int n) {
            double s = 0;
            for (int i = 0; i < n; i++) s += a[i];
            return s / n;
        }
    }

    /** Builder of {@link Figures}. */
    public static final class Builder {
        private int cellWidth = 330;
        private int cellHeight = 300;
        private int maxScatterPoints = 20_000;
        private boolean sharedContributionScale = true;
        private boolean firstInputGrey = true;
        private boolean maskOutline = true;
        private long seed = SaltDefaults.SEED;

        private Builder() {
        }

        /**
         * Size of one heat-map panel; bigger figures scale from it.
         *
         * @param width pixels, &gt;= 120
         * @param height pixels, &gt;= 120
         * @return this
         */
        public Builder cellSize(int width, int height) {
            if (width < 120 || height < 120) {
                throw new IllegalArgumentException("cell size must be at least 120 x 120, got " + width + " x " + height);
            }
            cellWidth = width;
            cellHeight = height;
            return this;
        }

        /**
         * @param n most points drawn per group in scatter plots (default 20,000), &gt; 0
         * @return this
         */
        public Builder maxScatterPoints(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("maxScatterPoints must be > 0, got " + n);
            }
            maxScatterPoints = n;
            return this;
        }

        /**
         * @param v whether the contribution maps of one sample share one colour range (default true)
         * @return this
         */
        public Builder sharedContributionScale(boolean v) {
            sharedContributionScale = v;
            return this;
        }

        /**
         * @param v whether the first input channel (the seismic image) is drawn in grey (default
         *     true); otherwise it uses the diverging map like the other inputs
         * @return this
         */
        public Builder firstInputGrey(boolean v) {
            firstInputGrey = v;
            return this;
        }

        /**
         * @param v whether the outline of the true mask is drawn over the predicted mask and the
         *     contribution maps (default true)
         * @return this
         */
        public Builder maskOutline(boolean v) {
            maskOutline = v;
            return this;
        }

        /**
         * @param v seed of the scatter-plot point sampling (default {@value io.github.segshap.salt.SaltDefaults#SEED})
         * @return this
         */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** @return the figures */
        public Figures build() {
            return new Figures(this);
        }
    }
}
