package io.github.segshap.salt.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.io.NpyArray;
import io.github.segshap.salt.prepare.data.BadSamplePolicy;
import io.github.segshap.salt.prepare.data.DataFormatException;
import io.github.segshap.salt.prepare.data.DatasetSplit;
import io.github.segshap.salt.prepare.data.SyntheticSaltGenerator;
import io.github.segshap.salt.prepare.preprocess.AttributeAxis;
import io.github.segshap.salt.prepare.preprocess.YeoJohnson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline end to end on small synthetic data sets, with and without the cache. */
class DataPipelineTest {
    private static final int N = 120;

    @TempDir
    Path dir;

    private DataPipeline.Builder base() {
        return DataPipeline.builder().synthetic(N).progressBars(false);
    }

    @Test
    void seedModeShapesSplitsMasksAndStandardisation() {
        PreparedData d = base().cacheDir(dir.resolve("cache")).build().run();
        assertEquals(ResolutionMode.SEED, d.resolution());
        assertEquals(24, d.size());
        assertEquals(List.of("seismic", "energy", "gst", "sobel"), d.channelNames());
        DatasetSplit expected = DatasetSplit.of(SyntheticSaltGenerator.builder().count(N).build().samples().stream()
                .map(SyntheticSaltGenerator.Sample::id).toList());
        Set<String> seen = new HashSet<>();
        for (DatasetSplit.Part p : DatasetSplit.Part.values()) {
            SplitData s = d.split(p);
            assertEquals(s.count() * 4 * 24 * 24, s.images().length);
            assertEquals(s.count() * 24 * 24, s.masks().length);
            for (float m : s.masks()) {
                assertTrue(m == 0f || m == 1f);
            }
            for (float v : s.images()) {
                assertTrue(Float.isFinite(v));
            }
            // every id of the split is kept unless dropped for NaN
            assertEquals(expected.ids(p).size(), s.count() + d.droppedForNan().get(p).size());
            for (String id : s.ids()) {
                assertTrue(seen.add(id), "id in two splits: " + id);
            }
        }
        // constant synthetic images have NaN GST: dropped and reported
        int dropped = d.droppedForNan().values().stream().mapToInt(List::size).sum();
        assertTrue(dropped >= 1, "the synthetic set has constant images");
        // standardised on the training pixels: mean about 0, std about 1 per channel
        SplitData train = d.train();
        float[] x = train.images();
        int plane = 24 * 24;
        for (int c = 0; c < 4; c++) {
            double sum = 0;
            double sq = 0;
            int n = 0;
            for (int i = 0; i < train.count(); i++) {
                for (int k = 0; k < plane; k++) {
                    double v = x[(i * 4 + c) * plane + k];
                    sum += v;
                    sq += v * v;
                    n++;
                }
            }
            double mean = sum / n;
            assertEquals(0, mean, 0.1, "channel " + c + " mean");
            assertEquals(1, Math.sqrt(sq / n - mean * mean), 0.1, "channel " + c + " std");
        }
    }

    @Test
    void cacheIsReusedAndRebuiltOnChangedParameterOrInput() throws IOException {
        Path cache = dir.resolve("cache");
        PreparedData first = base().cacheDir(cache).build().run();
        assertFalse(first.fromCache());
        Path entry = first.cacheEntry().orElseThrow();
        // NumPy files with the documented shapes, manifest with ids and checksums
        NpyArray xTrain = Npy.read(entry.resolve("x_train.npy"));
        assertArrayEquals(new int[] {first.train().count(), 4, 24, 24}, xTrain.shape());
        assertArrayEquals(first.train().images(), xTrain.toFloats());
        assertArrayEquals(new int[] {first.test().count(), 1, 24, 24}, Npy.read(entry.resolve("y_test.npy")).shape());
        JsonNode manifest = new ObjectMapper().readTree(entry.resolve("manifest.json").toFile());
        assertEquals(first.validation().count(), manifest.at("/data/splits/validation/ids").size());
        assertEquals(64, manifest.at("/files/x_train.npy/sha256").asText().length());
        assertEquals("seed", manifest.at("/data/parameters/resolution").asText());
        assertEquals(first.train().ids(), Files.readAllLines(entry.resolve("train.txt")));
        assertEquals(first.transform(), YeoJohnson.read(entry.resolve("power_transform.json")));

        PreparedData second = base().cacheDir(cache).build().run();
        assertTrue(second.fromCache());
        assertEquals(entry, second.cacheEntry().orElseThrow());
        assertArrayEquals(first.test().images(), second.test().images());
        assertArrayEquals(first.train().masks(), second.train().masks());
        assertEquals(first.ids(), second.ids());
        assertEquals(first.droppedForNan(), second.droppedForNan());
        assertEquals(first.transform(), second.transform());

        PreparedData vertical = base().cacheDir(cache).axis(AttributeAxis.VERTICAL).build().run();
        assertFalse(vertical.fromCache());
        assertNotEquals(entry, vertical.cacheEntry().orElseThrow());

        // a damaged array is detected and the entry rebuilt
        byte[] bytes = Files.readAllBytes(entry.resolve("x_test.npy"));
        bytes[bytes.length - 1] ^= 1;
        Files.write(entry.resolve("x_test.npy"), bytes);
        PreparedData repaired = base().cacheDir(cache).build().run();
        assertFalse(repaired.fromCache());
        assertArrayEquals(first.test().images(), repaired.test().images());
        assertTrue(base().cacheDir(cache).build().run().fromCache());

        try (Stream<Path> s = Files.list(cache)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary entries left");
        }
    }

