package io.github.segshap.report.figures;

import io.github.segshap.core.explanation.InputContributions;
import io.github.segshap.report.chart.ChartStyle;
import io.github.segshap.report.chart.Grid;
import io.github.segshap.report.chart.PointSample;
import io.github.segshap.report.chart.Scatter;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Per player (input channel): the input value against the contribution at every output of every
 * image, coloured by the true mask (one colour without masks), points sampled for drawing, with the
 * mean contribution in {@value #BINS} bins of the input value as lines
 * ({@link InputContributions#equalWidth}, over all outputs, bins of at least
 * {@value #MIN_BIN_COUNT}). Needs {@link LabelledExplanations#playersAreChannels()}. Immutable.
 */
public final class GlobalByChannelFigure {
    /** Number of input-value bins of the trend lines. */
    public static final int BINS = 30;
    /** Fewest outputs a bin needs to be drawn on the trend line. */
    public static final int MIN_BIN_COUNT = 5;
    private final FigureOptions options;

    /** The figure drawn with these options. */
    public GlobalByChannelFigure(FigureOptions options) {
        this.options = options;
    }

    /** The figure: a grid of one scatter plot per player, 2 columns up to 4 players, 3 beyond. */
    public BufferedImage draw(LabelledExplanations data) {
        Points.requireChannels(data, "the input-vs-contribution figure");
        List<String> names = data.explanations().playerNames();
        int m = names.size();
        boolean split = data.hasTruth();
        int groups = split ? 2 : 1;
        List<List<PointSample>> samples = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            List<PointSample> perPlayer = new ArrayList<>();
            for (int p = 0; p < m; p++) {
                perPlayer.add(new PointSample(options.maxScatterPoints(), options.seed() + 2L * p + g));
            }
            samples.add(perPlayer);
        }
        Points.collect(data, split ? data.truth() : null, samples);
        List<InputContributions> trends = new ArrayList<>();
        for (List<boolean[]> masks : Points.groupMasks(data, split ? data.truth() : null)) {
            trends.add(InputContributions.equalWidth(data.explanations(), masks, true, BINS));
        }
        List<String> groupNames = split
                ? List.of(options.outsideLabel() + " (true)", options.insideLabel() + " (true)") : List.of("all outputs");
        List<org.jfree.chart.JFreeChart> charts = new ArrayList<>();
        for (int p = 0; p < m; p++) {
            Scatter.Builder s = Scatter.builder(names.get(p));
            for (int g = 0; g < groups; g++) {
                s.group(groupNames.get(g), samples.get(g).get(p), ChartStyle.palette(g));
            }
            for (int g = 0; g < groups; g++) {
                s.line("mean " + groupNames.get(g), binnedMeans(trends.get(g).bins(p)), ChartStyle.palette(g),
                        "binned mean");
            }
            charts.add(s.chart());
        }
        int cols = m <= 4 ? 2 : 3;
        return Grid.compose("Input value vs. contribution per player" + (split ? ", coloured by the true mask" : "")
                + " (lines: binned means)", charts, Math.min(cols, m), (int) (options.cellWidth() * 2.0),
                (int) (options.cellHeight() * 1.6));
    }

    private static double[][] binnedMeans(List<InputContributions.Bin> bins) {
        List<double[]> pts = new ArrayList<>();
        for (InputContributions.Bin b : bins) {
            if (b.count() >= MIN_BIN_COUNT) {
                pts.add(new double[] {b.meanInput(), b.meanContribution()});
            }
        }
        double[][] out = new double[2][pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            out[0][i] = pts.get(i)[0];
            out[1][i] = pts.get(i)[1];
        }
        return out;
    }
}
