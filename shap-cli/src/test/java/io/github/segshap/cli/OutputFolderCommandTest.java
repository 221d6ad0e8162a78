package io.github.segshap.cli;

import io.github.segshap.command.folder.OutputFolder;
import io.github.segshap.command.folder.RunLock;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.model.Model;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The output folder rule through {@code segshap}: a folder holding someone else's files is refused
 * before a byte changes; files of the user's inside a folder segshap made survive a rerun; a second
 * run on a folder another run holds is refused naming it; a failed command leaves no new folder. A
 * rerun with another recipe is refused naming the flags that differ with both values, changed
 * images as such; {@code --force} replaces segshap's own results and nothing else, and a folder that
 * is not segshap's stays refused with it.
 */
@Tag("campaign")
class OutputFolderCommandTest {
    @TempDir
    Path dir;
    Path model;
    Path images;

    @BeforeEach
    void files() {
        model = TinyOnnxNet.write(dir.resolve("model.onnx"), 3, false, 7);
        images = dir.resolve("images.npy");
        Npy.write(images, TinyOnnxNet.images(4, 3, 8, 8, 1), 4, 3, 8, 8);
    }

    private ExplainCommandTest.Run explain(UnaryOperator<Model> hook, Path out, String background, String... more) {
        List<String> a = new ArrayList<>(List.of("explain", "--model", model.toString(), "--images",
                images.toString(), "--background", background, "--out", out.toString(), "--threads", "1"));
        a.addAll(List.of(more));
        return ExplainCommandTest.run(hook, a.toArray(String[]::new));
    }

    private ExplainCommandTest.Run explain(Path out, String... more) {
        return explain(UnaryOperator.identity(), out, "3", more);
    }

