package io.github.segshap.cli.command;

import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.report.ExplanationReport;
import picocli.CommandLine.Option;

/** The report's options of the commands that draw one (a picocli mixin; the salt report stage's flag too). */
final class ReportOptions {
    @Option(names = "--report-panels", paramLabel = "N",
            description = "Most per-image panels in the report, the first N images (default: ${DEFAULT-VALUE}); the "
                    + "expected values, the global figures and the tables cover every image.")
    int panels = ExplanationReport.DEFAULT_PANELS;

    /**
     * The panel count, checked.
     *
     * @throws CommandException ({@link ExitCode#USAGE}) when it is negative
     */
    int panels() {
        if (panels < 0) {
            throw new CommandException(ExitCode.USAGE, "--report-panels must be >= 0, got " + panels);
        }
        return panels;
    }
}
