package io.github.segshap.salt.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file of a run folder exists but cannot be read as what it should hold (damaged or foreign JSON):
 * names the file and the parser's complaint.
 */
public final class CorruptFileException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    /**
     * @param file  the damaged file
     * @param what  what it should hold (for example {@code ModelInfo})
     * @param cause the parser's error
     */
    public CorruptFileException(Path file, String what, IOException cause) {
        super(file + " is damaged: it cannot be read as " + what + " (" + firstLine(cause.getMessage())
                + "); delete it or run the stage that writes it again", cause);
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The damaged file. */
    public Path file() {
        return file;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
