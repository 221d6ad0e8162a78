package io.github.segshap.report.figures;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.report.chart.ColorMap;
import io.github.segshap.report.chart.Grid;
import io.github.segshap.report.chart.Heatmap;
import io.github.segshap.report.chart.MapRange;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;

/**
 * The additive strip of one image: the expected values, then each player's contribution added
 * one after another (the last sum, titled {@code + <last player> = prediction}, is the prediction,
 * drawn once), then (when known) the truth, all on one viridis scale with
 * one colour bar. The scale is 0..1, widened to show partial sums below 0 or above 1 rather than
 * clip them. Immutable.
 */
public final class AdditiveStripFigure {
    private final FigureOptions options;

    /** The figure drawn with these options. */
    public AdditiveStripFigure(FigureOptions options) {
        this.options = options;
    }

    /** The strip of image {@code i}: one panel of {@code 0.9 x cellWidth} per map. */
    public BufferedImage draw(LabelledExplanations data, int i) {
        Explanation e = data.explanations().get(i);
        int plane = data.plane();
        List<String> titles = new ArrayList<>();
        List<double[][]> maps = new ArrayList<>();
        double[][] acc = e.baseValueMap(plane);
        titles.add("Expected values");
        maps.add(copy(acc));
        for (int p = 0; p < e.players(); p++) {
            double[][] cm = e.map(p, plane);
            for (int r = 0; r < acc.length; r++) {
                for (int c = 0; c < acc[r].length; c++) {
                    acc[r][c] += cm[r][c];
                }
            }
            titles.add("+ " + e.playerNames().get(p));
            maps.add(copy(acc));
        }
        // the last running sum is the prediction (up to the residual in the title): shown once
        titles.set(titles.size() - 1, titles.get(titles.size() - 1) + " = prediction");
        if (data.hasTruth()) {
            titles.add("Truth");
            maps.add(data.truthMap(i));
        }
        MapRange range = new MapRange(0, 1, 1, Double.NaN);
        for (double[][] m : maps) {
            range = range.union(MapRange.of(m));
        }
        ColorMap scale = ColorMap.viridis(range.min(), range.max());
        List<JFreeChart> charts = new ArrayList<>();
        for (int k = 0; k < maps.size(); k++) {
            charts.add(Heatmap.plain(titles.get(k), maps.get(k), scale));
        }
        charts.get(charts.size() - 1).addSubtitle(Heatmap.colourBar(scale, null));
        String title = String.format(Locale.ROOT,
                "Image %s: expected values + contributions = prediction (max |residual| %.2g)%s",
                data.explanations().id(i), e.maxAbsResidual(),
                range.min() < 0 || range.max() > 1 ? String.format(Locale.ROOT, ", scale %.3g .. %.3g", range.min(),
                        range.max()) : "");
        return Grid.compose(title, charts, charts.size(), (int) (options.cellWidth() * 0.9),
                (int) (options.cellHeight() * 0.9));
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
