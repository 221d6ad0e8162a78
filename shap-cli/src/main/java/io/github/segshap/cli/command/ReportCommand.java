package io.github.segshap.cli.command;

import io.github.segshap.cli.CliException;
import io.github.segshap.cli.Failure;
import io.github.segshap.cli.SegshapCommand;
import io.github.segshap.core.io.CorruptFolderException;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.report.DrawnReport;
import io.github.segshap.report.ExplanationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code segshap report DIR}: redraws the figures and {@code report.html} of an explanation folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Redraws DIR/figures/ and DIR/report.html from the explanation folder DIR (e.g. after "
                + "copying it, or with a newer segshap).", "", "Example:", "  segshap report results/"})
public final class ReportCommand implements Callable<Integer> {
    @ParentCommand
    SegshapCommand parent;

    @Parameters(index = "0", paramLabel = "DIR", description = "An explanation folder (written by segshap explain).")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to draw the report (default: DIR itself).")
    Path out;

    @Override
    public Integer call() {
        if (!ExplanationFolder.exists(dir)) {
            throw new CliException(Failure.NO_INPUT, dir + " is not an explanation folder: it has no "
                    + ExplanationFolder.JSON);
        }
        DrawnReport r;
        try {
            r = ExplanationReport.builder().title("segshap explanation (" + dir.toAbsolutePath().normalize()
                    .getFileName() + ")").build().write(dir, out != null ? out : dir);
        } catch (CorruptFolderException e) {
            throw new CliException(Failure.BAD_INPUT, "cannot read the explanation folder " + dir + ": "
                    + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new CliException(Failure.OUTPUT_NOT_WRITABLE, "cannot write the report: " + e.getMessage(), e);
        }
        parent.console().println("report        " + r.html().toAbsolutePath().normalize());
        return 0;
    }
}
