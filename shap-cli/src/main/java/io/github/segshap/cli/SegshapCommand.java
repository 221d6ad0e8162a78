package io.github.segshap.cli;

import io.github.segshap.cli.command.ExplainCommand;
import io.github.segshap.cli.command.ExplainSectionCommand;
import io.github.segshap.cli.command.ExportOnnxCommand;
import io.github.segshap.cli.command.ReportCommand;
import io.github.segshap.core.model.Model;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * {@code segshap}: explains any segmentation model exported as ONNX (or a DL4J model zip) on your
 * own images, without writing Java: {@code java -jar shap-cli/target/segshap.jar explain --model
 * model.onnx --images images.npy --background 32 --out results/}.
 *
 * <p>Exit codes (see {@link Failure}): 0 success, 1 unexpected error, 2 usage (unknown option, bad
 * value, {@code --players} groups that overlap or leave a channel out), 3 an input missing or
 * unreadable, 4 bad input data (rank, shape, NaN pixels, background shape), 5 output not writable,
 * 6 a model problem (neither ONNX nor DL4J, channels differ from the images', unknown input or
 * output name, a size it cannot take), 7 the output folder holds explanations of another recipe.
 */
@Command(name = "segshap", mixinStandardHelpOptions = true, versionProvider = SegshapCommand.Version.class,
        description = {"Shapley-value explanations of image-segmentation models (ONNX or DL4J): one map per player "
                + "(input channel or channel group) for every output pixel, adding up to the model's prediction.",
                "Start with `segshap explain --help`."},
        subcommands = {ExplainCommand.class, ExplainSectionCommand.class, ReportCommand.class, ExportOnnxCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:unexpected error", "2:usage error (unknown option, bad value, bad --players)",
                "3:an input (model, images, background, folder) is missing or unreadable",
                "4:bad input data (rank, shape, NaN pixels, background of another shape)",
                "5:output folder or file not writable",
                "6:model problem (not ONNX nor DL4J, channels differ, unknown input/output name, size)",
                "7:the output folder holds explanations made with another recipe"})
public final class SegshapCommand implements Runnable {
    /** The program name in help and error messages: the command a user types. */
    public static final String NAME = "segshap";

    @Spec
    CommandSpec spec;

    private final PrintStream console;
    private final UnaryOperator<Model> modelHook;

    /** A command printing to standard output. */
    public SegshapCommand() {
        this(System.out, UnaryOperator.identity());
    }

    /**
     * @param console   where progress, messages and the summary go
     * @param modelHook applied to the model before it is explained (tests wrap it here)
     */
    public SegshapCommand(PrintStream console, UnaryOperator<Model> modelHook) {
        this.console = Objects.requireNonNull(console, "console");
        this.modelHook = Objects.requireNonNull(modelHook, "modelHook");
    }

    /** Where progress, messages and the summary go. */
    public PrintStream console() {
        return console;
    }

    /** The hook applied to every loaded model. */
    public UnaryOperator<Model> modelHook() {
        return modelHook;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a subcommand: explain, explain-section, "
                + "report or export-onnx (see --help)");
    }

    /** The configured command line: {@code commandLine().execute(args)} returns the exit code. */
    public static CommandLine commandLine() {
        return commandLine(new SegshapCommand());
    }

    /** The configured command line for this command object. */
    public static CommandLine commandLine(SegshapCommand command) {
        CommandLine cl = new CommandLine(command);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpWidth(110);
        cl.setDefaultValueProvider(arg -> arg.initialValue() instanceof Enum<?> e
                ? e.name().toLowerCase(Locale.ROOT) : null);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ex.getMessage());
            err.println("see `" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help`");
            err.flush();
            return ex.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof CliException ce) {
                err.println("error: " + ce.getMessage());
                if (ce.failure() == Failure.USAGE) {
                    err.println("see `" + commandLine.getCommandSpec().qualifiedName() + " --help`");
                }
                err.flush();
                return ce.failure().exitCode();
            }
            if (ex instanceof CommandLine.ParameterException pe) {
                err.println("error: " + pe.getMessage());
                err.println("see `" + commandLine.getCommandSpec().qualifiedName() + " --help`");
                err.flush();
                return commandLine.getCommandSpec().exitCodeOnInvalidInput();
            }
            err.println("error: unexpected " + ex.getClass().getName() + ": " + ex.getMessage());
            ex.printStackTrace(err);
            err.flush();
            return 1;
        });
        return cl;
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        configureLogging();
        System.exit(commandLine().execute(args));
    }

    /** Quiet third-party logging unless the user set levels. */
    static void configureLogging() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        setIfAbsent("java.awt.headless", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SegshapCommand.class.getPackage().getImplementationVersion();
            return new String[] {NAME + " " + (v == null ? "development" : v)};
        }
    }
}
