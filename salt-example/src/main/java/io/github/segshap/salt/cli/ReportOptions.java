package io.github.segshap.salt.cli;

import io.github.segshap.salt.workflow.ReportSettings;
import picocli.CommandLine.Option;

/** The report stage's options (a picocli mixin for {@link ReportSettings}). */
final class ReportOptions {

    @Option(names = "--report-panels", paramLabel = "N",
            description = "Most per-sample panels in the report (default: ${DEFAULT-VALUE}); the summary covers "
                    + "every explained sample.")
    int panels = ReportSettings.DEFAULT_PANELS;

    /** The settings these options describe. */
    ReportSettings settings() {
        return new ReportSettings(panels);
    }
}
