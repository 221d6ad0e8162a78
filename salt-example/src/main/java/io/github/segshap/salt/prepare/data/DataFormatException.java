package io.github.segshap.salt.prepare.data;

import java.nio.file.Path;

/**
 * Input data that cannot be used: a missing folder, an unpaired or unreadable PNG, a wrong size, a
 * non-binary mask, an empty data set. The message names the file (or folder) and the problem.
 */
public final class DataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final String problem;

    /**
     * @param file    the offending file or folder
     * @param problem what is wrong with it
     */
    public DataFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    /**
     * @param file    the offending file or folder
     * @param problem what is wrong with it
     * @param cause   the underlying error
     */
    public DataFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The offending file or folder. */
    public Path file() {
        return file;
    }

    /** The problem, without the file name. */
    public String problem() {
        return problem;
    }
}
