package io.github.segshap.cli.command;

import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a {@code --background FILE|N} value means, for the commands that take one: an existing file,
 * or (when no such file exists) a positive number of rows to draw; anything else is named.
 */
final class BackgroundArgument {
    private BackgroundArgument() {
    }

    /**
     * The background file, or null when {@code value} is a number of rows to draw.
     *
     * @param value the option's value
     * @param unit  what one drawn row is, for messages ("row", "tile")
     * @throws CommandException {@link ExitCode#USAGE} for a number below 1, {@link ExitCode#NO_INPUT} for a
     *                      missing file
     */
    static Path file(String value, String unit) {
        Path p = Path.of(value);
        if (!Files.exists(p) && value.matches("\\d+")) {
            if (Integer.parseInt(value) < 1) {
                throw new CommandException(ExitCode.USAGE, "--background " + value + ": draw at least 1 " + unit);
            }
            return null;
        }
        requireExists(p, "--background");
        return p;
    }

    /** Checks that the file or folder an option names exists ({@link ExitCode#NO_INPUT} otherwise). */
    static void requireExists(Path p, String option) {
        if (!Files.exists(p)) {
            throw new CommandException(ExitCode.NO_INPUT, option + " " + p + ": no such file or folder");
        }
    }
}
