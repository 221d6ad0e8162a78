package io.github.segshap.salt.workflow;

import io.github.segshap.report.ExplanationReport;

/**
 * The options of the report stage ({@code report}).
 *
 * @param panels most per-sample panels in the report, at least 0 (the summary covers every explained
 *               sample)
 */
public record ReportSettings(int panels) {
    /** Per-sample panels when none are given: the original's nine, the report's default. */
    public static final int DEFAULT_PANELS = ExplanationReport.DEFAULT_PANELS;

    /** Checks the value. */
    public ReportSettings {
        if (panels < 0) {
            throw new IllegalArgumentException("report panels must be >= 0, got " + panels);
        }
    }

    /** The defaults. */
    public static ReportSettings defaults() {
        return new ReportSettings(DEFAULT_PANELS);
    }
}
