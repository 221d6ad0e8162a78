package io.github.segshap.salt.workflow;

import java.util.Objects;

/**
 * A failure of a stage that the user can fix, with a message that says what is wrong and what to do;
 * its {@link #failure()} decides the exit code.
 */
public class WorkflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Failure failure;

    /**
     * @param failure the kind of failure
     * @param message what is wrong, naming the file or value, and what to do
     */
    public WorkflowException(Failure failure, String message) {
        this(failure, message, null);
    }

    /**
     * @param failure the kind of failure
     * @param message what is wrong and what to do
     * @param cause   the underlying error, or null
     */
    public WorkflowException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    /** The kind of failure. */
    public Failure failure() {
        return failure;
    }
}
