package io.github.segshap.report.figures;

import io.github.segshap.report.chart.ChartStyle;
import io.github.segshap.report.chart.ColorMap;
import io.github.segshap.report.chart.Grid;
import io.github.segshap.report.chart.Heatmap;
import io.github.segshap.report.chart.MapRange;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;

/**
 * The map of expected values: the model's mean output over the background, the starting point
 * every explanation adds its contributions to (viridis over its own range). Immutable.
 */
public final class ExpectedValuesFigure {
    private final FigureOptions options;

    /** The figure drawn with these options. */
    public ExpectedValuesFigure(FigureOptions options) {
        this.options = options;
    }

    /** The base values of the first image (they are the same for every image of one background). */
    public BufferedImage draw(LabelledExplanations data) {
        return draw(data.explanations().get(0).baseValueMap(data.plane()));
    }

    /** The map {@code [h][w]} of base values. */
    public BufferedImage draw(double[][] baseValues) {
        MapRange r = MapRange.of(baseValues);
        JFreeChart c = Heatmap.of("Expected values E[f(x)]", baseValues, ColorMap.viridis(r.min(), r.upperForScale()),
                "base value");
        c.addSubtitle(0, ChartStyle.subtitle(String.format(Locale.ROOT, "mean %.4f, range %.4f .. %.4f", r.mean(),
                r.min(), r.max())));
        return Grid.compose(null, List.of(c), 1, (int) (options.cellWidth() * 1.6), (int) (options.cellHeight() * 1.6));
    }
}
