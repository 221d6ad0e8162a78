package io.github.segshap.cli;

import io.github.segshap.command.folder.OutputFolder;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rerun with another recipe is refused naming the flags that differ with both values, changed
 * images as such; {@code --force} replaces segshap's own results and nothing else, and a folder that
 * is not segshap's stays refused with it.
 */
@Tag("campaign")
class RecipeRefusalTest {
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

    private ExplainCommandTest.Run explain(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("explain", "--model", model.toString(), "--images", images.toString(),
                "--background", "3", "--out", out.toString(), "--threads", "1", "--no-progress"));
        a.addAll(List.of(more));
        return ExplainCommandTest.run(a.toArray(String[]::new));
    }

    @Test
    void theFlagsThatDifferAreNamedWithTheirOldAndNewValues() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(0, explain(out, "--names", "a,b,c").exit());
        Map<String, String> before = OutputFolderCommandTest.listing(out);
        ExplainCommandTest.Run r = explain(out, "--names", "x,y,z", "--interactions");
        assertEquals(7, r.exit(), r.all());
        assertTrue(r.err().contains("--interactions was off, now on"), r.err());
        assertTrue(r.err().contains("--names was [a, b, c], now [x, y, z]"), r.err());
        assertFalse(r.err().contains("explainer_options") || r.err().contains("differing: players"), r.err());
        assertTrue(r.err().contains("--force"), r.err());
        assertEquals(before, OutputFolderCommandTest.listing(out), "nothing changed");
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
        Map<String, String> before = OutputFolderCommandTest.listing(out);
        ExplainCommandTest.Run r = explain(out, "--force");
        assertEquals(12, r.exit(), r.all());
        assertEquals(before, OutputFolderCommandTest.listing(out), "not a byte changed");
    }
}
