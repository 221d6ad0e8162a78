package io.github.segshap.report;

import io.github.segshap.report.figures.LabelledExplanations;
import io.github.segshap.report.html.HtmlReport;

/**
 * One part of the report page drawn from the explanations: its headings, paragraphs, figures and
 * tables, added to the page in order. The sections, in page order: {@link ExpectedValuesSection},
 * {@link SamplePanelsSection}, {@link AdditiveStripsSection}, {@link InteractionsSection},
 * {@link GlobalSection}, {@link ContributionTablesSection}.
 */
interface ReportSection {
    /** Adds this section to {@code page}, drawing its figures through {@code figures}. */
    void addTo(HtmlReport.Builder page, FigureWriter figures, LabelledExplanations data);
}
