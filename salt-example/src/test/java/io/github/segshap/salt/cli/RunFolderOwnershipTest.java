package io.github.segshap.salt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.command.folder.OutputFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run folder is the salt command's alone: a folder holding someone else's files is refused
 * (exit 12) before a byte changes; the user's own files in a run folder survive the start-up
 * cleaning; a damaged {@code timings.json} is named (exit 10) and kept; a stage that fails in a new
 * folder leaves no folder behind.
 */
@Tag("campaign")
class RunFolderOwnershipTest {
    private static final CliRunner.Tiny TINY = new CliRunner.Tiny(4);

    @TempDir
    Path tmp;

    /** Every entry below {@code root} with its bytes (folders: empty). */
    private static Map<String, byte[]> snapshot(Path root) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                files.put(root.relativize(p).toString(), Files.isDirectory(p) ? new byte[0] : Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static void assertUnchanged(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertEquals(before.keySet(), after.keySet());
        before.forEach((p, bytes) -> assertArrayEquals(bytes, after.get(p), p + " is unchanged"));
    }

    @Test
    void aFolderOfSomeoneElsesFilesIsRefusedBeforeAByteChanges() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("unrelated"));
        Files.writeString(out.resolve(".draft.tmp"), "draft");
        Files.writeString(Files.createDirectories(out.resolve("explanations")).resolve(".x.tmp"), "x");
        Files.writeString(Files.createDirectories(out.resolve("data-cache/.mydir")).resolve("a.txt"), "a");
        Files.writeString(out.resolve("report.html"), "<p>mine</p>");
        Map<String, byte[]> before = snapshot(out);
        CliRunner.Run r = CliRunner.run(TINY.args("run-all", out));
        assertEquals(12, r.exitCode(), r.toString());
        assertTrue(r.err().contains("the output folder " + out + " holds files salt-example did not write (.draft.tmp, "
                + "data-cache, explanations, report.html)"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertUnchanged(before, snapshot(out));
    }

    @Test
    void theUsersFilesInARunFolderSurviveTheStartUpCleaningAndADamagedTimingsFileIsNamedAndKept() throws Exception {
        Path out = tmp.resolve("run");
        CliRunner.Run first = CliRunner.run(TINY.args("prepare", out));
        assertEquals(0, first.exitCode(), first.toString());
        assertTrue(Files.isRegularFile(out.resolve(OutputFolder.MARKER)));
        Path draft = Files.writeString(out.resolve(".draft.tmp"), "draft");
        Path x = Files.writeString(Files.createDirectories(out.resolve("explanations")).resolve(".x.tmp"), "x");
        Path mine = Files.writeString(Files.createDirectories(out.resolve("data-cache/.mydir")).resolve("a.txt"), "a");
        Path killed = Files.write(out.resolve(".parameters.json4711.tmp"), new byte[] {'{'});
        CliRunner.Run again = CliRunner.run(TINY.args("prepare", out));
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("removed 1 temporary left by an interrupted run: .parameters.json4711.tmp"),
                again.out());
        assertFalse(Files.exists(killed));
        assertEquals("draft", Files.readString(draft));
        assertEquals("x", Files.readString(x));
        assertEquals("a", Files.readString(mine));

        byte[] truncated = "{\"prepare\" : 1.2, \"tra".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(out.resolve("timings.json"), truncated);
        CliRunner.Run damaged = CliRunner.run(TINY.args("prepare", out));
        assertEquals(10, damaged.exitCode(), damaged.toString());
        assertTrue(damaged.err().contains(out.resolve("timings.json") + " is damaged"), damaged.err());
        assertArrayEquals(truncated, Files.readAllBytes(out.resolve("timings.json")), "kept, not replaced");
    }

    @Test
    void aStageThatFailsInANewFolderLeavesNoFolderBehind() {
        Path out = tmp.resolve("new");
        CliRunner.Run r = CliRunner.run(TINY.args("prepare", out, "--data", tmp.resolve("no-such-data").toString()));
        assertTrue(r.exitCode() >= 3, r.toString());
        assertFalse(Files.exists(out), "no folder holding only a .lock: " + r);
    }

    @Test
    void forceStartsRunAllAgainRemovingOnlyWhatSaltWrote() throws Exception {
        Path out = tmp.resolve("forced");
        CliRunner.Run first = CliRunner.run(TINY.args("prepare", out));
        assertEquals(0, first.exitCode(), first.toString());
        Files.writeString(out.resolve("notes.txt"), "mine");
        String marker = Files.readString(out.resolve(OutputFolder.MARKER));
        assertTrue(marker.contains("data-cache") && marker.contains("parameters.json") && !marker.contains("notes.txt"),
                marker);
        CliRunner.Run forced = CliRunner.run(TINY.args("run-all", out, "--force"));
        assertEquals(0, forced.exitCode(), forced.toString());
        assertTrue(forced.out().contains("--force: removed ") && forced.out().contains("data-cache")
                && forced.out().contains("kept notes.txt"), forced.out());
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        assertTrue(Files.isRegularFile(out.resolve("report.html")));

        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(foreign.resolve("report.html"), "<p>mine</p>");
        Map<String, byte[]> before = snapshot(foreign);
        CliRunner.Run refused = CliRunner.run(TINY.args("run-all", foreign, "--force"));
        assertEquals(12, refused.exitCode(), refused.toString());
        assertUnchanged(before, snapshot(foreign));
    }
}
