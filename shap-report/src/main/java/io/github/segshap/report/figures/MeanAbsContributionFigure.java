package io.github.segshap.report.figures;

import io.github.segshap.core.explanation.CohortStatistics;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.report.chart.ChartStyle;
import io.github.segshap.report.chart.Grid;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Bars of the mean |contribution| per player over every output of every image, outside and inside
 * the true mask (one bar per player without masks), as {@link Explanations#cohort} computes them.
 * Immutable.
 */
public final class MeanAbsContributionFigure {
    private final FigureOptions options;

    /** The figure drawn with these options. */
    public MeanAbsContributionFigure(FigureOptions options) {
        this.options = options;
    }

    /** The bar chart of {@code data}'s images. */
    public BufferedImage draw(LabelledExplanations data) {
        Explanations ex = data.explanations();
        List<CohortStatistics> stats = new java.util.ArrayList<>();
        for (List<boolean[]> masks : groupMasks(data)) {
            stats.add(ex.cohort(masks, true));
        }
        return draw(ex.playerNames(), ex.size(), stats);
    }

    /**
     * The masks of the bars' groups, one list per group (one mask per image, or null for every
     * output): the drawn plane's outputs outside and inside the true mask, or all of them without
     * true masks.
     */
    public static List<List<boolean[]>> groupMasks(LabelledExplanations data) {
        return Points.groupMasks(data, data.hasTruth() ? data.truth() : null);
    }

    /**
     * The bar chart of statistics already computed (e.g. a range of images at a time).
     *
     * @param names  the player names
     * @param images how many images the statistics cover
     * @param groups the statistics of each of {@link #groupMasks}'s groups, in its order
     */
    public BufferedImage draw(List<String> names, int images, List<CohortStatistics> groups) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        List<String> series = groups.size() == 2 ? List.of(options.outsideLabel(), options.insideLabel())
                : List.of("all outputs");
        for (int g = 0; g < groups.size(); g++) {
            double[] meanAbs = groups.get(g).meanAbs();
            for (int p = 0; p < names.size(); p++) {
                ds.addValue(Double.isNaN(meanAbs[p]) ? null : meanAbs[p], series.get(g), names.get(p));
            }
        }
        CategoryAxis xa = ChartStyle.style(new CategoryAxis("player"));
        NumberAxis ya = ChartStyle.style(new NumberAxis("mean |contribution|"));
        BarRenderer r = new BarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setItemMargin(0.03);
        for (int g = 0; g < series.size(); g++) {
            r.setSeriesPaint(g, ChartStyle.palette(g));
        }
        CategoryPlot plot = new CategoryPlot(ds, xa, ya, r);
        plot.setBackgroundPaint(Color.white);
        plot.setRangeGridlinePaint(new Color(200, 200, 200));
        JFreeChart chart = new JFreeChart("Mean |contribution| per player over " + images + " images",
                ChartStyle.TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.white);
        return Grid.compose(null, List.of(chart), 1, (int) (options.cellWidth() * 2.4),
                (int) (options.cellHeight() * 1.5));
    }
}
