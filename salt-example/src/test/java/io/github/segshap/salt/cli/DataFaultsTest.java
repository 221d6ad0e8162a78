package io.github.segshap.salt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.salt.io.JsonFiles;
import io.github.segshap.salt.prepare.data.SyntheticSaltGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults in the {@code --data} folder, through the command line: each one is named with the
 * documented exit code (never 1 with a stack trace), and what is not a data file changes nothing.
 */
@Tag("campaign")
class DataFaultsTest {
    @TempDir
    Path tmp;

    /** A small data set in the Kaggle layout (101 x 101 PNGs). */
    private Path data(int count) {
        return SyntheticSaltGenerator.builder().count(count).seed(11).build().writeTo(tmp.resolve("data-" + count));
    }

    private CliRunner.Run prepare(Path data, String out, String... more) {
        String[] base = {"prepare", "--data", data.toString(), "--out", tmp.resolve(out).toString(), "--no-progress"};
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return CliRunner.run(all);
    }

    private static void assertNamed(int code, CliRunner.Run run, String... parts) {
        assertEquals(code, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("error: "), run.err());
        for (String p : parts) {
            assertTrue(run.err().contains(p), "message should contain '" + p + "': " + run.err());
        }
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    private static Path first(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().findFirst().orElseThrow();
        }
    }

    @Test
    void aFolderNamedPngAndAnUnreadableDepthsCsvChangeNothingAndALinkLoopIsNamed() throws Exception {
        Path data = data(30);
        CliRunner.Run first = prepare(data, "o");
        assertEquals(0, first.exitCode(), first.toString());

        Files.createDirectories(data.resolve("train/images/extra.png"));
        Files.writeString(data.resolve("train/images/extra.png/note.txt"), "a folder, not an image");
        Files.createDirectories(data.resolve("train/masks/extra.png"));
        Files.write(data.resolve("depths.csv"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, '\n', 1});
        CliRunner.Run again = prepare(data, "o");
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(first.lastLine(), again.lastLine(), "the same data, so the same cache entry");
        assertTrue(again.out().contains("(from the cache)"), again.out());

        Path loop = data.resolve("train/images/loop.png");
        Files.createSymbolicLink(loop, loop.getFileName());
        assertNamed(4, prepare(data, "o"), loop.toString(), "symbolic link");
        assertNamed(4, prepare(data, "o2"), loop.toString(), "symbolic link");
    }

    @Test
    void aBrokenPngFailsByDefaultAndIsSkippedAndNamedOnRequest() throws Exception {
        Path data = data(30);
        Path bad = first(data.resolve("train/images"));
        byte[] png = Files.readAllBytes(bad);
        Files.write(bad, Arrays.copyOf(png, png.length / 2));
        assertNamed(4, prepare(data, "o"), bad.toString(), "corrupt or truncated PNG");
        assertNamed(4, prepare(data, "o", "--bad-samples", "fail"), bad.toString());

        CliRunner.Run skip = prepare(data, "o", "--bad-samples", "skip");
        assertEquals(0, skip.exitCode(), skip.toString());
        String id = bad.getFileName().toString().replace(".png", "");
        assertTrue(skip.out().contains("skipped 1 bad sample (--bad-samples skip): " + id + " (" + bad), skip.out());
        assertEquals("skip", JsonFiles.readTree(tmp.resolve("o/parameters.json")).path("prepare")
                .path("bad_samples").asText());
        assertEquals(2, CliRunner.run("prepare", "--bad-samples", "ignore", "--out", tmp.resolve("o").toString())
                .exitCode(), "an unknown policy is a usage error");
    }

    @Test
    void tooFewImagesForTheSplitSayHowManyThereAreAndHowManyAreNeeded() {
        assertNamed(4, prepare(data(2), "o"), "too few images for the split: 2 usable image/mask pairs give train 0,"
                + " validation 1, test 1", "needs at least 3 pairs");
    }
}
