package io.github.segshap.salt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.segshap.salt.io.JsonFiles;
import io.github.segshap.salt.workflow.FolderProbe;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of the run folder and of the options, through the command line: read-only output folders
 * are named (exit 5) before anything in them changes, what a killed run left is removed and named,
 * unknown {@code --samples} ids fail before any work, and a background larger than the training set
 * is recorded as the number used.
 */
@Tag("campaign")
class RunFolderFaultsTest {
    private static final CliRunner.Tiny TINY = new CliRunner.Tiny(4);

    @TempDir
    static Path tmp;
    static Path run;

    /** One tiny run folder with explanations, figures and a report. */
    @BeforeAll
    static void runAll() {
        run = tmp.resolve("run");
        CliRunner.Run all = CliRunner.run(TINY.args("run-all", run));
        assertEquals(0, all.exitCode(), all.toString());
    }

    /**
     * The file system as a read-only mount of {@code folder} would answer (tests run as root, whom
     * {@code chmod} does not stop); everywhere else the real probe.
     */
    private static FolderProbe readOnly(Path folder) {
        return f -> {
            if (f.equals(folder)) {
                throw new FileSystemException(f.resolve(".write-test.tmp").toString(), null, "Read-only file system");
            }
            FolderProbe.CREATE_FILE.probe(f);
        };
    }

    /** Every file below {@code root} with its bytes. */
    private static Map<Path, byte[]> snapshot(Path root) throws Exception {
        Map<Path, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static void assertSame(Map<Path, byte[]> before, Map<Path, byte[]> after) {
        assertEquals(before.keySet(), after.keySet());
        before.forEach((p, bytes) -> assertArrayEquals(bytes, after.get(p), p + " is unchanged"));
    }

    private static void assertNamed(int code, CliRunner.Run r, String... parts) {
        assertEquals(code, r.exitCode(), r.toString());
        for (String p : parts) {
            assertTrue(r.err().contains(p), "message should contain '" + p + "': " + r.err());
        }
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void aReadOnlyExplanationsFolderIsNamedBeforeAnythingInItChanges() throws Exception {
        Path explanations = run.resolve("explanations");
        Map<Path, byte[]> before = snapshot(explanations);
        CliRunner.Run r = CliRunner.run(w -> w.folderProbe(readOnly(explanations)),
                TINY.args("explain", run, "--samples", "all"));
        assertNamed(5, r, "cannot write in " + explanations + ": Read-only file system", "nothing in it was changed");
        assertSame(before, snapshot(explanations));
    }

    @Test
    void aReadOnlyFiguresFolderIsNamedBeforeTheReportIsDrawn() throws Exception {
        Path figures = run.resolve("figures");
        Map<Path, byte[]> before = snapshot(figures);
        byte[] html = Files.readAllBytes(run.resolve("report.html"));
        CliRunner.Run r = CliRunner.run(w -> w.folderProbe(readOnly(figures)), TINY.args("report", run));
        assertNamed(5, r, "cannot write in " + figures + ": Read-only file system");
        assertSame(before, snapshot(figures));
        assertArrayEquals(html, Files.readAllBytes(run.resolve("report.html")));
    }

    @Test
    void temporariesOfAKilledRunAreRemovedAtTheNextStartAndNamed() throws Exception {
        Path cache = run.resolve("data-cache");
        Path entryTemp = Files.createDirectories(cache.resolve(".tmp-0123456789abcdef01234567-42"));
        Files.write(entryTemp.resolve("x_train.npy"), new byte[100]);
        Path syntheticTemp = Files.createDirectories(cache.resolve(".synthetic-v1-n60-seed42-77"));
        Files.write(syntheticTemp.resolve("half.png"), new byte[10]);
        Path jsonTemp = Files.write(run.resolve(".parameters.json815.tmp"), new byte[] {'{'});
        CliRunner.Run r = CliRunner.run(TINY.args("prepare", run));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("removed 3 temporaries left by an interrupted run: .parameters.json815.tmp, "
                + "data-cache/.synthetic-v1-n60-seed42-77, data-cache/.tmp-0123456789abcdef01234567-42"), r.out());
        assertFalse(Files.exists(entryTemp) || Files.exists(syntheticTemp) || Files.exists(jsonTemp));
        assertTrue(r.out().contains("(from the cache)"), "the real cache entry is kept: " + r.out());
        CliRunner.Run quiet = CliRunner.run(TINY.args("prepare", run));
        assertFalse(quiet.out().contains("removed"), quiet.out());
    }

    @Test
    void unknownSampleIdsFailBeforeAnyStageRuns() {
        Path out = tmp.resolve("fresh");
        CliRunner.Run r = CliRunner.run(TINY.args("run-all", out, "--samples", "a,b,unknown"));
        assertNamed(11, r, "3 of the 3 --samples ids are not in the test set", "[a, b, unknown]",
                "checked before preparing and training");
        assertFalse(r.out().contains("== prepare =="), r.out());
        assertFalse(Files.exists(out.resolve("data-cache")) || Files.exists(out.resolve("model.zip")),
                "no stage ran");
    }

    @Test
    void aBackgroundLargerThanTheTrainingSetIsRecordedAsTheNumberUsed() throws Exception {
        String id;
        try (Stream<Path> s = Files.list(run.resolve("explanations/samples"))) {
            id = s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().findFirst()
                    .orElseThrow();
        }
        CliRunner.Run r = CliRunner.run(new CliRunner.Tiny(1000).args("explain", run, "--samples", id));
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode parameters = JsonFiles.readTree(run.resolve("parameters.json"));
        int train = parameters.path("prepared").path("train_samples").asInt();
        assertTrue(train > 10 && train < 1000, parameters.toString());
        assertTrue(r.out().contains("background: " + train + " training images (every one; --background asked for"
                + " 1000)"), r.out());
        assertEquals("1000", parameters.path("explain").path("background").asText(),
                "what was asked (--background FILE|N)");
        assertEquals(train, parameters.path("explained").path("background_size").asInt(), "what was used");
        assertEquals(train, JsonFiles.readTree(run.resolve("explanations/samples").resolve(id)
                .resolve("explanation.json")).path("provenance").path("background_size").asInt(),
                "and in the sample's provenance");
    }
}
