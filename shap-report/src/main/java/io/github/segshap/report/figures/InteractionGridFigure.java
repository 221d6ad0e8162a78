package io.github.segshap.report.figures;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.interactions.InteractionMaps;
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
 * The interaction maps of one image as the upper triangle of the M x M matrix of maps, players
 * named on the rows and the columns: the cell in row i and column j (i &lt; j) is the SHAP
 * interaction value {@code Phi_ij = SII_ij / 2} at every output, on one blue-white-red scale
 * symmetric about 0 shared by all pairs (one colour bar, in the first row's last cell), so a pale map
 * is a weak interaction. The diagonal (main effects) and the lower triangle (the mirror image) hold
 * nothing, so the grid drops them: rows are players 1 .. M-1 of the pair's first, columns players
 * 2 .. M of its second, (M-1) x (M-1) cells. Immutable.
 */
public final class InteractionGridFigure {
    private final FigureOptions options;

    /** The figure drawn with these options. */
    public InteractionGridFigure(FigureOptions options) {
        this.options = options;
    }

    /**
     * The grid of image {@code i}: {@code Grid.LABEL_BAND + (M-1) x cellWidth} wide,
     * {@code Grid.TITLE_HEIGHT + Grid.LABEL_BAND + (M-1) x cellHeight} high.
     *
     * @throws IllegalArgumentException when the image has no interaction maps or fewer than two players
     */
    public BufferedImage draw(LabelledExplanations data, int i) {
        Explanation e = data.explanations().get(i);
        String id = data.explanations().id(i);
        InteractionMaps im = e.interactions().orElseThrow(() -> new IllegalArgumentException("image " + id
                + " has no interaction maps: explain it with the exact explainer and interactions on"));
        int m = im.players();
        if (m < 2) {
            throw new IllegalArgumentException("image " + id + " has " + m + " player: no pair interacts");
        }
        int plane = data.plane();
        double[][][] maps = new double[m * m][][];
        MapRange shared = null;
        for (int r = 0; r < m; r++) {
            for (int c = r + 1; c < m; c++) {
                maps[r * m + c] = im.pairMap(r, c, plane);
                MapRange range = MapRange.of(maps[r * m + c]);
                shared = shared == null ? range : shared.union(range);
            }
        }
        double lim = shared.maxAbs();
        ColorMap scale = ColorMap.divergingSymmetric(lim);
        List<String> names = im.playerNames();
        List<JFreeChart> charts = new ArrayList<>((m - 1) * (m - 1));
        for (int r = 0; r < m - 1; r++) {
            for (int c = 1; c < m; c++) {
                if (c <= r) {
                    charts.add(null);
                    continue;
                }
                MapRange range = MapRange.of(maps[r * m + c]);
                JFreeChart chart = Heatmap.plain(String.format(Locale.ROOT, "%s x %s (mean %+.3g)", names.get(r),
                        names.get(c), range.mean()), maps[r * m + c], scale);
                if (r == 0 && c == m - 1) {
                    chart.addSubtitle(Heatmap.colourBar(scale, "interaction"));
                }
                charts.add(chart);
            }
        }
        String title = String.format(Locale.ROOT, "Image %s: pair interactions Phi_ij = SII_ij / 2, one scale +/-%.3g",
                id, lim);
        return Grid.labelled(title, charts, names.subList(0, m - 1), names.subList(1, m), options.cellWidth(),
                options.cellHeight());
    }
}
