package io.github.segshap.report;

import io.github.segshap.report.figures.ExpectedValuesFigure;
import io.github.segshap.report.figures.FigureOptions;
import io.github.segshap.report.figures.LabelledExplanations;
import io.github.segshap.report.html.HtmlReport;

/**
 * The expected values ({@code expected_values.png}): the map every explanation starts from.
 *
 * @param options the drawing options
 */
record ExpectedValuesSection(FigureOptions options) implements ReportSection {
    @Override
    public void addTo(HtmlReport.Builder page, FigureWriter figures, LabelledExplanations data) {
        figures.figure(page, "Expected values", "expected_values", () -> new ExpectedValuesFigure(options).draw(data),
                "The model's mean output over the background: the map every explanation starts from (the same for"
                        + " every image).", "Map of the expected values (base values)");
    }
}
