package io.github.segshap.command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How both programs end on an error, written once: {@code error: <message>} on standard error and
 * the exit code of {@link Faults}; a usage error adds a suggestion for a typo ("did you mean
 * --background?"), says which sibling subcommand takes an option given to the wrong one
 * ("--epochs belongs to run-all and train") and points to {@code --help}. An {@link OutOfMemoryError}
 * is named like any other fault ({@link ExitCode#NOT_ENOUGH_MEMORY}: the heap and {@code -Xmx}), also
 * when picocli would let it escape ({@link #catchingErrors}). Only an error nothing names (a bug) prints
 * "error: unexpected ..." and its stack trace.
 */
public final class FailureHandler implements CommandLine.IExecutionExceptionHandler,
        CommandLine.IParameterExceptionHandler {
    private final Faults faults;

    /** @param faults the exceptions this program names, with their exit codes */
    public FailureHandler(Faults faults) {
        this.faults = Objects.requireNonNull(faults, "faults");
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        return usage(ex, ex.getCommandLine());
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (ex instanceof ParameterException pe) {
            return usage(pe, commandLine);
        }
        Optional<CommandException> named = faults.classify(ex);
        if (named.isPresent()) {
            err.println("error: " + named.get().getMessage());
            if (named.get().exitCode() == ExitCode.USAGE) {
                err.println(seeHelp(commandLine));
            }
            err.flush();
            return named.get().exitCode().code();
        }
        err.println("error: unexpected " + ex.getClass().getName() + ": " + ex.getMessage());
        ex.printStackTrace(err);
        err.flush();
        return ExitCode.UNEXPECTED.code();
    }

    /**
     * {@code strategy}, with an {@link OutOfMemoryError} thrown by a command (which picocli does not
     * catch) handed to the execution-exception handler, so that it is named and not printed as a trace.
     *
     * @param strategy the strategy to run commands with (picocli's default {@code RunLast})
     * @return the strategy that catches it
     */
    public static CommandLine.IExecutionStrategy catchingErrors(CommandLine.IExecutionStrategy strategy) {
        Objects.requireNonNull(strategy, "strategy");
        return parseResult -> {
            try {
                return strategy.execute(parseResult);
            } catch (OutOfMemoryError e) {
                CommandLine where = parseResult.asCommandLineList().get(parseResult.asCommandLineList().size() - 1);
                throw new CommandLine.ExecutionException(where, "out of memory", e);
            }
        };
    }

    private static int usage(ParameterException ex, CommandLine commandLine) {
        PrintWriter err = commandLine.getErr();
        err.println("error: " + ex.getMessage());
        hints(ex, commandLine).forEach(err::println);
        err.println(seeHelp(commandLine));
        err.flush();
        return ExitCode.USAGE.code();
    }

    private static String seeHelp(CommandLine commandLine) {
        return "see `" + commandLine.getCommandSpec().qualifiedName() + " --help`";
    }

    /**
     * What to say about unknown arguments (also when another error, such as a missing required
     * option, was found first): the sibling subcommands that take an unknown option, or else
     * picocli's nearest names.
     */
    static List<String> hints(ParameterException ex, CommandLine commandLine) {
        CommandLine where = ex.getCommandLine() != null ? ex.getCommandLine() : commandLine;
        List<String> unmatched = ex instanceof UnmatchedArgumentException u ? u.getUnmatched()
                : where.getUnmatchedArguments();
        List<String> hints = new ArrayList<>();
        Set<String> options = new LinkedHashSet<>();
        for (String arg : unmatched) {
            if (arg.startsWith("-")) {
                options.add(arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg);
            }
        }
        for (String option : options) {
            List<String> owners = owners(where, option);
            if (!owners.isEmpty()) {
                hints.add(option + " belongs to " + list(owners, "and") + ", not to " + where.getCommandName());
            }
        }
        if (hints.isEmpty() && ex instanceof UnmatchedArgumentException u) {
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                hints.add("did you mean " + list(suggestions.subList(0, Math.min(3, suggestions.size())), "or") + "?");
            }
        }
        return hints;
    }

    /** {@code a}, {@code a and b}, {@code a, b and c}. */
    private static String list(List<String> items, String last) {
        int n = items.size();
        return n == 1 ? items.get(0) : String.join(", ", items.subList(0, n - 1)) + " " + last + " " + items.get(n - 1);
    }

    /** The sibling subcommands (same parent, not this one) that take {@code option}. */
    private static List<String> owners(CommandLine commandLine, String option) {
        List<String> owners = new ArrayList<>();
        CommandLine parent = commandLine.getParent();
        if (parent == null) {
            return owners;
        }
        for (CommandLine sibling : new LinkedHashSet<>(parent.getSubcommands().values())) {
            CommandSpec spec = sibling.getCommandSpec();
            if (sibling != commandLine && spec.findOption(option) != null) {
                owners.add(spec.name());
            }
        }
        return owners;
    }
}
