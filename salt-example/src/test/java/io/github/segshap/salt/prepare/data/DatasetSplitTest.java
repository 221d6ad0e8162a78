package io.github.segshap.salt.prepare.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSplitTest {

    static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        Random r = new Random(n);
        Set<String> seen = new HashSet<>();
        while (ids.size() < n) {
            String id = String.format("%010x", r.nextLong() & 0xFFFFFFFFFFL);
            if (seen.add(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    @Test
    void sizesOfTheOriginalAndDisjointParts() {
        List<String> ids = ids(4000);
        DatasetSplit s = DatasetSplit.of(ids);
        assertEquals(2560, s.train().size());
        assertEquals(640, s.validation().size());
        assertEquals(800, s.test().size());
        Set<String> all = new HashSet<>(s.train());
        all.addAll(s.validation());
        all.addAll(s.test());
        assertEquals(new HashSet<>(ids), all);
        assertEquals(4000, s.size());
    }

    @Test
    void independentOfInputOrderAndStableAcrossCalls() {
        List<String> ids = ids(1000);
        DatasetSplit a = DatasetSplit.of(ids);
        for (int k = 0; k < 5; k++) {
            List<String> shuffled = new ArrayList<>(ids);
            Collections.shuffle(shuffled, new Random(k));
            assertEquals(a, DatasetSplit.of(shuffled));
        }
        assertNotEquals(a, DatasetSplit.of(ids, 7, 0.2, 0.2));
        // rounding as scikit-learn: ceil
        DatasetSplit small = DatasetSplit.of(ids(11));
        assertEquals(3, small.test().size());
        assertEquals(2, small.validation().size());
        assertEquals(6, small.train().size());
    }

    @Test
    void fixedPermutationForTheDocumentedAlgorithm() {
        // Fisher-Yates with Random(42) over sorted ids, re-computed here independently of DatasetSplit
        List<String> ids = ids(50);
        List<String> sorted = new ArrayList<>(ids);
        Collections.sort(sorted);
        Random r = new Random(42);
        for (int i = sorted.size() - 1; i > 0; i--) {
            Collections.swap(sorted, i, r.nextInt(i + 1));
        }
        List<String> test = new ArrayList<>(sorted.subList(0, 10));
        Collections.sort(test);
        assertEquals(test, DatasetSplit.of(ids).test());
    }

    @Test
    void writeAndReadBack(@TempDir Path dir) {
        DatasetSplit s = DatasetSplit.of(ids(100));
        s.write(dir);
        assertEquals(s, DatasetSplit.read(dir));
        assertTrue(dir.resolve("train.txt").toFile().isFile());
    }

    @Test
    void rejectsDuplicatesAndBadFractions() {
        assertThrows(IllegalArgumentException.class, () -> DatasetSplit.of(List.of("a", "a", "b")));
        assertThrows(IllegalArgumentException.class, () -> DatasetSplit.of(List.of("a"), 1, 1.0, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new DatasetSplit(List.of("a"), List.of("a"), List.of()));
    }
}
