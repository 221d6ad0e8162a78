package io.github.segshap.salt.prepare.data;

import static io.github.segshap.salt.TestResources.grid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.segshap.salt.TestResources;
import io.github.segshap.salt.prepare.preprocess.Resampling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader and the split on the real TGS training set ({@code segshap.data}). */
class SaltDatasetReaderDataTest {
    private static SaltDataset data;

    @BeforeAll
    static void readAll() {
        data = SaltDatasetReader.builder().depths(true).build().read(TestResources.data());
    }

    @Test
    void readsAll4000PairsWithTheDocumentedFacts() {
        assertEquals(4000, data.size());
        assertTrue(data.skipped().isEmpty());
        List<String> sorted = new ArrayList<>(data.ids());
        Collections.sort(sorted);
        assertEquals(sorted, data.ids());
        long empty = data.samples().stream().filter(s -> s.saltPixels() == 0).count();
        long constant = data.samples().stream().filter(SaltSample::isConstant).count();
        assertEquals(1562, empty, "SOURCE.md: 1562 empty masks");
        assertEquals(80, constant, "SOURCE.md: 80 constant images");
        assertTrue(data.samples().stream().allMatch(s -> s.height() == 101 && s.width() == 101));
        assertTrue(data.samples().stream().allMatch(s -> !Double.isNaN(s.depth())), "depths.csv covers every id");
    }

    @Test
    void imagesAndMaskChainMatchTheReference() {
        JsonNode root = TestResources.attributesJson("attributes.json");
        Map<String, SaltSample> byId = data.byId();
        for (JsonNode c : root.get("cases")) {
            SaltSample s = byId.get(c.get("id").asText());
            assertArrayEquals(grid(c.get("image101")), s.imageAsDoubles(), 0.0, "image101 of " + s.id());
            double[] mask = s.maskAsDoubles();
            for (int i = 0; i < mask.length; i++) {
                mask[i] *= 65535;
            }
            double[] m48 = Resampling.resize(Resampling.decimate(mask, 101, 101, 2), 51, 51, 48, 48);
            double[] expectedResized = grid(c.get("mask48_resized"));
            double[] expectedBinary = grid(c.get("mask48_binary"));
            for (int i = 0; i < m48.length; i++) {
                // the reference mask went through float32: allow its rounding
                assertEquals(expectedResized[i], m48[i], 1e-6 * 65535, s.id() + " mask48 at " + i);
                assertEquals(expectedBinary[i], m48[i] != 0 ? 1.0 : 0.0, s.id() + " mask48_binary at " + i);
            }
        }
    }

    @Test
    void splitIs2560_640_800DisjointAndStable() {
        DatasetSplit s = DatasetSplit.of(data.ids());
        assertEquals(2560, s.train().size());
        assertEquals(640, s.validation().size());
        assertEquals(800, s.test().size());
        Set<String> all = new HashSet<>(s.train());
        all.addAll(s.validation());
        all.addAll(s.test());
        assertEquals(4000, all.size());
        List<String> shuffled = new ArrayList<>(data.ids());
        Collections.shuffle(shuffled, new Random(1));
        assertEquals(s, DatasetSplit.of(shuffled));
        assertEquals(s, DatasetSplit.of(SaltDatasetReader.builder().build().read(TestResources.data()).ids()));
    }

    @Test
    void aCopyInShuffledFileOrderReadsTheSame(@TempDir Path dir) throws IOException {
        List<String> ids = new ArrayList<>(data.ids().subList(0, 300));
        Collections.shuffle(ids, new Random(9));
        Path src = TestResources.data().resolve("train");
        Files.createDirectories(dir.resolve("images"));
        Files.createDirectories(dir.resolve("masks"));
        for (String id : ids) { // created in shuffled order
            Files.copy(src.resolve("masks/" + id + ".png"), dir.resolve("masks/" + id + ".png"));
            Files.copy(src.resolve("images/" + id + ".png"), dir.resolve("images/" + id + ".png"));
        }
        SaltDataset copy = SaltDatasetReader.builder().build().read(dir);
        assertEquals(data.samples().subList(0, 300).stream().map(SaltSample::id).toList(), copy.ids());
        for (int i = 0; i < 300; i++) {
            assertArrayEquals(data.samples().get(i).imageBytes(), copy.samples().get(i).imageBytes());
            assertArrayEquals(data.samples().get(i).mask(), copy.samples().get(i).mask());
        }
        List<String> sortedSubset = new ArrayList<>(ids);
        assertEquals(DatasetSplit.of(sortedSubset), DatasetSplit.of(copy.ids()));
    }
}
