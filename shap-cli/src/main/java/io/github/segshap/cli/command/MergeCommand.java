package io.github.segshap.cli.command;

import io.github.segshap.cli.run.OutputFolders;
import io.github.segshap.cli.run.PerImageRun;
import io.github.segshap.cli.run.RecipeFlags;
import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.command.folder.OutputFolder;
import io.github.segshap.core.io.CorruptFolderException;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.store.Merger;
import io.github.segshap.core.store.MissingUnitException;
import io.github.segshap.core.store.OtherRecipeException;
import io.github.segshap.report.DrawnReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code segshap merge --out DIR}: merges the per-image folders of a Spark run ({@link PerImageRun},
 * {@code explain --engine spark --no-merge}) into the explanation folder and {@code report.html} the
 * local engine writes, without Spark. The same work ends every Spark run unless {@code --no-merge}
 * ({@link #merge}). Rerunnable: it writes the same files again; a merge cut short leaves the folder
 * as it was.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merges the per-image folders DIR/images/<id>/ of a Spark run (explain --engine spark "
                + "--no-merge) into DIR: base_values.npy, contributions.npy, prediction.npy, inputs.npy, "
                + "explanation.json (ids in input order, checksums, provenance) and report.html, as explain --engine "
                + "local writes them; streamed, every checksum verified. Needs no Spark; rerunnable.",
                "", "Example:", "  segshap merge --out results/"})
public final class MergeCommand implements Callable<Integer> {
    private final SegshapContext context;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The output folder of the Spark run, merged into itself.")
    Path out;

    @Mixin
    ReportOptions report = new ReportOptions();

    @Spec
    CommandSpec spec;

    /** @param context the program's console and model hook */
    public MergeCommand(SegshapContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (!Files.isDirectory(out)) {
            throw new CommandException(ExitCode.NO_INPUT, "--out " + out + ": no such folder");
        }
        try (OutputFolder folder = OutputFolders.claim(spec, out, context.console())) {
            return merge(new PerImageRun(out), context.console(), report.panels());
        }
    }

    /**
     * Merges the run's per-image folders into its root and draws the report there; the end of a
     * Spark run and all of {@code segshap merge}. The caller holds the folder's claim.
     *
     * @param panels most per-image panels in the report ({@code --report-panels})
     * @return 0
     * @throws CommandException {@link ExitCode#NO_INPUT} when the folder holds no run's order or an
     *                          image has no folder (named, with its error file when it failed),
     *                          {@link ExitCode#CORRUPT_FILE} naming a damaged file,
     *                          {@link ExitCode#OTHER_RECIPE} naming a folder of another recipe,
     *                          {@link ExitCode#OUTPUT_NOT_WRITABLE} when a file cannot be written
     */
    public static int merge(PerImageRun run, PrintStream console, int panels) {
        if (!run.hasOrder()) {
            throw new CommandException(ExitCode.NO_INPUT, run.root() + " is not the folder of a Spark run: it has no "
                    + PerImageRun.ORDER + " (explain --engine spark writes it before its job)");
        }
        long t0 = System.nanoTime();
        PerImageRun.Order order;
        Merger.Merged merged;
        try {
            order = run.readOrder();
            merged = run.merge(order);
        } catch (MissingUnitException e) {
            Path failed = run.root().resolve(PerImageRun.FAILED).resolve(e.id() + ".txt");
            throw new CommandException(ExitCode.NO_INPUT, "cannot merge " + run.root() + ": " + e.getMessage()
                    + (Files.isRegularFile(failed) ? " (it failed: see " + failed + ")" : "")
                    + "; rerun explain --engine spark with the same options to explain it; nothing was merged", e);
        } catch (CorruptFolderException e) {
            throw new CommandException(ExitCode.CORRUPT_FILE, "cannot merge " + run.root() + ": " + e.getMessage()
                    + "; rerun explain --engine spark with the same options to make it again; nothing was merged", e);
        } catch (OtherRecipeException e) {
            throw RecipeFlags.refusal(e);
        } catch (UncheckedIOException e) {
            throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "cannot write to " + run.root() + ": "
                    + e.getMessage(), e);
        }
        DrawnReport report = ExplainCommand.report(run.root(), order.modelFile(), order.recipe().model(),
                order.images(), panels);
        console.printf(Locale.ROOT, "merged %d images in %.1f s: %s, %d players %s%n", merged.ids().size(),
                (System.nanoTime() - t0) / 1e9, merged.explainer(), merged.players().size(), merged.players());
        console.printf(Locale.ROOT, "largest additivity residual %.3g%n", merged.maxAbsResidual());
        console.println("explanations  " + run.root().resolve(ExplanationFolder.JSON).getParent());
        console.println("report        " + report.html().toAbsolutePath().normalize());
        return 0;
    }
}
