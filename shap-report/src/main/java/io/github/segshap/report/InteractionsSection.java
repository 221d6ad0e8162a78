package io.github.segshap.report;

import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.report.figures.FigureOptions;
import io.github.segshap.report.figures.InteractionGridFigure;
import io.github.segshap.report.figures.LabelledExplanations;
import io.github.segshap.report.html.HtmlReport;
import java.util.List;

/**
 * The interaction grid ({@code interactions_<id>.png}) of the first panel image (or image 0), when
 * the explanations carry interaction maps and have at least two players; nothing otherwise.
 *
 * @param options the drawing options
 * @param panels  the panel images, in order
 */
record InteractionsSection(FigureOptions options, List<String> panels) implements ReportSection {
    @Override
    public void addTo(HtmlReport.Builder page, FigureWriter figures, LabelledExplanations data) {
        Explanations ex = data.explanations();
        if (ex.players() < 2 || ex.get(0).interactions().isEmpty()) {
            return;
        }
        String id = panels.isEmpty() ? ex.id(0) : panels.get(0);
        int m = ex.players();
        page.heading("Interactions");
        page.paragraph("Which players matter only together: the SHAP interaction values of each pair of players (in"
                + " shap's convention, Phi_ij = SII_ij / 2, half the Shapley interaction index; interactions.npy holds"
                + " them for every image). Red: the pair together pushes the output up more than each alone, blue:"
                + " less. Each output's M x M matrix, main effects on its diagonal, adds up to the prediction minus"
                + " the expected value.");
        figures.figure(page, null, "interactions_" + FigureWriter.fileSafe(id),
                () -> new InteractionGridFigure(options).draw(data, ex.indexOf(id)),
                "Image " + id + ": the interaction map of each pair of players, row and column named, upper triangle"
                        + " only (the matrix is symmetric), on one colour scale symmetric about 0.",
                "Grid of " + (m - 1) + " x " + (m - 1) + " cells: the interaction maps of image " + id + " for each "
                        + "pair of the players " + String.join(", ", ex.playerNames()) + ", first player of the pair "
                        + "on the rows, second on the columns, in the upper triangle");
    }
}
