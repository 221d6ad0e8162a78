package io.github.segshap.cli;

import io.github.segshap.cli.command.ExplainCommand;
import io.github.segshap.cli.command.ExplainSectionCommand;
import io.github.segshap.cli.command.MergeCommand;
import io.github.segshap.cli.command.ReportCommand;
import io.github.segshap.cli.command.SegshapContext;
import io.github.segshap.cli.extension.ExportOnnxPlaceholder;
import io.github.segshap.cli.extension.Extensions;
import io.github.segshap.command.CommandLines;
import io.github.segshap.command.ContextFactory;
import io.github.segshap.command.ExitCode;
import io.github.segshap.command.Faults;
import io.github.segshap.core.model.Model;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.function.UnaryOperator;

/**
 * {@code segshap}: explains any segmentation model exported as ONNX (or a DL4J model zip) on your
 * own images, without writing Java: {@code java -jar shap-cli/target/segshap.jar explain --model
 * model.onnx --images images.npy --background 32 --out results/}.
 *
 * <p>Exit codes: those of {@link ExitCode}, shared with the salt example's command (listed in
 * {@code --help} and docs/command-line.md). The subcommands get the console and the model hook from
 * a {@link SegshapContext} the command line's factory passes to their constructors. Other jars add
 * subcommands and explain engines through {@link Extensions} (segshap-dl4j.jar: DL4J models and
 * {@code export-onnx}; segshap-spark.jar: {@code --engine spark}); without them, {@code export-onnx}
 * and {@code --engine spark} say which jar to use.
 */
@Command(name = SegshapCommand.NAME, mixinStandardHelpOptions = true, versionProvider = SegshapCommand.Version.class,
        description = {"Shapley-value explanations of image-segmentation models (ONNX or DL4J): one map per player "
                + "(input channel or channel group) for every output pixel, adding up to the model's prediction.",
                "Start with `segshap explain --help`."},
        subcommands = {ExplainCommand.class, ExplainSectionCommand.class, ReportCommand.class, MergeCommand.class})
public final class SegshapCommand implements Runnable {
    /** The program name in help and error messages: the command a user types. */
    public static final String NAME = "segshap";

    @Spec
    CommandSpec spec;

    private final SegshapContext context;

    /** A command printing to standard output. */
    public SegshapCommand() {
        this(System.out, UnaryOperator.identity());
    }

    /**
     * @param console   where progress, messages and the summary go
     * @param modelHook applied to the model before it is explained (tests wrap it here)
     */
    public SegshapCommand(PrintStream console, UnaryOperator<Model> modelHook) {
        this.context = new SegshapContext(console, modelHook);
    }

    /** What the subcommands are given. */
    public SegshapContext context() {
        return context;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a subcommand: explain, explain-section, "
                + "report, merge or export-onnx (see --help)");
    }

    /** The configured command line: {@code commandLine().execute(args)} returns the exit code. */
    public static CommandLine commandLine() {
        return commandLine(new SegshapCommand());
    }

    /** The configured command line for this command object. */
    public static CommandLine commandLine(SegshapCommand command) {
        CommandLine cl = new CommandLine(command, new ContextFactory<>(SegshapContext.class, command.context));
        Extensions extensions = Extensions.load();
        extensions.subcommands().values().forEach(cl::addSubcommand);
        if (!extensions.hasSubcommand(ExportOnnxPlaceholder.NAME)) {
            cl.addSubcommand(ExportOnnxPlaceholder.class);
        }
        cl.addSubcommand(CommandLine.HelpCommand.class);
        return CommandLines.configure(cl, Faults.STANDARD);
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        CommandLines.configureLogging();
        System.exit(commandLine().execute(args));
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {CommandLines.version(SegshapCommand.class, NAME)};
        }
    }
}
