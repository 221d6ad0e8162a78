package io.github.segshap.salt.cli;

import io.github.segshap.command.folder.ForceOption;
import io.github.segshap.command.folder.OutputFolder;
import io.github.segshap.command.CommandLines;
import io.github.segshap.command.ContextFactory;
import io.github.segshap.command.ExitCode;
import io.github.segshap.command.Faults;
import io.github.segshap.salt.SaltDefaults;
import io.github.segshap.salt.io.CorruptFileException;
import io.github.segshap.salt.prepare.PreparedData;
import io.github.segshap.salt.train.SegmentationLoss;
import io.github.segshap.salt.workflow.SaltWorkflow;
import io.github.segshap.salt.train.TrainSettings;
import io.github.segshap.salt.workflow.RecordedData;
import io.github.segshap.salt.workflow.WorkflowSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code java -jar salt-example.jar} ({@link SaltDefaults#PROGRAM}, the name help and error messages
 * show): the TGS salt study end to end - data, attributes, U-Net training, channel
 * contributions, figures and an HTML report. {@code java -jar salt-example.jar run-all} runs
 * everything on the embedded synthetic data set; {@code run-all --data DIR} on the real TGS data.
 *
 * <p>Exit codes: those of {@link ExitCode}, shared with the {@code segshap} command (listed in
 * {@code --help} and docs/command-line.md). The subcommands get the console and the workflow hook
 * from a {@link SaltContext} the command line's factory passes to their constructors.
 */
@Command(name = SaltDefaults.PROGRAM, mixinStandardHelpOptions = true, versionProvider = SaltCommand.Version.class,
        description = {"The TGS salt study end to end: read + split + attributes (prepare), U-Net training (train), "
                + "channel contributions by Shapley values (explain), figures and report.html (report).",
                "Start with `run-all` (it takes every option); each other subcommand takes the options of what it runs."},
        subcommands = {SaltCommand.RunAll.class, SaltCommand.Prepare.class, SaltCommand.Train.class,
                SaltCommand.Explain.class, SaltCommand.ExplainSection.class, SaltCommand.Report.class, CommandLine.HelpCommand.class})
public final class SaltCommand implements Runnable {

    @Spec
    CommandSpec spec;

    private final SaltContext context;

    /** A command printing to standard output. */
    public SaltCommand() {
        this(System.out, w -> { });
    }

    /**
     * @param console    where progress lines and the summary go
     * @param customizer called with each workflow before it runs (tests hook in here)
     */
    public SaltCommand(PrintStream console, Consumer<SaltWorkflow> customizer) {
        this.context = new SaltContext(console, customizer);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a subcommand: run-all, prepare, train, "
                + "explain, explain-section or report (see --help)");
    }

    /**
     * The configured command line: {@code commandLine().execute(args)} returns the exit code.
     */
    public static CommandLine commandLine() {
        return commandLine(new SaltCommand());
    }

    /** The configured command line for this command object. */
    public static CommandLine commandLine(SaltCommand command) {
        CommandLine cl = new CommandLine(command, new ContextFactory<>(SaltContext.class, command.context));
        return CommandLines.configure(cl, Faults.STANDARD.with(CorruptFileException.class, ExitCode.CORRUPT_FILE),
                arg -> arg.initialValue() instanceof SegmentationLoss loss ? loss.label() : null);
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        CommandLines.configureLogging("io.github.segshap");
        System.exit(commandLine().execute(args));
    }

    /**
     * Shared body of the subcommands: each takes the {@link CommonOptions} and the option mixins of
     * the stages it runs, and no others.
     */
    abstract static class Stage implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        final SaltContext context;

        Stage(SaltContext context) {
            this.context = context;
        }

        /**
         * The settings of this subcommand's options; the stages it does not run keep their defaults.
         * Without {@code --data}, the run folder's recorded data folder ({@link RecordedData}).
         */
        WorkflowSettings settings() {
            return WorkflowSettings.of(RecordedData.inherit(common.settings()));
        }

        SaltWorkflow workflow() {
            WorkflowSettings s;
            try {
                s = settings();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            if (common.settings().data() == null && s.common().data() != null) {
                context.console().println("  data: " + s.common().data() + " (recorded in this run folder's"
                        + " parameters.json; --data to use other data, a new --out for the synthetic data set)");
            }
            SaltWorkflow w = new SaltWorkflow(s, context.console());
            context.customizer().accept(w);
            return w;
        }

        @Override
        public Integer call() {
            SaltWorkflow w = workflow();
            long t0 = System.nanoTime();
            String command = SaltDefaults.PROGRAM + " "
                    + String.join(" ", spec.commandLine().getParseResult().originalArgs());
            String last;
            try (OutputFolder folder = OutputFolder.claim(w.settings().layout().root(), SaltDefaults.OWNER,
                    spec.name(), command, context.console())) {
                replaceOwn(folder);
                last = body(w);
            }
            context.console().printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            if (last != null) {
                context.console().println(last);
            }
            return 0;
        }

        /** With {@code --force} (run-all only), removes what the folder's marker records as this program's. */
        void replaceOwn(OutputFolder folder) {
        }

        /** Runs the stage; returns the last line to print, or null. */
        abstract String body(SaltWorkflow w);
    }

    /** {@code run-all}: every stage's options. */
    @Command(name = "run-all", mixinStandardHelpOptions = true,
            description = {"Runs prepare, train, explain and report, and ends with the path of report.html.",
                    "Without --data: the synthetic data set, " + TrainSettings.DEFAULT_SYNTHETIC_EPOCHS
                            + " epochs, 9 explained samples - a few minutes on 2 cores."})
    static final class RunAll extends Stage {
        RunAll(SaltContext context) {
            super(context);
        }

        @Mixin
        PrepareOptions prepare;
        @Mixin
        TrainOptions train;
        @Mixin
        ExplainOptions explain;
        @Mixin
        ReportOptions report;
        @Mixin
        ForceOption force;

        @Override
        void replaceOwn(OutputFolder folder) {
            force.apply(folder, context.console());
        }

        /** With {@code --force} the run starts as in a new folder: it keeps no recorded data. */
        @Override
        WorkflowSettings settings() {
            WorkflowSettings base = force.given() ? WorkflowSettings.of(common.settings()) : super.settings();
            return base.withPrepare(prepare.settings()).withTrain(train.settings())
                    .withExplain(explain.settings(common.threads)).withReport(report.settings());
        }

        @Override
        String body(SaltWorkflow w) {
            return "report      " + w.runAll().report();
        }
    }

    /** {@code prepare}: the common and data options. */
    @Command(name = "prepare", mixinStandardHelpOptions = true,
            description = "Reads the PNG pairs, splits 64/16/20 (seed), computes the four attributes (seismic, energy, "
                    + "semblance, Sobel), drops NaN samples and fits the Yeo-Johnson transform on the training pixels;"
                    + " the result is cached in OUT/data-cache (later stages reuse it).")
    static final class Prepare extends Stage {
        Prepare(SaltContext context) {
            super(context);
        }

        @Mixin
        PrepareOptions prepare;

        @Override
        WorkflowSettings settings() {
            return super.settings().withPrepare(prepare.settings());
        }

        @Override
        String body(SaltWorkflow w) {
            PreparedData d = w.prepare();
            return d.cacheEntry().map(p -> "data cache: " + p.toAbsolutePath()).orElse(null);
        }
    }

    /** {@code train}: the common, data and training options. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Trains the U-Net (by default the original's: F = " + TrainSettings.DEFAULT_FILTERS + ", "
                    + TrainSettings.DEFAULT_KERNEL + "x" + TrainSettings.DEFAULT_KERNEL + " kernels, dropout "
                    + TrainSettings.DEFAULT_DROPOUT + ", focal loss, Adam 1e-3, batch " + TrainSettings.DEFAULT_REAL_BATCH
                    + ", early stopping on validation AUC) on the prepared data, records the run in OUT/mlruns, computes the "
                    + "test metrics (IoU, Kaggle TGS metric) and saves the model to OUT/model.zip.")
    static final class Train extends Stage {
        Train(SaltContext context) {
            super(context);
        }

        @Mixin
        PrepareOptions prepare;
        @Mixin
        TrainOptions train;

        @Override
        WorkflowSettings settings() {
            return super.settings().withPrepare(prepare.settings()).withTrain(train.settings());
        }

        @Override
        String body(SaltWorkflow w) {
            w.train(w.prepare());
            return "model: " + w.settings().layout().model();
        }
    }

    /** {@code explain}: the common, data and explanation options. */
    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = "Explains the --samples test samples with the model in OUT/model.zip: one Shapley player per "
                    + "input channel, background of --background training images; writes OUT/explanations/samples/<id>/ "
                    + "(.npy + JSON) and summary.json. An interrupted run resumes: finished samples are skipped.")
    static final class Explain extends Stage {
        Explain(SaltContext context) {
            super(context);
        }

        @Mixin
        PrepareOptions prepare;
        @Mixin
        ExplainOptions explain;

        @Override
        WorkflowSettings settings() {
            return super.settings().withPrepare(prepare.settings()).withExplain(explain.settings(common.threads));
        }

        @Override
        String body(SaltWorkflow w) {
            w.explain(w.prepare());
            return "explanations: " + w.settings().layout().explanations();
        }
    }

    /** {@code explain-section}: the common, data, explanation and section options. */
    @Command(name = "explain-section", mixinStandardHelpOptions = true,
            description = "Explains a whole synthetic section (--section-tiles TGS tiles' worth, prepared as the "
                    + "training images) with the model in OUT/model.zip by overlapping tiles blended into one map per "
                    + "channel; writes OUT/section/ (.npy + JSON, figures, report.html). Resumable tile batch by tile "
                    + "batch. --samples does not apply.")
    static final class ExplainSection extends Stage {
        ExplainSection(SaltContext context) {
            super(context);
        }

        @Mixin
        PrepareOptions prepare;
        @Mixin
        ExplainOptions explain;
        @Mixin
        SectionOptions section;

        @Override
        WorkflowSettings settings() {
            section.tiles();
            section.stride();
            return super.settings().withPrepare(prepare.settings()).withExplain(explain.settings(common.threads));
        }

        @Override
        String body(SaltWorkflow w) {
            int[] t = section.tiles();
            w.explainSection(w.prepare(), t[0], t[1], section.stride());
            return "section: " + w.settings().layout().root().resolve("section");
        }
    }

    /** {@code report}: the common and report options. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Draws the figures (OUT/figures/*.png) and writes OUT/report.html from the results of train "
                    + "and explain in OUT.")
    static final class Report extends Stage {
        Report(SaltContext context) {
            super(context);
        }

        @Mixin
        ReportOptions report;

        @Override
        WorkflowSettings settings() {
            return super.settings().withReport(report.settings());
        }

        @Override
        String body(SaltWorkflow w) {
            Path p = w.report();
            return "report      " + p;
        }
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {CommandLines.version(SaltCommand.class, "salt-example.jar (segshap TGS salt example)")};
        }
    }
}
