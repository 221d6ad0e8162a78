package io.github.segshap.core.io;

import java.nio.file.Path;

/** A file that is not a {@code .npy} array this package can read; the message names the file. */
public final class NpyFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    /**
     * @param file    the offending file
     * @param problem what is wrong with it
     */
    public NpyFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** The offending file. */
    public Path file() {
        return file;
    }
}
