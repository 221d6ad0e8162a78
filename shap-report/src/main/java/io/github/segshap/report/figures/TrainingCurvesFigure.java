package io.github.segshap.report.figures;

import io.github.segshap.report.chart.ChartStyle;
import io.github.segshap.report.chart.Grid;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Training curves: values per epoch (e.g. loss, or AUC for the training and validation sets). Immutable. */
public final class TrainingCurvesFigure {
    private final FigureOptions options;

    /** The figure drawn with these options. */
    public TrainingCurvesFigure(FigureOptions options) {
        this.options = options;
    }

    /**
     * The curves.
     *
     * @param title  chart title
     * @param yLabel value axis label
     * @param series name to values by epoch (the first value is epoch 1); NaN values are skipped
     */
    public BufferedImage draw(String title, String yLabel, Map<String, double[]> series) {
        ChartStyle.headless();
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
        NumberAxis xa = ChartStyle.style(new NumberAxis("epoch"));
        xa.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        xa.setAutoRangeIncludesZero(false);
        NumberAxis ya = ChartStyle.style(new NumberAxis(yLabel));
        ya.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < series.size(); i++) {
            r.setSeriesPaint(i, ChartStyle.palette(i));
            r.setSeriesStroke(i, new BasicStroke(2f));
            r.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        XYPlot plot = new XYPlot(ds, xa, ya, r);
        plot.setBackgroundPaint(Color.white);
        plot.setDomainGridlinePaint(new Color(210, 210, 210));
        plot.setRangeGridlinePaint(new Color(210, 210, 210));
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.white);
        return Grid.compose(null, List.of(chart), 1, (int) (options.cellWidth() * 2.2),
                (int) (options.cellHeight() * 1.3));
    }
}
