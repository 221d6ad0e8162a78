package io.github.segshap.command;

import io.github.segshap.core.evaluation.NotEnoughMemoryException;
import io.github.segshap.core.io.CorruptFolderException;
import io.github.segshap.core.io.NpyFormatException;
import io.github.segshap.core.model.IncompatibleInputException;
import io.github.segshap.core.model.NondeterministicModelException;
import io.github.segshap.core.model.OutputNotAMapException;
import io.github.segshap.core.store.OtherRecipeException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place where exceptions become exit codes: a {@link CommandException} keeps its own; the
 * typed exceptions of shap-core ({@link #STANDARD}: a model that cannot take the input, is
 * nondeterministic or whose outputs are not maps of the image, a folder of another recipe, a damaged saved folder, a file that is no
 * {@code .npy} array, i.e. unreadable input, a heap too small for one model call) and a program's own
 * ({@link #with}) map to theirs; an {@link OutOfMemoryError} becomes {@link ExitCode#NOT_ENOUGH_MEMORY}
 * naming the heap and how to give more; and file-system faults - a full device, a read-only or
 * forbidden folder, a path too long, a symbolic-link loop - are named. Looks through the causes.
 * Immutable.
 */
public final class Faults {
    /** Operating-system reasons that mean "this location cannot be written". */
    private static final List<String> UNWRITABLE = List.of("no space left on device", "disk quota exceeded",
            "read-only file system", "permission denied", "file name too long", "operation not permitted");

    /** The typed exceptions of shap-core and their exit codes. */
    public static final Faults STANDARD = new Faults(List.of(
            new Mapping(CorruptFolderException.class, ExitCode.CORRUPT_FILE, ""),
            new Mapping(OtherRecipeException.class, ExitCode.OTHER_RECIPE, ""),
            new Mapping(NondeterministicModelException.class, ExitCode.MODEL, ""),
            new Mapping(IncompatibleInputException.class, ExitCode.MODEL, "the model cannot take the input: "),
            new Mapping(OutputNotAMapException.class, ExitCode.MODEL, ""),
            new Mapping(NpyFormatException.class, ExitCode.NO_INPUT, ""),
            new Mapping(NotEnoughMemoryException.class, ExitCode.NOT_ENOUGH_MEMORY, "not enough memory: ")));

    private final List<Mapping> mappings;

    private Faults(List<Mapping> mappings) {
        this.mappings = List.copyOf(mappings);
    }

    /**
     * These faults and one more exception type (a program's own, e.g. a damaged run-folder file);
     * the new mapping is tried after the existing ones.
     *
     * @param type     the exception type (its subtypes too)
     * @param exitCode its exit code
     * @return a new table
     */
    public Faults with(Class<? extends Throwable> type, ExitCode exitCode) {
        List<Mapping> more = new ArrayList<>(mappings);
        more.add(new Mapping(type, exitCode, ""));
        return new Faults(more);
    }

    /**
     * The named failure behind {@code error}: the first of it and its causes that is a
     * {@link CommandException}, a mapped type, or a file-system fault the user can fix.
     *
     * @param error what a command threw
     * @return the failure, with the message to print; empty for an unexpected error (a bug)
     */
    public Optional<CommandException> classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CommandException named) {
                return Optional.of(named);
            }
            for (Mapping m : mappings) {
                if (m.type.isInstance(t)) {
                    return Optional.of(new CommandException(m.exitCode, m.prefix + t.getMessage(), error));
                }
            }
            if (t instanceof OutOfMemoryError) {
                return Optional.of(outOfMemory(t, error, Runtime.getRuntime().maxMemory()));
            }
            Optional<CommandException> fs = fileSystem(t, error);
            if (fs.isPresent()) {
                return fs;
            }
        }
        return Optional.empty();
    }

    /**
     * The named failure behind {@code error}, or {@code otherwise} with its message when nothing
     * names it (e.g. a core argument check that, at a command line, means bad input data).
     *
     * @param error     what a call threw
     * @param otherwise the exit code of an error nothing names
     * @return the failure to throw
     */
    public CommandException classifyOr(RuntimeException error, ExitCode otherwise) {
        return classify(error).orElseGet(() -> new CommandException(otherwise, error.getMessage(), error));
    }

    private static Optional<CommandException> fileSystem(Throwable t, Throwable error) {
        if (t instanceof FileSystemLoopException loop) {
            return Optional.of(new CommandException(ExitCode.BAD_INPUT, "a symbolic link loops back to a folder above "
                    + "it at " + loop.getFile() + ": remove the link", error));
        }
        if (t instanceof AccessDeniedException denied) {
            return Optional.of(unwritable(denied.getFile(), "permission denied", error));
        }
        if (t instanceof FileSystemException fs && unwritableReason(fs.getReason())) {
            return Optional.of(unwritable(fs.getFile(), fs.getReason(), error));
        }
        if (t instanceof IOException io && unwritableReason(io.getMessage())) {
            return Optional.of(new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "cannot write the output: "
                    + io.getMessage() + " (" + describe(error) + "): free space or choose another --out", error));
        }
        return Optional.empty();
    }

    /**
     * What a command that ran out of heap says: the heap it had and the option to give it twice as much.
     *
     * @param oom   the error
     * @param error what the command threw (kept as the cause)
     * @param heap  the heap's maximum size in bytes ({@link Runtime#maxMemory()})
     */
    static CommandException outOfMemory(Throwable oom, Throwable error, long heap) {
        long mib = heap >> 20;
        long twice = Math.max(1, (2 * heap + (1L << 30) - 1) >> 30);
        return new CommandException(ExitCode.NOT_ENOUGH_MEMORY, "not enough memory: the Java heap (at most " + mib
                + " MiB) ran out" + (oom.getMessage() == null ? "" : " (" + oom.getMessage() + ")")
                + ": give java a larger heap, e.g. java -Xmx" + twice + "g -jar ..., or explain fewer or smaller images"
                + " at a time", error);
    }

    private static CommandException unwritable(String file, String reason, Throwable error) {
        return new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "cannot write " + file + ": " + reason
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

    private record Mapping(Class<? extends Throwable> type, ExitCode exitCode, String prefix) {
        Mapping {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(exitCode, "exitCode");
        }
    }
}
