package io.github.segshap.report;

import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.report.figures.FigureOptions;
import io.github.segshap.report.figures.GlobalByChannelFigure;
import io.github.segshap.report.figures.GlobalCombinedFigure;
import io.github.segshap.report.figures.LabelledExplanations;
import io.github.segshap.report.figures.MeanAbsContributionFigure;
import io.github.segshap.report.html.HtmlReport;

/**
 * The global analysis: mean |contribution| per player over all images, inside and outside the true
 * masks ({@code mean_abs_contribution.png}); when the players are the input channels, input value
 * against contribution per player ({@code global_by_channel.png}) and for all players split by the
 * mask ({@code global_combined.png}) over the first {@code images} images.
 *
 * @param options the drawing options
 * @param images  most images whose outputs the scatter figures draw (the first ones, among {@code data})
 * @param summary the numbers over all images
 */
record GlobalSection(FigureOptions options, int images, CohortSummary summary) implements ReportSection {
    @Override
    public void addTo(HtmlReport.Builder page, FigureWriter figures, LabelledExplanations data) {
        Explanations ex = data.explanations();
        int n = summary.images();
        figures.figure(page, "Global analysis", "mean_abs_contribution",
                () -> new MeanAbsContributionFigure(options).draw(ex.playerNames(), n, summary.figure()),
                "Mean |contribution| per player over every output of all " + n + " explained images"
                        + (data.hasTruth() ? ", " + options.outsideLabel() + " and " + options.insideLabel()
                        + " (true mask)" : "") + ".", "Bar chart of the mean absolute contribution per player");
        if (!data.playersAreChannels()) {
            return;
        }
        LabelledExplanations global = data.first(images);
        String over = global.size() == n ? "all " + n + " explained images"
                : "the first " + global.size() + " of the " + n + " explained images (the tables below use"
                + " all)";
        figures.figure(page, null, "global_by_channel", () -> new GlobalByChannelFigure(options).draw(global),
                "Input value vs. contribution at every output of " + over + " (points sampled for drawing; lines:"
                        + " mean contribution in bins of the input value).",
                "Scatter plots of input value against contribution, one per player");
        GlobalCombinedFigure.Grouping grouping = data.hasTruth() ? GlobalCombinedFigure.Grouping.TRUE_MASK
                : GlobalCombinedFigure.Grouping.PREDICTED_MASK;
        figures.figure(page, null, "global_combined", () -> new GlobalCombinedFigure(options).draw(global, grouping),
                "All players on one axis, outputs split by the " + (data.hasTruth() ? "true" : "predicted")
                        + " mask; " + over + ".",
                "Scatter plots of input value against contribution for all players, split by the mask");
    }
}
