package io.github.segshap.report.figures;

import io.github.segshap.report.chart.ChartStyle;
import io.github.segshap.report.chart.Grid;
import io.github.segshap.report.chart.PointSample;
import io.github.segshap.report.chart.Scatter;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * All players on one axis of input value against contribution, one panel for the outputs outside
 * the mask and one for those inside it (the true or the predicted mask), with shared axis ranges.
 * Needs {@link LabelledExplanations#playersAreChannels()}. Immutable.
 */
public final class GlobalCombinedFigure {
    /** Which mask splits the outputs. */
    public enum Grouping {
        /** By the true mask (needs true masks). */
        TRUE_MASK,
        /** By the predicted mask at 0.5 (what the original study's second figure did). */
        PREDICTED_MASK
    }

    private final FigureOptions options;

    /** The figure drawn with these options. */
    public GlobalCombinedFigure(FigureOptions options) {
        this.options = options;
    }

    /** The two panels, split by {@code grouping}. */
    public BufferedImage draw(LabelledExplanations data, Grouping grouping) {
        Points.requireChannels(data, "the combined input-vs-contribution figure");
        if (grouping == Grouping.TRUE_MASK && !data.hasTruth()) {
            throw new IllegalArgumentException("no true masks to split the outputs by: give them, or draw the figure"
                    + " by the predicted mask");
        }
        List<String> names = data.explanations().playerNames();
        int m = names.size();
        List<List<PointSample>> groups = new ArrayList<>();
        for (int g = 0; g < 2; g++) {
            List<PointSample> perPlayer = new ArrayList<>();
            for (int p = 0; p < m; p++) {
                perPlayer.add(new PointSample(Math.max(1, options.maxScatterPoints() / m), options.seed() + 100L * g + p));
            }
            groups.add(perPlayer);
        }
        Points.collect(data, grouping == Grouping.TRUE_MASK ? data.truth() : data.predictedMasks(), groups);
        double[] xr = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] yr = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (List<PointSample> g : groups) {
            for (PointSample p : g) {
                p.extendRange(xr, yr);
            }
        }
        String what = grouping == Grouping.TRUE_MASK ? "true mask" : "predicted mask";
        String[] titles = {capitalised(options.outsideLabel()) + " (" + what + " = 0)",
            capitalised(options.insideLabel()) + " (" + what + " = 1)"};
        List<JFreeChart> charts = new ArrayList<>();
        for (int g = 0; g < 2; g++) {
            Scatter.Builder s = Scatter.builder(titles[g]).ranges(xr, yr);
            for (int p = 0; p < m; p++) {
                s.group(names.get(p), groups.get(g).get(p), ChartStyle.palette(p));
            }
            charts.add(s.chart());
        }
        return Grid.compose("All players, outputs split by the " + what, charts, 2, (int) (options.cellWidth() * 2.2),
                (int) (options.cellHeight() * 2.2));
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
