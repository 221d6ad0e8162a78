package io.github.segshap.cli.run;

import io.github.segshap.command.folder.OutputFolder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Predicate;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How a {@code segshap} command claims its output folder ({@link OutputFolder}): the program is the
 * root command's name, the command its own, and the lock records the command line as typed.
 */
public final class OutputFolders {
    private OutputFolders() {
    }

    /**
     * Claims {@code out} for the command {@code spec}: refused when it holds files segshap did not write
     * or another run holds it; close the claim when the command ends.
     *
     * @param spec    the running command
     * @param out     its output folder
     * @param console where taking over a dead run's lock is said
     * @return the claim
     */
    public static OutputFolder claim(CommandSpec spec, Path out, PrintStream console) {
        return claim(spec, out, console, p -> false);
    }

    /** Like {@link #claim(CommandSpec, Path, PrintStream)}, also taking a folder {@code alsoOurs} recognises. */
    public static OutputFolder claim(CommandSpec spec, Path out, PrintStream console, Predicate<Path> alsoOurs) {
        String program = spec.root().name();
        String line = program + " " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        return OutputFolder.claim(out, program, spec.name(), line.strip(), console, alsoOurs);
    }
}
