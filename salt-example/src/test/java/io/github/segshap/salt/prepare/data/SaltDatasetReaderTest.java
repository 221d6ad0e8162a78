package io.github.segshap.salt.prepare.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input, on small PNGs made in a temporary folder. */
class SaltDatasetReaderTest {
    private static final int N = 9;

    @TempDir
    Path dir;

    private SaltDatasetReader reader(BadSamplePolicy policy) {
        return SaltDatasetReader.builder().size(N, N).policy(policy).build();
    }

    private void goodPair(String id, boolean salt) {
        PngFixtures.rgb(dir.resolve("train/images/" + id + ".png"), N, N, 10, 10, 10);
        if (salt) {
            PngFixtures.grey16(dir.resolve("train/masks/" + id + ".png"), N, N, (r, c) -> r < 4 ? 65535 : 0);
        } else {
            PngFixtures.grey8(dir.resolve("train/masks/" + id + ".png"), N, N, (r, c) -> 0);
        }
    }

    private DataFormatException failsNaming(String fileName) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> reader(BadSamplePolicy.FAIL).read(dir));
        assertTrue(e.getMessage().contains(fileName), "message must name " + fileName + ": " + e.getMessage());
        return e;
    }

    @Test
    void readsRgbAndGreyImagesAnd8And16BitMasks() {
        goodPair("b", true);
        goodPair("a", false);
        PngFixtures.grey8(dir.resolve("train/images/c.png"), N, N, (r, c) -> r * 10 + c);
        PngFixtures.grey8(dir.resolve("train/masks/c.png"), N, N, (r, c) -> c == 0 ? 255 : 0);
        SaltDataset ds = reader(BadSamplePolicy.FAIL).read(dir);
        assertEquals(List.of("a", "b", "c"), ds.ids());
        assertEquals(dir.resolve("train"), ds.root());
        SaltSample b = ds.samples().get(1);
        assertEquals(4 * N, b.saltPixels());
        assertEquals(10 + 3, b.pixel(3)); // first (red) channel, value 10 + column
        assertEquals(0, ds.samples().get(0).saltPixels());
        SaltSample c = ds.samples().get(2);
        assertEquals(N, c.saltPixels());
        assertEquals(2 * 10 + 5, c.pixel(2 * N + 5));
        assertTrue(Double.isNaN(c.depth()));
        // the folder itself also works (images/ and masks/ directly inside)
        assertEquals(3, reader(BadSamplePolicy.FAIL).read(dir.resolve("train")).size());
    }

    private SaltDatasetReader depthReader() {
        return SaltDatasetReader.builder().size(N, N).depths(true).build();
    }

    @Test
    void readsDepthsCsvFromTheParentFolderWhenAsked() throws IOException {
        goodPair("a", true);
        Files.writeString(dir.resolve("depths.csv"), "id,z\na,512\nzz,3\n");
        assertEquals(512.0, depthReader().read(dir).samples().get(0).depth());
        assertTrue(Double.isNaN(reader(BadSamplePolicy.FAIL).read(dir).samples().get(0).depth()),
                "depths are read only when asked");
        Files.writeString(dir.resolve("depths.csv"), "id,z\na,deep\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> depthReader().read(dir));
        assertTrue(e.getMessage().contains("depths.csv") && e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void aBinaryOrGarbageDepthsCsvIsNamedWhereDepthsAreReadAndIgnoredElsewhere() throws IOException {
        goodPair("a", true);
        Path depths = dir.resolve("depths.csv");
        Files.write(depths, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0x89, 'P', 'N', 'G'});
        assertEquals(List.of("a"), reader(BadSamplePolicy.FAIL).read(dir).ids(), "not parsed when not used");
        DataFormatException binary = assertThrows(DataFormatException.class, () -> depthReader().read(dir));
        assertEquals(depths, binary.file());
        assertTrue(binary.problem().contains("not a text file"), binary.getMessage());
        Files.writeString(depths, "id,z\na,512\n\u0001\u0002,garbage\n");
        DataFormatException garbage = assertThrows(DataFormatException.class, () -> depthReader().read(dir));
        assertTrue(garbage.problem().startsWith("line 3 is not 'id,z'"), garbage.getMessage());
    }

    @Test
    void aFolderNamedPngIsNotADataFileForTheReaderNorTheFileList() throws IOException {
        goodPair("a", true);
        Files.createDirectories(dir.resolve("train/images/x.png"));
        Files.writeString(dir.resolve("train/images/x.png/inside.txt"), "a folder, not an image");
        Files.createDirectories(dir.resolve("train/masks/x.png"));
        assertEquals(List.of("a"), reader(BadSamplePolicy.FAIL).read(dir).ids());
        DataFiles files = DataFiles.list(dir.resolve("train"));
        assertEquals(List.of(dir.resolve("train/images/a.png"), dir.resolve("train/masks/a.png")), files.files());
        assertEquals(List.of(dir.resolve("train/images/x.png"), dir.resolve("train/masks/x.png")), files.ignored());
    }

    @Test
    void aSymbolicLinkLoopIsNamed() throws IOException {
        goodPair("a", true);
        goodPair("b", true);
        Path loop = dir.resolve("train/images/loop.png");
        Files.createSymbolicLink(loop, loop.getFileName());
        DataFormatException e = failsNaming("loop.png");
        assertEquals(loop, e.file());
        assertTrue(e.problem().contains("symbolic link"), e.getMessage());
        assertThrows(DataFormatException.class, () -> DataFiles.list(dir.resolve("train")), "the file list agrees");
        Files.delete(loop);
        Files.createSymbolicLink(dir.resolve("train/images/c.png"), dir.resolve("train/images/b.png"));
        Files.createSymbolicLink(dir.resolve("train/masks/c.png"), dir.resolve("train/masks/b.png"));
        assertEquals(List.of("a", "b", "c"), reader(BadSamplePolicy.FAIL).read(dir).ids(), "links to files are data");
    }

    @Test
    void missingFoldersAreNamed() throws IOException {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> reader(BadSamplePolicy.FAIL).read(dir.resolve("nowhere")));
        assertTrue(e.getMessage().contains("nowhere"));
        e = assertThrows(DataFormatException.class, () -> reader(BadSamplePolicy.FAIL).read(dir));
        assertTrue(e.getMessage().contains("images/ and masks/"), e.getMessage());
        Files.createDirectories(dir.resolve("train/images"));
        assertTrue(failsNaming("masks").getMessage().contains("masks folder is missing"));
        Files.delete(dir.resolve("train/images"));
        Files.createDirectories(dir.resolve("train/masks"));
        assertTrue(failsNaming("images").getMessage().contains("images folder is missing"));
    }

    @Test
    void emptyDataSetFails() throws IOException {
        Files.createDirectories(dir.resolve("train/images"));
        Files.createDirectories(dir.resolve("train/masks"));
        Files.writeString(dir.resolve("train/images/readme.txt"), "not a png");
        for (BadSamplePolicy p : BadSamplePolicy.values()) {
            DataFormatException e = assertThrows(DataFormatException.class, () -> reader(p).read(dir));
            assertTrue(e.getMessage().contains("empty data set"), e.getMessage());
        }
        // only bad samples: also empty, and the message says what was skipped
        PngFixtures.grey8(dir.resolve("train/images/x.png"), N, N, (r, c) -> 1);
        DataFormatException e = assertThrows(DataFormatException.class, () -> reader(BadSamplePolicy.SKIP).read(dir));
        assertTrue(e.getMessage().contains("1 skipped") && e.getMessage().contains("x"), e.getMessage());
    }

    @Test
    void unpairedFilesFailOrAreReported() {
        goodPair("a", true);
        PngFixtures.grey8(dir.resolve("train/images/onlyimage.png"), N, N, (r, c) -> 1);
        PngFixtures.grey8(dir.resolve("train/masks/onlymask.png"), N, N, (r, c) -> 0);
        assertTrue(failsNaming("onlyimage.png").getMessage().contains("image without a mask"));
        SaltDataset ds = reader(BadSamplePolicy.SKIP).read(dir);
        assertEquals(List.of("a"), ds.ids());
        assertEquals(2, ds.skipped().size());
        assertEquals("onlyimage", ds.skipped().get(0).id());
        assertTrue(ds.skipped().get(1).reason().contains("mask without an image"));
        assertTrue(ds.skipped().get(1).file().endsWith("onlymask.png"));
    }

    @Test
    void corruptAndTruncatedPngsAreNamed() throws IOException {
        goodPair("a", true);
        goodPair("t", true);
        Path t = dir.resolve("train/images/t.png");
        byte[] bytes = Files.readAllBytes(t);
        Files.write(t, Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(failsNaming("t.png").getMessage().contains("corrupt or truncated PNG"));
        Files.writeString(t, "garbage that is not a PNG at all");
        failsNaming("t.png");
        Files.write(t, new byte[0]);
        failsNaming("t.png");
        SaltDataset ds = reader(BadSamplePolicy.SKIP).read(dir);
        assertEquals(List.of("a"), ds.ids());
        assertEquals("t", ds.skipped().get(0).id());
    }

    @Test
    void wrongSizesAreNamed() {
        goodPair("a", true);
        PngFixtures.grey8(dir.resolve("train/images/w.png"), N, N + 1, (r, c) -> 1);
        PngFixtures.grey8(dir.resolve("train/masks/w.png"), N, N, (r, c) -> 0);
        assertTrue(failsNaming("w.png").getMessage().contains("wrong size 9 x 10"));
        PngFixtures.grey8(dir.resolve("train/images/w.png"), N, N, (r, c) -> 1);
        PngFixtures.grey8(dir.resolve("train/masks/w.png"), N - 1, N, (r, c) -> 0);
        assertTrue(failsNaming("masks/w.png").getMessage().contains("wrong size 8 x 9"));
    }

    @Test
    void nonBinaryMasksAreNamed() {
        goodPair("a", true);
        PngFixtures.grey8(dir.resolve("train/images/m.png"), N, N, (r, c) -> 1);
        PngFixtures.grey16(dir.resolve("train/masks/m.png"), N, N, (r, c) -> r == 0 ? 65535 : r == 1 ? 3 : 0);
        assertTrue(failsNaming("masks/m.png").getMessage().contains("non-binary mask"));
        PngFixtures.grey8(dir.resolve("train/masks/m.png"), N, N, (r, c) -> r < 4 ? 7 : 9);
        assertTrue(failsNaming("masks/m.png").getMessage().contains("non-binary mask"));
        SaltDataset ds = reader(BadSamplePolicy.SKIP).read(dir);
        assertEquals(List.of("a"), ds.ids());
        assertTrue(ds.skipped().get(0).reason().contains("non-binary"));
    }

    @Test
    void colourAndSixteenBitImagesAreRejected() {
        goodPair("a", true);
        PngFixtures.rgb(dir.resolve("train/images/c.png"), N, N, 10, 12, 10);
        PngFixtures.grey8(dir.resolve("train/masks/c.png"), N, N, (r, c) -> 0);
        assertTrue(failsNaming("images/c.png").getMessage().contains("not a grey image"));
        PngFixtures.grey16(dir.resolve("train/images/c.png"), N, N, (r, c) -> 1000);
        assertTrue(failsNaming("images/c.png").getMessage().contains("8-bit"));
    }

    @Test
    void resultDoesNotDependOnPolicyWhenAllIsGood() {
        goodPair("z", true);
        goodPair("y", false);
        SaltDataset a = reader(BadSamplePolicy.FAIL).read(dir);
        SaltDataset b = reader(BadSamplePolicy.SKIP).read(dir);
        assertEquals(a.samples(), b.samples());
        assertFalse(a.samples().isEmpty());
        assertTrue(b.skipped().isEmpty());
        assertArrayEquals(a.samples().get(0).mask(), b.samples().get(0).mask());
    }
}
