package io.github.segshap.command;

import java.util.Objects;

/**
 * A failure the user can fix, with a message naming the problem (file, shape, value, id) and what to
 * do, and the {@link ExitCode} the process ends with. The failure handler prints the message alone,
 * without a stack trace.
 */
public class CommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    /**
     * @param exitCode what kind of failure (3 and above, or {@link ExitCode#USAGE})
     * @param message  what went wrong, naming the file, shape or value
     */
    public CommandException(ExitCode exitCode, String message) {
        this(exitCode, message, null);
    }

    /**
     * @param exitCode what kind of failure
     * @param message  what went wrong, naming the file, shape or value
     * @param cause    the underlying exception, or null
     */
    public CommandException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
        if (exitCode == ExitCode.SUCCESS || exitCode == ExitCode.UNEXPECTED) {
            throw new IllegalArgumentException("a named failure cannot end with " + exitCode + " (" + exitCode.code()
                    + ")");
        }
    }

    /** The kind of failure: its exit code. */
    public ExitCode exitCode() {
        return exitCode;
    }
}
