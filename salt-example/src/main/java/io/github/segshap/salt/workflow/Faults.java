package io.github.segshap.salt.workflow;

import io.github.segshap.salt.io.CorruptFileException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Names the file-system faults any stage can meet - a full device, a read-only or forbidden folder, a
 * path too long, a damaged run-folder file - as {@link WorkflowException}s with their {@link Failure}
 * kind, so that none ends as an unexpected error with a stack trace.
 */
public final class Faults {
    /** Operating-system reasons that mean "this location cannot be written". */
    private static final List<String> UNWRITABLE = List.of("no space left on device", "disk quota exceeded",
            "read-only file system", "permission denied", "file name too long", "operation not permitted");

    private Faults() {
    }

    /**
     * The named failure behind {@code error}, if it (or one of its causes) is a file-system fault the
     * user can fix.
     *
     * @param error what a stage threw
     * @return the failure, naming the file and the operating system's reason; empty for other errors
     */
    public static Optional<WorkflowException> classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof WorkflowException w) {
                return Optional.of(w);
            }
            if (t instanceof CorruptFileException c) {
                return Optional.of(new WorkflowException(Failure.CORRUPT_FILE, c.getMessage(), error));
            }
            if (t instanceof FileSystemLoopException loop) {
                return Optional.of(new WorkflowException(Failure.BAD_DATA, "a symbolic link loops back to a "
                        + "folder above it at " + loop.getFile() + ": remove the link", error));
            }
            if (t instanceof AccessDeniedException denied) {
                return Optional.of(unwritable(denied.getFile(), "permission denied", error));
            }
            if (t instanceof FileSystemException fs && unwritableReason(fs.getReason())) {
                return Optional.of(unwritable(fs.getFile(), fs.getReason(), error));
            }
            if (t instanceof IOException io && unwritableReason(io.getMessage())) {
                return Optional.of(new WorkflowException(Failure.OUTPUT_NOT_WRITABLE, "cannot write the output: "
                        + io.getMessage() + " (" + describe(error) + "): free space or choose another --out",
                        error));
            }
        }
        return Optional.empty();
    }

    private static WorkflowException unwritable(String file, String reason, Throwable error) {
        return new WorkflowException(Failure.OUTPUT_NOT_WRITABLE, "cannot write " + file + ": " + reason
                + ": free space, fix the permissions or choose another (shorter) --out", error);
    }

    private static boolean unwritableReason(String reason) {
        if (reason == null) {
            return false;
        }
        String r = reason.toLowerCase(Locale.ROOT);
        return UNWRITABLE.stream().anyMatch(r::contains);
    }

    private static String describe(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }
}
