package io.github.segshap.cli;

import java.util.Objects;

/**
 * A failure the user can fix, with a message naming the problem (file, shape, value) and the
 * {@link Failure} that gives the exit code.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Failure failure;

    /**
     * @param failure what kind of failure (its exit code)
     * @param message what went wrong, naming the file, shape or value
     */
    public CliException(Failure failure, String message) {
        super(message);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    /**
     * @param failure what kind of failure (its exit code)
     * @param message what went wrong, naming the file, shape or value
     * @param cause   the underlying exception
     */
    public CliException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    /** The kind of failure. */
    public Failure failure() {
        return failure;
    }
}
