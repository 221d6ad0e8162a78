package io.github.segshap.cli;

/**
 * The kinds of failure a user can do something about, each with its own process exit code, as the
 * salt command's (0 is success, 1 an unexpected error, 2 a command-line usage error).
 */
public enum Failure {
    /** A command-line usage error: an unknown option or a bad value (e.g. overlapping {@code --players} groups). */
    USAGE(2),
    /** An input file or folder (model, images, background) is missing or unreadable. */
    NO_INPUT(3),
    /** The input data is unusable: wrong rank or shape, NaN pixels, a background of another shape. */
    BAD_INPUT(4),
    /** The output folder or file cannot be created or written. */
    OUTPUT_NOT_WRITABLE(5),
    /** A model problem: not ONNX nor DL4J, channels differ from the images', an unknown input/output name. */
    MODEL(6),
    /** The output folder holds explanations made with another recipe (options, model or images). */
    OTHER_RECIPE(7);

    private final int exitCode;

    Failure(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The process exit code for this failure. */
    public int exitCode() {
        return exitCode;
    }
}
