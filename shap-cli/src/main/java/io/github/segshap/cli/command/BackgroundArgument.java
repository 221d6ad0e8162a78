package io.github.segshap.cli.command;

import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.segmentation.BackgroundDraw;
import io.github.segshap.core.segmentation.BackgroundSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The command line's side of {@code --background FILE|N}: shap-core's {@link BackgroundSource}
 * parses the value and {@link BackgroundDraw} checks the rows (the salt example uses the same two);
 * here their errors become exit codes.
 */
public final class BackgroundArgument {
    private BackgroundArgument() {
    }

    /**
     * The meaning of a {@code --background} value.
     *
     * @param value the option's value
     * @param unit  what one drawn row is, for messages ("row", "tile")
     * @throws CommandException {@link ExitCode#USAGE} for a number below 1, {@link ExitCode#NO_INPUT}
     *                          for a missing file
     */
    public static BackgroundSource source(String value, String unit) {
        BackgroundSource s;
        try {
            s = BackgroundSource.parse(value, unit);
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCode.USAGE, e.getMessage(), e);
        }
        s.file().ifPresent(p -> requireExists(p, "--background"));
        return s;
    }

    /** The background file of {@link #source}, or null when the value is a number of rows to draw. */
    public static Path file(String value, String unit) {
        return source(value, unit).file().orElse(null);
    }

    /**
     * Checks that background rows read from {@code file} have the shape of the explained images or tiles.
     *
     * @param context how the rows were read, for the message (e.g. "read as NCHW")
     * @throws CommandException {@link ExitCode#BAD_INPUT} naming the file and both shapes
     */
    public static void requireShape(Path file, List<Image> rows, ImageShape shape, String context) {
        try {
            BackgroundDraw.requireShape(rows, shape);
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCode.BAD_INPUT, "--background " + file + ": " + e.getMessage() + " ("
                    + context + ")", e);
        }
    }

    /** Checks that the file or folder an option names exists ({@link ExitCode#NO_INPUT} otherwise). */
    public static void requireExists(Path p, String option) {
        if (!Files.exists(p)) {
            throw new CommandException(ExitCode.NO_INPUT, option + " " + p + ": no such file or folder");
        }
    }
}
