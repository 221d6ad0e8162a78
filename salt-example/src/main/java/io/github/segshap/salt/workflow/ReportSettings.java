package io.github.segshap.salt.workflow;

/**
 * The options of the report stage ({@code report}).
 *
 * @param panels most per-sample panels in the report, at least 0 (the summary covers every explained
 *               sample)
 */
public record ReportSettings(int panels) {
    /** Per-sample panels when none are given: the original's nine. */
    public static final int DEFAULT_PANELS = 9;

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