    @Test
    void changedInputFileRebuilds() throws IOException {
        Path data = SyntheticSaltGenerator.builder().count(40).seed(3).build().writeTo(dir.resolve("data"));
        Path cache = dir.resolve("cache");
        DataPipeline p = DataPipeline.builder().dataDir(data).cacheDir(cache).progressBars(false).build();
        PreparedData a = p.run();
        assertTrue(p.run().fromCache());
        // replace one image with another sample's image
        Path images = data.resolve("train/images");
        List<Path> files;
        try (Stream<Path> s = Files.list(images)) {
            files = s.sorted().toList();
        }
        Files.copy(files.get(1), files.get(0), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        PreparedData b = p.run();
        assertFalse(b.fromCache());
        assertNotEquals(a.cacheEntry(), b.cacheEntry());
    }

    @Test
    void deterministicWithoutCacheAndFullModeWithFill() {
        // the synthetic set the pipeline would make, written here: without a cache folder the pipeline
        // would put it in java.io.tmpdir, and a cache folder would turn the cache on
        Path data = SyntheticSaltGenerator.builder().count(N).seed(DatasetSplit.DEFAULT_SEED).build()
                .writeTo(dir.resolve("data"));
        PreparedData a = DataPipeline.builder().dataDir(data).progressBars(false).build().run();
        PreparedData b = DataPipeline.builder().dataDir(data).progressBars(false).build().run();
        assertArrayEquals(a.train().images(), b.train().images());
        assertEquals(a.transform(), b.transform());
        assertTrue(a.cacheEntry().isEmpty());

        PreparedData full = DataPipeline.builder().synthetic(40).resolution(ResolutionMode.FULL)
                .nanPolicy(NanPolicy.FILL).cacheDir(dir.resolve("cache")).progressBars(false).build().run();
        assertEquals(101, full.size());
        int total = full.train().count() + full.validation().count() + full.test().count();
        assertEquals(40, total, "FILL keeps every sample");
        assertTrue(full.droppedForNan().values().stream().allMatch(List::isEmpty));
        for (float v : full.train().images()) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void badInputIsReportedOrFails() throws IOException {
        Path data = SyntheticSaltGenerator.builder().count(30).seed(8).build().writeTo(dir.resolve("data"));
        Path bad;
        try (Stream<Path> s = Files.list(data.resolve("train/masks"))) {
            bad = s.sorted().findFirst().orElseThrow();
        }
        Files.write(bad, new byte[] {1, 2, 3});
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DataPipeline.builder().dataDir(data).progressBars(false).build().run());
        assertTrue(e.getMessage().contains(bad.getFileName().toString()));
        PreparedData d = DataPipeline.builder().dataDir(data).badSamples(BadSamplePolicy.SKIP).progressBars(false)
                .cacheDir(dir.resolve("cache")).build().run();
        assertEquals(1, d.skipped().size());
        assertEquals(bad.getFileName().toString().replace(".png", ""), d.skipped().get(0).id());
        PreparedData again = DataPipeline.builder().dataDir(data).badSamples(BadSamplePolicy.SKIP).progressBars(false)
                .cacheDir(dir.resolve("cache")).build().run();
        assertTrue(again.fromCache());
        assertEquals(d.skipped().get(0).id(), again.skipped().get(0).id());
        assertThrows(DataFormatException.class,
                () -> DataPipeline.builder().dataDir(dir.resolve("missing")).progressBars(false).build().run());
    }

    @Test
    void theFingerprintCoversWhatTheReaderReads() throws IOException {
        Path data = SyntheticSaltGenerator.builder().count(30).seed(5).build().writeTo(dir.resolve("data"));
        Path cache = dir.resolve("cache");
        DataPipeline p = DataPipeline.builder().dataDir(data).cacheDir(cache).progressBars(false).build();
        PreparedData a = p.run();
        // entries that are not data files: folders named *.png, and a depths.csv nothing uses (binary here)
        Files.createDirectories(data.resolve("train/images/extra.png"));
        Files.writeString(data.resolve("train/images/extra.png/note.txt"), "a folder, not an image");
        Files.createDirectories(data.resolve("train/masks/extra.png"));
        Files.write(data.resolve("depths.csv"), new byte[] {(byte) 0xff, 0, (byte) 0xfe, 1});
        PreparedData b = p.run();
        assertEquals(a.fingerprint(), b.fingerprint(), "the reader ignores them, so the fingerprint does too");
        assertTrue(b.fromCache());
        assertEquals(a.test().ids(), b.test().ids());
    }

    @Test
    void tooFewImagesForTheSplitAreNamedWithTheCounts() {
        assertEquals(3, DatasetSplit.smallestComplete(0.2, 0.2));
        assertEquals(3, DatasetSplit.smallestComplete(0.05, 0.1), "parts are rounded up: 1 / 1 / 1");
        assertEquals(7, DatasetSplit.smallestComplete(0.7, 0.2), "70% test: 5 test, 1 validation, 1 train");
        Path data = SyntheticSaltGenerator.builder().count(2).seed(5).build().writeTo(dir.resolve("two"));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DataPipeline.builder().dataDir(data).progressBars(false).build().run());
        assertTrue(e.getMessage().contains("too few images for the split: 2 usable image/mask pairs give train 0,"
                + " validation 1, test 1") && e.getMessage().contains("needs at least 3 pairs"), e.getMessage());
        assertFalse(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void plannedTestIdsAreTheSplitsTestIds() {
        PreparedData d = base().cacheDir(dir.resolve("cache")).build().run();
        assertEquals(d.test().ids().stream().sorted().toList(), base().build().plannedTestIds().stream().filter(
                id -> !d.droppedForNan().get(DatasetSplit.Part.TEST).contains(id)).toList());
    }
}
