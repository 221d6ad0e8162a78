package io.github.segshap.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The failure handler, the picocli set-up and the context factory on a small program: named
 * failures without stack traces, typo suggestions, options of a sibling subcommand, exit codes in help.
 */
@Tag("campaign")
class FailureHandlerTest {

    /** The context the subcommands receive. */
    record Context(List<String> said) {
    }

    @Command(name = "prog", mixinStandardHelpOptions = true, subcommands = {Prepare.class, Train.class, RunAll.class})
    static final class Prog implements Runnable {
        @Override
        public void run() {
        }
    }

    @Command(name = "prepare")
    static final class Prepare implements Callable<Integer> {
        private final Context context;

        @Option(names = "--data")
        String data;

        @Option(names = "--background")
        String background;

        @Mixin
        ProgressOptions progress;

        Prepare(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            context.said().add("prepare " + data + " " + progress.mode());
            if ("locked".equals(data)) {
                throw new IllegalStateException("stage failed", new CommandException(ExitCode.LOCKED,
                        "the run folder is in use by process 42"));
            }
            if ("oom".equals(data)) {
                throw new OutOfMemoryError("Java heap space");
            }
            if ("oom-in-a-thread".equals(data)) {
                throw new IllegalStateException("model call failed", new OutOfMemoryError("Java heap space"));
            }
            if ("bug".equals(data)) {
                throw new ArrayIndexOutOfBoundsException("index 3 out of bounds for length 2");
            }
            return 0;
        }
    }

    @Command(name = "train")
    static final class Train implements Callable<Integer> {
        @Option(names = "--epochs")
        int epochs;

        @Override
        public Integer call() {
            return 0;
        }
    }

    @Command(name = "run-all")
    static final class RunAll implements Callable<Integer> {
        @Option(names = "--epochs")
        int epochs;

        @Option(names = "--data")
        String data;

        @Option(names = "--out", required = true)
        String out;

        @Override
        public Integer call() {
            return 0;
        }
    }

    private final List<String> said = new ArrayList<>();
    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cl = CommandLines.configure(new CommandLine(new Prog(), new ContextFactory<>(Context.class,
                new Context(said))), Faults.STANDARD);
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
        return cl.execute(args);
    }

    @Test
    void theContextReachesTheSubcommandsThroughTheirConstructors() {
        assertEquals(0, run("prepare", "--data", "d", "--no-progress"));
        assertEquals(List.of("prepare d OFF"), said);
    }

    @Test
    void anOptionOfASiblingSubcommandIsSaid() {
        assertEquals(ExitCode.USAGE.code(), run("prepare", "--epochs", "2"));
        String e = err.toString();
        assertTrue(e.contains("--epochs belongs to train and run-all, not to prepare"), e);
        assertTrue(e.contains("see `prog prepare --help`"), e);
        assertFalse(e.contains("Usage:"), "no usage dump: " + e);
        assertTrue(said.isEmpty());
    }

    @Test
    void theSiblingIsNamedAlsoWhenARequiredOptionIsMissing() {
        assertEquals(ExitCode.USAGE.code(), run("run-all", "--background", "3"));
        String e = err.toString();
        assertTrue(e.contains("Missing required option: '--out=<out>'"), e);
        assertTrue(e.contains("--background belongs to prepare, not to run-all"), e);
    }

    @Test
    void aTypoGetsASuggestion() {
        assertEquals(ExitCode.USAGE.code(), run("prepare", "--backgruond", "3"));
        assertTrue(err.toString().contains("did you mean --background?"), err.toString());
    }

    @Test
    void aNamedFailureEndsWithItsCodeAndMessageAndNoStackTrace() {
        assertEquals(ExitCode.LOCKED.code(), run("prepare", "--data", "locked"));
        assertEquals("error: the run folder is in use by process 42", err.toString().strip());
    }

    @Test
    void runningOutOfHeapEndsWithItsCodeAndTheHeapToGiveAndNoStackTrace() {
        for (String where : List.of("oom", "oom-in-a-thread")) {
            err.getBuffer().setLength(0);
            assertEquals(ExitCode.NOT_ENOUGH_MEMORY.code(), run("prepare", "--data", where), where);
            String e = err.toString();
            assertTrue(e.startsWith("error: not enough memory: the Java heap (at most "), e);
            assertTrue(e.contains("Java heap space") && e.contains("-Xmx"), e);
            assertFalse(e.contains("\tat ") || e.contains("unexpected"), "no stack trace: " + e);
        }
    }

    @Test
    void onlyABugIsUnexpectedAndShowsItsStackTrace() {
        assertEquals(ExitCode.UNEXPECTED.code(), run("prepare", "--data", "bug"));
        String e = err.toString();
        assertTrue(e.startsWith("error: unexpected java.lang.ArrayIndexOutOfBoundsException: index 3"), e);
        assertTrue(e.contains("\tat "), "a stack trace: " + e);
    }

    @Test
    void helpListsTheOneRegistryOfExitCodes() {
        assertEquals(0, run("--help"));
        String help = out.toString();
        assertTrue(help.contains("Exit codes:"), help);
        for (ExitCode c : ExitCode.values()) {
            assertTrue(help.contains(c.description()), c + " missing from " + help);
        }
    }
}
