package io.github.segshap.salt.workflow;

/**
 * The kinds of failure a user can do something about, each with its own process exit code
 * (0 is success, 1 an unexpected error, 2 a command-line usage error).
 */
public enum Failure {
    /** The data folder does not exist or holds no images. */
    NO_DATA(3),
    /** The data folder is not in the Kaggle layout ({@code train/images}, {@code train/masks}) or a file is unusable. */
    BAD_DATA(4),
    /** The output folder cannot be created or written. */
    OUTPUT_NOT_WRITABLE(5),
    /** No trained model, or a model trained on other input shapes than the data. */
    MODEL(6),
    /** {@code --samples} names ids that are not in the test set. */
    UNKNOWN_SAMPLES(7),
    /** A stage needs the results of an earlier stage that has not run in this output folder. */
    MISSING_STAGE(8),
    /** Another run is using the output folder (its lock names the process, command and start time). */
    LOCKED(9),
    /** A file of the run folder (JSON) is damaged: it is named; delete it or run the stage that writes it. */
    CORRUPT_FILE(10);

    private final int exitCode;

    Failure(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The process exit code for this failure. */
    public int exitCode() {
        return exitCode;
    }
}