    /** Every entry under {@code root}: its relative path and content checksum ("dir" for folders). */
    static Map<String, String> listing(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                out.put(root.relativize(p).toString(), Files.isDirectory(p) ? "dir"
                        : HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }

    @Test
    void aFolderOfTheUsersFilesIsRefusedAndLeftAsItWas() throws Exception {
        Path out = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(Files.createDirectories(out.resolve("batches")).resolve("notes.txt"), "my notes");
        Files.writeString(out.resolve("report.html"), "<p>my report</p>");
        Files.writeString(out.resolve("viewer.html"), "<p>my viewer</p>");
        Files.write(out.resolve("inputs.npy"), new byte[] {1, 2, 3});
        Map<String, String> before = listing(out);
        for (String[] args : List.of(
                new String[] {"explain", "--model", model.toString(), "--images", images.toString(), "--background", "2",
                        "--out", out.toString()},
                new String[] {"report", out.toString()})) {
            ExplainCommandTest.Run r = ExplainCommandTest.run(args);
            if (args[0].equals("report")) {
                assertEquals(3, r.exit(), "no explanation folder: " + r.all());
                continue;
            }
            assertEquals(12, r.exit(), r.all());
            assertTrue(r.all().contains("the output folder " + out.toAbsolutePath() + " holds files segshap did not "
                    + "write (batches, inputs.npy, report.html, viewer.html)"), r.all());
            assertTrue(r.all().contains("nothing was changed"), r.all());
        }
        assertEquals(before, listing(out), "not a byte changed");
    }

    @Test
    void theUsersFilesInsideAFolderSegshapMadeSurviveARerunAndAReport() throws Exception {
        Path out = dir.resolve("results");
        ExplainCommandTest.Run first = explain(UnaryOperator.identity(), out, "2");
        assertEquals(0, first.exit(), first.all());
        assertTrue(Files.isRegularFile(out.resolve(OutputFolder.MARKER)));
        Files.writeString(out.resolve("my-notes.txt"), "mine");
        Files.writeString(out.resolve(".draft.tmp"), "draft");
        ExplainCommandTest.Run again = explain(UnaryOperator.identity(), out, "2");
        assertEquals(0, again.exit(), again.all());
        ExplainCommandTest.Run report = ExplainCommandTest.run("report", out.toString());
        assertEquals(0, report.exit(), report.all());
        assertEquals("mine", Files.readString(out.resolve("my-notes.txt")));
        assertEquals("draft", Files.readString(out.resolve(".draft.tmp")));
    }

    @Test
    void aSecondRunOnAFolderAnotherRunHoldsIsRefusedNamingIt() throws Exception {
        Path out = dir.resolve("shared");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        UnaryOperator<Model> slow = m -> {
            holding.countDown();
            try {
                assertTrue(release.await(60, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return m;
        };
        CompletableFuture<ExplainCommandTest.Run> first = CompletableFuture.supplyAsync(() -> explain(slow, out, "2"));
        try {
            assertTrue(holding.await(60, TimeUnit.SECONDS), "the first run did not start");
            ExplainCommandTest.Run second = explain(UnaryOperator.identity(), out, "3");
            assertEquals(9, second.exit(), second.all());
            assertTrue(second.all().contains("another run holds the output folder " + out.toAbsolutePath()), second.all());
            assertTrue(second.all().contains("process " + ProcessHandle.current().pid()), second.all());
            assertTrue(second.all().contains("`segshap explain --model"), second.all());
            assertTrue(second.all().contains("started 20"), second.all());
        } finally {
            release.countDown();
        }
        ExplainCommandTest.Run done = first.get(120, TimeUnit.SECONDS);
        assertEquals(0, done.exit(), done.all());
        assertEquals(4, ExplanationFolder.read(out).size(), "the first run's result is whole");
        assertEquals(0, Files.size(out.resolve(RunLock.FILE_NAME)), "the lock is released");
    }

    @Test
    void theLockOfAKilledRunIsTakenOverAndSaid() throws Exception {
        Path out = dir.resolve("killed");
        assertEquals(0, explain(UnaryOperator.identity(), out, "2").exit());
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(gone.waitFor(60, TimeUnit.SECONDS));
        // what a run killed mid-way leaves: its record in .lock, the operating system's lock released
        Files.writeString(out.resolve(RunLock.FILE_NAME), "{\"pid\" : " + gone.pid() + ", \"command\" : "
                + "\"segshap explain --out killed\", \"started\" : \"2026-01-01T00:00:00Z\", \"host\" : \""
                + java.net.InetAddress.getLocalHost().getHostName() + "\"}");
        ExplainCommandTest.Run r = explain(UnaryOperator.identity(), out, "2");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.all().contains("taking over the lock of process " + gone.pid() + " (`segshap explain --out "
                + "killed`, started 2026-01-01T00:00:00Z"), r.all());
        assertTrue(r.all().contains("no longer running"), r.all());
    }

    @Test
    void aFailedCommandLeavesNoNewFolderHoldingOnlyALock() {
        Path out = dir.resolve("x");
        ExplainCommandTest.Run bad = ExplainCommandTest.run("explain", "--model", images.toString(), "--images",
                images.toString(), "--out", out.toString());
        assertEquals(6, bad.exit(), bad.all());
        assertFalse(Files.exists(out), "no folder left behind");
    }

    @Test
    void explainSectionClaimsItsFolderToo() throws Exception {
        Path out = Files.createDirectories(dir.resolve("section"));
        Files.writeString(out.resolve("section.txt"), "mine");
        Map<String, String> before = listing(out);
        List<String> args = new ArrayList<>(List.of("explain-section", "--model", model.toString(), "--section",
                images.toString(), "--tile", "4", "--out", out.toString()));
        ExplainCommandTest.Run r = ExplainCommandTest.run(args.toArray(String[]::new));
        assertEquals(12, r.exit(), r.all());
        assertEquals(before, listing(out));
    }

    @Test
    void theFlagsThatDifferAreNamedWithTheirOldAndNewValues() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(0, explain(out, "--names", "a,b,c").exit());
        Map<String, String> before = listing(out);
        ExplainCommandTest.Run r = explain(out, "--names", "x,y,z", "--interactions");
        assertEquals(7, r.exit(), r.all());
        assertTrue(r.err().contains("--interactions was off, now on"), r.err());
        assertTrue(r.err().contains("--names was [a, b, c], now [x, y, z]"), r.err());
        assertFalse(r.err().contains("explainer_options") || r.err().contains("differing: players"), r.err());
        assertTrue(r.err().contains("--force"), r.err());
        assertEquals(before, listing(out), "nothing changed");
    }

    @Test
    void changedImagesAreRefusedAsTheImagesDiffer() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(0, explain(out).exit());
        Npy.write(images, TinyOnnxNet.images(4, 3, 8, 8, 9), 4, 3, 8, 8);
        ExplainCommandTest.Run r = explain(out);
        assertEquals(7, r.exit(), r.all());
        assertTrue(r.err().contains("the images differ (--images)"), r.err());
        assertFalse(r.err().contains("extra"), r.err());
    }

    @Test
    void forceReplacesSegshapsOwnResultsAndKeepsTheUsersFiles() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(0, explain(out, "--seed", "1").exit());
        Files.writeString(out.resolve("my-notes.txt"), "mine");
        String marker = Files.readString(out.resolve(OutputFolder.MARKER));
        assertTrue(marker.contains("report.html") && marker.contains("explanation.json"), marker);
        assertFalse(marker.contains("my-notes.txt"), marker);
        assertEquals(7, explain(out, "--seed", "2").exit());
        ExplainCommandTest.Run forced = explain(out, "--seed", "2", "--force");
        assertEquals(0, forced.exit(), forced.all());
        assertTrue(forced.out().contains("--force: removed ") && forced.out().contains("explanation.json")
                && forced.out().contains("kept my-notes.txt"), forced.out());
        assertEquals("mine", Files.readString(out.resolve("my-notes.txt")));
        assertEquals(2, ExplanationFolder.readProvenance(out).orElseThrow().backgroundSeed());
        assertFalse(Files.readString(out.resolve(OutputFolder.MARKER)).contains("my-notes.txt"));
    }

    @Test
    void aFolderThatIsNotSegshapsStaysRefusedWithForce() throws Exception {
        Path out = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(out.resolve("report.html"), "<p>my report</p>");
        Map<String, String> before = listing(out);
        ExplainCommandTest.Run r = explain(out, "--force");
        assertEquals(12, r.exit(), r.all());
        assertEquals(before, listing(out), "not a byte changed");
    }
}
