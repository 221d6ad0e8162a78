package io.github.segshap.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.core.evaluation.NotEnoughMemoryException;
import io.github.segshap.core.io.CorruptFolderException;
import io.github.segshap.core.io.NpyFormatException;
import io.github.segshap.core.model.IncompatibleInputException;
import io.github.segshap.core.store.OtherRecipeException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Exceptions become exit codes in one place: typed core ones, a program's own, file-system faults. */
@Tag("campaign")
class FaultsTest {

    private static ExitCode code(Throwable t) {
        return Faults.STANDARD.classify(t).orElseThrow(() -> new AssertionError("not named: " + t)).exitCode();
    }

    @Test
    void typedCoreExceptionsHaveTheirCodes() {
        assertEquals(ExitCode.CORRUPT_FILE, code(new CorruptFolderException(Path.of("x.npy"), "checksum differs")));
        assertEquals(ExitCode.NO_INPUT, code(new NpyFormatException(Path.of("x.npy"), "not an array")));
        assertEquals(ExitCode.OTHER_RECIPE, code(new OtherRecipeException(Path.of("tiles/0"), List.of("seed"))));
        IncompatibleInputException size = new IncompatibleInputException("101 x 101 is no multiple of 4", 104, 104,
                null);
        assertEquals(ExitCode.MODEL, code(size));
        assertTrue(Faults.STANDARD.classify(size).orElseThrow().getMessage()
                .startsWith("the model cannot take the input: 101 x 101"));
    }

    @Test
    void aHeapTooSmallIsNamedWhetherSaidBeforeOrFoundByTheJvm() {
        assertEquals(ExitCode.NOT_ENOUGH_MEMORY, code(new NotEnoughMemoryException("one call takes 900 MiB", 1800L << 20,
                1L << 30)));
        CommandException oom = Faults.outOfMemory(new OutOfMemoryError("Java heap space"), new RuntimeException(),
                1536L << 20);
        assertEquals(ExitCode.NOT_ENOUGH_MEMORY, oom.exitCode());
        assertTrue(oom.getMessage().contains("at most 1536 MiB") && oom.getMessage().contains("-Xmx3g"),
                oom.getMessage());
        assertEquals(ExitCode.NOT_ENOUGH_MEMORY, code(new IllegalStateException("model call failed",
                new OutOfMemoryError("Java heap space"))));
    }

    @Test
    void aNamedFailureKeepsItsCodeAndCausesAreSearched() {
        CommandException named = new CommandException(ExitCode.LOCKED, "in use by 42");
        assertSame(named, Faults.STANDARD.classify(new RuntimeException("wrapped", named)).orElseThrow());
        assertEquals(ExitCode.OTHER_RECIPE, code(new IllegalStateException("stage failed",
                new OtherRecipeException(Path.of("t"), List.of("model")))));
    }

    @Test
    void fileSystemFaultsAreNamed() {
        FileSystemException full = new FileSystemException("/out/a.npy", null, "No space left on device");
        CommandException e = Faults.STANDARD.classify(new UncheckedIOException(full)).orElseThrow();
        assertEquals(ExitCode.OUTPUT_NOT_WRITABLE, e.exitCode());
        assertTrue(e.getMessage().startsWith("cannot write /out/a.npy: No space left on device"), e.getMessage());
        assertEquals(ExitCode.OUTPUT_NOT_WRITABLE, code(new AccessDeniedException("/ro/x")));
        assertEquals(ExitCode.OUTPUT_NOT_WRITABLE, code(new FileSystemException("/ro", null, "Read-only file system")));
        assertEquals(ExitCode.BAD_INPUT, code(new FileSystemLoopException("/data/loop")));
    }

    @Test
    void otherErrorsAreBugsUnlessAProgramNamesThem() {
        IllegalStateException bug = new IllegalStateException("index 3 out of 2");
        assertTrue(Faults.STANDARD.classify(bug).isEmpty());
        assertTrue(Faults.STANDARD.classify(new FileSystemException("/x", null, "Device busy")).isEmpty());
        Faults own = Faults.STANDARD.with(IllegalStateException.class, ExitCode.CORRUPT_FILE);
        assertEquals(ExitCode.CORRUPT_FILE, own.classify(bug).orElseThrow().exitCode());
        assertTrue(Faults.STANDARD.classify(bug).isEmpty(), "with() leaves the table it was called on alone");
        assertEquals(ExitCode.BAD_INPUT, Faults.STANDARD.classifyOr(new IllegalArgumentException("NaN pixel"),
                ExitCode.BAD_INPUT).exitCode());
    }
}
