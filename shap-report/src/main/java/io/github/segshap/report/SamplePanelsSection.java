package io.github.segshap.report;

import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.report.figures.FigureOptions;
import io.github.segshap.report.figures.LabelledExplanations;
import io.github.segshap.report.figures.SamplePanelFigure;
import io.github.segshap.report.html.HtmlReport;
import java.util.List;

/**
 * A panel per selected image ({@code sample_<id>.png}): the true mask and the inputs, the
 * prediction and each player's contribution.
 *
 * @param options   the drawing options
 * @param ids       the images that get a panel, in order
 * @param inputNote what the inputs are, or null
 * @param images    how many images were explained (the panels' are among {@code data})
 */
record SamplePanelsSection(FigureOptions options, List<String> ids, String inputNote, int images)
        implements ReportSection {
    /** Most panel ids named in the note on the subset. */
    static final int SHOWN_IDS = 30;

    @Override
    public void addTo(HtmlReport.Builder page, FigureWriter figures, LabelledExplanations data) {
        Explanations ex = data.explanations();
        page.heading("Images: inputs, prediction and contributions");
        String inputs = ex.hasInputs() ? "the inputs" + (inputNote == null ? "" : " (" + inputNote + ")")
                : "no inputs (not kept)";
        page.paragraph(subset(ids, images) + " Top row: "
                + (data.hasTruth() ? "the true mask and " : "") + inputs + ", each in grey over its own range; bottom"
                + " row: the prediction and each player's contribution"
                + (options.sharedContributionScale() ? " on one colour scale" : "") + ".");
        SamplePanelFigure panel = new SamplePanelFigure(options);
        for (String id : ids) {
            figures.figure(page, null, "sample_" + FigureWriter.fileSafe(id), () -> panel.draw(data, ex.indexOf(id)),
                    "Image " + id + ": top, " + (data.hasTruth() ? "the true mask and " : "")
                            + (ex.hasInputs() ? "the inputs" : "no inputs") + "; bottom, the prediction and the"
                            + " contribution of " + String.join(", ", ex.playerNames()) + " (red up, blue down; mean"
                            + " |c| and mean c under each map).",
                    "Panel of image " + id + ": " + (data.hasTruth() ? "true mask, " : "")
                            + (ex.hasInputs() ? "input maps, " : "") + "predicted map and one contribution map per"
                            + " player");
        }
    }

    /**
     * Which images have a panel: all, or (a bounded subset) how many of how many and their ids, the
     * figures and tables after them covering every image.
     */
    static String subset(List<String> ids, int images) {
        if (ids.size() == images) {
            return images + " of the " + images + " explained images.";
        }
        if (ids.isEmpty()) {
            return "None of the " + images + " explained images has a panel; the expected values, the global"
                    + " figures and the tables below cover all " + images + ".";
        }
        int named = Math.min(ids.size(), SHOWN_IDS);
        return ids.size() + " of the " + images + " explained images " + (ids.size() == 1 ? "has" : "have")
                + " a panel (a bounded subset: "
                + String.join(", ", ids.subList(0, named)) + (ids.size() > named ? " and " + (ids.size() - named)
                + " more" : "") + "); the expected values, the global figures and the tables below cover all "
                + images + ".";
    }

}
