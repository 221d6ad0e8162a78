package io.github.segshap.report;

import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.report.figures.AdditiveStripFigure;
import io.github.segshap.report.figures.FigureOptions;
import io.github.segshap.report.figures.LabelledExplanations;
import io.github.segshap.report.html.HtmlReport;
import java.util.List;
import java.util.Locale;

/**
 * Additive strips ({@code additive_<id>.png}) of the first panel images: the expected values, each
 * player's contribution added in turn up to the prediction; nothing without images.
 *
 * @param options the drawing options
 * @param ids     the images that get a strip (the first of the panel images)
 */
record AdditiveStripsSection(FigureOptions options, List<String> ids) implements ReportSection {
    @Override
    public void addTo(HtmlReport.Builder page, FigureWriter figures, LabelledExplanations data) {
        if (ids.isEmpty()) {
            return;
        }
        Explanations ex = data.explanations();
        String last = ex.playerNames().get(ex.players() - 1);
        page.heading("Additive strips");
        page.paragraph("Images " + String.join(", ", ids) + " (the first " + ids.size() + " of the images"
                + " above) have strips: the expected values, each player's contribution added in turn (the last,"
                + " + " + last + ", is the prediction)" + (data.hasTruth() ? ", then the truth" : "")
                + ", on one colour scale (widened beyond 0..1 when a partial sum leaves it, not clipped).");
        AdditiveStripFigure strip = new AdditiveStripFigure(options);
        for (String id : ids) {
            int i = ex.indexOf(id);
            figures.figure(page, null, "additive_" + FigureWriter.fileSafe(id), () -> strip.draw(data, i),
                    String.format(Locale.ROOT, "Image %s: expected values + %s = the prediction, up to %.2g at any"
                            + " output.", id, String.join(" + ", ex.playerNames()), ex.maxAbsResidual(i)),
                    "Additive strip of image " + id + ": the expected-value map, then the running sum after "
                            + "adding each player's contribution, the last being the prediction"
                            + (data.hasTruth() ? ", then the true mask" : ""));
        }
    }
}
