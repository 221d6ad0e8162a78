package io.github.segshap.report.figures;

import io.github.segshap.core.explanation.CohortStatistics;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.report.chart.ChartStyle;
import io.github.segshap.report.chart.ColorMap;
import io.github.segshap.report.chart.Grid;
import io.github.segshap.report.chart.Heatmap;
import io.github.segshap.report.chart.MapRange;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;

/**
 * One image as a panel of two rows: on top the true mask (two-colour legend; an empty cell when
 * there is none) and the explained inputs (grey, each over its own range: inputs are values, not effects), below the prediction and
 * each player's contribution map (blue-white-red, symmetric about 0, by default one range for all
 * players so a pale map is a weak player), with the outline of the true mask. The mean |value| and
 * mean value under each map come from {@link Explanations#cohort}. Immutable.
 */
public final class SamplePanelFigure {
    private final FigureOptions options;

    /** The figure drawn with these options. */
    public SamplePanelFigure(FigureOptions options) {
        this.options = options;
    }

    /**
     * The panel of image {@code i}: {@code max(top, bottom)} columns of
     * {@link FigureOptions#cellWidth()} plus a title band.
     */
    public BufferedImage draw(LabelledExplanations data, int i) {
        LabelledExplanations one = data.only(data.explanations().id(i));
        Explanations ex = one.explanations();
        Explanation e = ex.get(0);
        int plane = data.plane();
        List<String> names = ex.playerNames();
        double[][] truth = one.hasTruth() ? one.truthMap(0) : null;
        boolean outline = truth != null && options.maskOutline();
        List<JFreeChart> top = new ArrayList<>();
        if (truth != null) {
            top.add(Heatmap.binary("True mask", truth, ColorMap.viridis(0, 1), options.outsideLabel(),
                    options.insideLabel()));
        }
        if (ex.hasInputs()) {
            for (int c = 0; c < ex.imageShape().channels(); c++) {
                double[][] m = one.inputMap(0, c);
                MapRange r = MapRange.of(m);
                String name = one.playersAreChannels() ? names.get(c) : "input channel " + c;
                top.add(Heatmap.labelAxes(Heatmap.of(name, m, ColorMap.grey(r.min(), r.upperForScale()), "input"),
                        "column", "row"));
            }
        }
        if (truth == null && !top.isEmpty()) {
            top.add(0, null); // an empty cell above "Predicted": each input stays above its contribution map
        }
        List<JFreeChart> bottom = new ArrayList<>();
        JFreeChart pred = Heatmap.of("Predicted", e.outputMap(plane), ColorMap.viridis(0, 1), "prediction");
        bottom.add(outline ? Heatmap.outline(pred, truth, Color.white) : pred);
        double[][][] maps = new double[ex.players()][][];
        MapRange shared = null;
        for (int p = 0; p < maps.length; p++) {
            maps[p] = e.map(p, plane);
            MapRange r = MapRange.of(maps[p]);
            shared = shared == null ? r : shared.union(r);
        }
        CohortStatistics stats = ex.cohort(one.planeMasks(), true);
        double[] meanAbs = stats.meanAbs();
        double[] mean = stats.mean();
        for (int p = 0; p < maps.length; p++) {
            double lim = options.sharedContributionScale() ? shared.maxAbs() : MapRange.of(maps[p]).maxAbs();
            JFreeChart ch = Heatmap.of(names.get(p) + " contribution", maps[p], ColorMap.divergingSymmetric(lim),
                    "contribution");
            ch.addSubtitle(0, ChartStyle.subtitle(String.format(Locale.ROOT, "mean |c| %.4f, mean %+.4f",
                    meanAbs[p], mean[p])));
            bottom.add(outline ? Heatmap.outline(ch, truth, Color.black) : ch);
        }
        int cols = Math.max(top.size(), bottom.size());
        List<JFreeChart> charts = new ArrayList<>(top);
        while (charts.size() < cols) {
            charts.add(null);
        }
        charts.addAll(bottom);
        String title = String.format(Locale.ROOT,
                "Image %s: %s (top) and contributions to the prediction (bottom)%s%s", ex.id(0),
                top.isEmpty() ? "no inputs kept" : truth != null ? "truth and inputs" : "inputs",
                outline ? ", outline = true mask" : "",
                options.sharedContributionScale() ? String.format(Locale.ROOT, ", one colour scale +/-%.3g",
                        shared.maxAbs()) : "");
        if (top.isEmpty()) {
            charts = bottom;
        }
        return Grid.compose(title, charts, cols, options.cellWidth(), options.cellHeight());
    }
}
