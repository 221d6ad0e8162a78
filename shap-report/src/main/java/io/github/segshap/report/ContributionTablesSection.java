package io.github.segshap.report;

import io.github.segshap.core.explanation.CohortStatistics;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.explanation.InputContributions;
import io.github.segshap.report.figures.FigureOptions;
import io.github.segshap.report.figures.LabelledExplanations;
import io.github.segshap.report.html.HtmlReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tables over all images: mean |contribution| per player (inside and outside the true masks,
 * with the correlation of input and contribution when the players are the input channels) and the
 * largest additivity residual; when the players are the input channels and there are bin edges,
 * the mean contribution by input value. Every number from {@link CohortSummary} (the accumulators of
 * {@link Explanations#cohort} and {@link InputContributions}, fed a range of images at a time).
 *
 * @param options   the drawing options (the mask labels)
 * @param binEdges  inner edges of the input-value bins, or null for no such table; not modified
 * @param inputNote what the inputs are, or null
 * @param summary   the numbers over all images
 */
record ContributionTablesSection(FigureOptions options, double[] binEdges, String inputNote, CohortSummary summary)
        implements ReportSection {
    @Override
    public void addTo(HtmlReport.Builder page, FigureWriter figures, LabelledExplanations data) {
        Explanations ex = data.explanations();
        List<String> names = ex.playerNames();
        CohortStatistics all = summary.all();
        CohortStatistics in = summary.inside();
        CohortStatistics outside = summary.outside();
        InputContributions corr = summary.correlation();
        List<String> header = new ArrayList<>(List.of("player", "mean |c|"));
        if (in != null) {
            header.addAll(List.of("mean |c| " + options.insideLabel(), "mean |c| " + options.outsideLabel(),
                    "mean c " + options.insideLabel(), "mean c " + options.outsideLabel()));
        }
        if (corr != null) {
            header.add("corr(input, c)");
        }
        List<List<?>> rows = new ArrayList<>();
        for (int p = 0; p < names.size(); p++) {
            List<Object> row = new ArrayList<>(List.of(names.get(p), all.meanAbs()[p]));
            if (in != null) {
                row.addAll(List.of(in.meanAbs()[p], outside.meanAbs()[p], in.mean()[p], outside.mean()[p]));
            }
            if (corr != null) {
                row.add(corr.correlation(p));
            }
            rows.add(row);
        }
        page.table("Contributions over all " + summary.images() + " explained images", header, rows);
        page.paragraph(String.format(Locale.ROOT, "Largest additivity residual %.2g over %,d outputs%s.",
                summary.maxResidual(), all.outputs(), in == null ? ""
                        : String.format(Locale.ROOT, " (%,d %s, %,d %s)", in.outputs(), options.insideLabel(),
                        outside.outputs(), options.outsideLabel())));
        if (corr != null && binEdges != null) {
            binTable(page, data);
        }
    }

    /** The mean contribution by input value: a row per player and group of outputs, a column per bin. */
    private void binTable(HtmlReport.Builder page, LabelledExplanations data) {
        Explanations ex = data.explanations();
        List<String> names = ex.playerNames();
        List<InputContributions> groups = summary.binGroups();
        List<String> groupNames = data.hasTruth() ? List.of(options.insideLabel(), options.outsideLabel())
                : List.of("all outputs");
        List<String> binHeader = new ArrayList<>();
        binHeader.add("player / outputs");
        for (InputContributions.Bin b : groups.get(0).bins(0)) {
            binHeader.add(binLabel(b));
        }
        List<List<?>> binRows = new ArrayList<>();
        for (int p = 0; p < names.size(); p++) {
            for (int g = 0; g < groups.size(); g++) {
                List<Object> row = new ArrayList<>();
                row.add(names.get(p) + ", " + groupNames.get(g));
                for (InputContributions.Bin b : groups.get(g).bins(p)) {
                    row.add(b.count() == 0 ? "-" : (Object) b.meanContribution());
                }
                binRows.add(row);
            }
        }
        page.table("Mean contribution by input value" + (inputNote == null ? "" : " (" + inputNote + ")"),
                binHeader, binRows);
    }

    private static String binLabel(InputContributions.Bin b) {
        if (Double.isInfinite(b.lower())) {
            return "< " + fmt(b.upper());
        }
        if (Double.isInfinite(b.upper())) {
            return ">= " + fmt(b.lower());
        }
        return fmt(b.lower()) + ".." + fmt(b.upper());
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
