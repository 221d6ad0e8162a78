package io.github.segshap.cli.command;

import io.github.segshap.cli.run.OutputFolders;
import io.github.segshap.command.folder.OutputFolder;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.core.io.CorruptFolderException;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.report.DrawnReport;
import io.github.segshap.report.ExplanationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code segshap report DIR}: redraws the figures and {@code report.html} of an explanation folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Redraws DIR/figures/ and DIR/report.html from the explanation folder DIR (e.g. after "
                + "copying it, or with a newer segshap).", "", "Example:", "  segshap report results/"})
public final class ReportCommand implements Callable<Integer> {
    private final SegshapContext context;

    /** @param context the program's console and model hook */
    public ReportCommand(SegshapContext context) {
        this.context = context;
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "An explanation folder (written by segshap explain).")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to draw the report (default: DIR itself).")
    Path out;

    @Mixin
    ReportOptions report = new ReportOptions();

    @Override
    public Integer call() {
        int panels = report.panels();
        if (!ExplanationFolder.exists(dir)) {
            throw new CommandException(ExitCode.NO_INPUT, dir + " is not an explanation folder: it has no "
                    + ExplanationFolder.JSON);
        }
        DrawnReport r;
        Path target = out != null ? out : dir;
        try (OutputFolder folder = OutputFolders.claim(spec, target, context.console(), ExplanationFolder::exists)) {
            r = ExplanationReport.builder().title("segshap explanation (" + dir.toAbsolutePath().normalize()
                    .getFileName() + ")").panelCount(panels).build().write(dir, target);
        } catch (CorruptFolderException e) {
            throw new CommandException(ExitCode.CORRUPT_FILE, "cannot read the explanation folder " + dir + ": "
                    + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "cannot write the report: " + e.getMessage(), e);
        }
        context.console().println("report        " + r.html().toAbsolutePath().normalize());
        return 0;
    }
}
