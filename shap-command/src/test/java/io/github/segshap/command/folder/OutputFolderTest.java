package io.github.segshap.command.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output folder is one program's alone: claimed when new or empty or ours, refused otherwise, before a byte changes. */
@Tag("campaign")
class OutputFolderTest {
    @TempDir
    Path tmp;

    private final PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    /** Every file and folder under {@code root} with its checksum (folders: "dir"). */
    static Map<String, String> listing(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                String sum;
                if (Files.isDirectory(p)) {
                    sum = "dir";
                } else {
                    try {
                        sum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
                    } catch (java.security.NoSuchAlgorithmException e) {
                        throw new AssertionError(e);
                    }
                }
                out.put(root.relativize(p).toString(), sum + " " + Files.getLastModifiedTime(p));
            }
        }
        return out;
    }

    @Test
    void aFolderHoldingSomeoneElsesFilesIsRefusedNamingThemAndNothingChanges() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(out.resolve("report.html"), "my own report");
        Files.createDirectories(out.resolve("batches")).resolve("notes.txt").toFile().createNewFile();
        Files.writeString(out.resolve(".draft.tmp"), "draft");
        Map<String, String> before = listing(out);
        CommandException e = assertThrows(CommandException.class,
                () -> OutputFolder.claim(out, "segshap", "explain", "segshap explain --out " + out, console));
        assertEquals(ExitCode.FOREIGN_FOLDER, e.exitCode());
        assertEquals(12, e.exitCode().code());
        assertTrue(e.getMessage().contains(out.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(".draft.tmp, batches, report.html"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was changed"), e.getMessage());
        assertEquals(before, listing(out), "not a byte changed, no lock, no marker");
    }

    @Test
    void aNewOrEmptyFolderIsMadeOursAndStaysOursForTheNextCommand() throws Exception {
        Path fresh = tmp.resolve("a/b");
        try (OutputFolder f = OutputFolder.claim(fresh, "salt", "prepare", "salt prepare", console)) {
            assertTrue(f.created());
            assertEquals("salt", f.marker().program());
            assertEquals("prepare", f.marker().command());
            Files.writeString(fresh.resolve("result.json"), "{}");
        }
        String marker = Files.readString(fresh.resolve(OutputFolder.MARKER));
        assertTrue(marker.contains("\"program\" : \"salt\"") && marker.contains("\"created\""), marker);
        try (OutputFolder f = OutputFolder.claim(fresh, "salt", "train", "salt train", console)) {
            assertFalse(f.created());
            assertEquals("prepare", f.marker().command(), "the first claim's marker is kept");
        }
        assertEquals(marker, Files.readString(fresh.resolve(OutputFolder.MARKER)));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        OutputFolder.claim(empty, "segshap", "explain", "segshap explain", console).close();
        assertTrue(Files.exists(empty), "an existing empty folder is never removed");
    }

    @Test
    void anotherProgramsFolderIsRefused() throws Exception {
        Path out = tmp.resolve("run");
        try (OutputFolder f = OutputFolder.claim(out, "salt", "run-all", "salt run-all", console)) {
            Files.writeString(out.resolve("report.html"), "salt's report");
        }
        Map<String, String> before = listing(out);
        CommandException e = assertThrows(CommandException.class,
                () -> OutputFolder.claim(out, "segshap", "explain", "segshap explain", console));
        assertEquals(ExitCode.FOREIGN_FOLDER, e.exitCode());
        assertTrue(e.getMessage().contains("belongs to salt (`run-all`"), e.getMessage());
        assertEquals(before, listing(out));
    }

    @Test
    void aDamagedMarkerIsNamed() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(out.resolve(OutputFolder.MARKER), "{\"prog");
        CommandException e = assertThrows(CommandException.class,
                () -> OutputFolder.claim(out, "segshap", "explain", "segshap explain", console));
        assertEquals(ExitCode.CORRUPT_FILE, e.exitCode());
        assertTrue(e.getMessage().contains(out.resolve(OutputFolder.MARKER).toString()), e.getMessage());
    }

    @Test
    void aCommandThatFailsBeforeWritingLeavesNoNewFolderBehind() throws Exception {
        Path out = tmp.resolve("new");
        assertThrows(IllegalStateException.class, () -> {
            try (OutputFolder f = OutputFolder.claim(out, "segshap", "explain", "segshap explain", console)) {
                throw new IllegalStateException("the model cannot be read");
            }
        });
        assertFalse(Files.exists(out), "no folder holding only a .lock");
    }

    @Test
    void aSecondClaimWhileTheFirstHoldsTheFolderIsRefusedAsLocked() throws Exception {
        Path out = tmp.resolve("busy");
        try (OutputFolder f = OutputFolder.claim(out, "segshap", "explain", "segshap explain --out busy", console)) {
            CommandException e = assertThrows(CommandException.class,
                    () -> OutputFolder.claim(out, "segshap", "report", "segshap report busy", console));
            assertEquals(ExitCode.LOCKED, e.exitCode());
            assertTrue(e.getMessage().contains("another run holds the output folder " + out), e.getMessage());
            assertTrue(e.getMessage().contains("`segshap explain --out busy`"), e.getMessage());
            assertTrue(Files.size(out.resolve(RunLock.FILE_NAME)) > 0 && Files.exists(out.resolve(OutputFolder.MARKER)),
                    "the holder's lock and marker are untouched by the refused claim");
        }
    }

    @Test
    void aFileInPlaceOfTheFolderIsNamed() throws Exception {
        Path file = Files.writeString(tmp.resolve("out"), "x");
        CommandException e = assertThrows(CommandException.class,
                () -> OutputFolder.claim(file, "segshap", "explain", "segshap explain", console));
        assertEquals(ExitCode.OUTPUT_NOT_WRITABLE, e.exitCode());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void theMarkerRecordsWhatOurRunsWroteAndReplaceOwnRemovesOnlyThat() throws Exception {
        Path out = tmp.resolve("out");
        try (OutputFolder f = OutputFolder.claim(out, "segshap", "explain", "segshap explain", console)) {
            Files.writeString(out.resolve("report.html"), "ours");
            Files.createDirectories(out.resolve("figures")).resolve("a.png").toFile().createNewFile();
        }
        Files.writeString(out.resolve("notes.txt"), "the user's");
        try (OutputFolder f = OutputFolder.claim(out, "segshap", "explain", "segshap explain", console)) {
            assertEquals(java.util.List.of("figures", "report.html"), f.marker().written());
            Files.writeString(out.resolve("viewer.html"), "ours too");
        }
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        try (OutputFolder f = OutputFolder.claim(out, "segshap", "explain", "segshap explain", console)) {
            assertEquals(java.util.List.of("figures", "report.html", "viewer.html"), f.marker().written(),
                    "the user's notes are not recorded as ours");
            f.replaceOwn(new PrintStream(said, true, StandardCharsets.UTF_8));
            assertEquals(java.util.List.of(), f.marker().written());
        }
        assertEquals("the user's", Files.readString(out.resolve("notes.txt")));
        assertFalse(Files.exists(out.resolve("report.html")) || Files.exists(out.resolve("figures"))
                || Files.exists(out.resolve("viewer.html")));
        String message = said.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("--force: removed figures, report.html, viewer.html from " + out.toAbsolutePath())
                && message.contains("kept notes.txt"), message);
        assertTrue(Files.isRegularFile(out.resolve(OutputFolder.MARKER)), "the folder stays ours");
    }

    @Test
    void aMarkerWrittenBeforeTheRecordIsReadAsNothingWritten() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("old"));
        Files.writeString(out.resolve(OutputFolder.MARKER), "{\"program\" : \"segshap\", \"command\" : \"explain\", "
                + "\"created\" : \"2026-01-01T00:00:00Z\"}");
        Files.writeString(out.resolve("report.html"), "an older run's");
        try (OutputFolder f = OutputFolder.claim(out, "segshap", "explain", "segshap explain", console)) {
            assertEquals(java.util.List.of(), f.marker().written());
            assertEquals(java.util.List.of(), f.replaceOwn(console), "--force removes nothing it cannot tell is ours");
        }
        assertEquals("an older run's", Files.readString(out.resolve("report.html")));
    }
}
