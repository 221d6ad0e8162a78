package io.github.segshap.salt.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.salt.prepare.DataPipeline;
import io.github.segshap.salt.prepare.PreparedData;
import io.github.segshap.salt.prepare.SplitData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing {@code --samples} and the documented rule of {@code original9}. */
class SampleSelectionTest {
    @TempDir
    static Path tmp;
    static SplitData test;

    @BeforeAll
    static void data() {
        PreparedData d = DataPipeline.builder().synthetic(200).cacheDir(tmp).progressBars(false).build().run();
        test = d.test();
    }

    private static double coverage(String id) {
        float[] m = test.mask(test.indexOf(id));
        double n = 0;
        for (float v : m) {
            n += v > 0.5f ? 1 : 0;
        }
        return n / m.length;
    }

    @Test
    void original9FollowsTheRule() {
        List<String> ids = SampleSelection.parse("original9").resolve(test);
        assertEquals(9, ids.size());
        assertEquals(ids.stream().sorted().toList(), ids, "sorted");
        long salt = ids.stream().filter(id -> coverage(id) >= 0.05 && coverage(id) <= 0.95).count();
        long empty = ids.stream().filter(id -> coverage(id) == 0).count();
        assertTrue(salt >= SampleSelection.ORIGINAL_WITH_SALT, "with salt: " + salt);
        assertTrue(empty >= SampleSelection.ORIGINAL_EMPTY || salt + empty == 9, "empty: " + empty);
        // the first sorted test id with a salt boundary is always among them
        String firstSalt = test.ids().stream().sorted().filter(id -> coverage(id) >= 0.05 && coverage(id) <= 0.95)
                .findFirst().orElseThrow();
        assertTrue(ids.contains(firstSalt));
        assertEquals(ids, SampleSelection.original9().resolve(test), "deterministic");
    }

    @Test
    void allAndIds() {
        assertEquals(test.count(), SampleSelection.parse(" ALL ").resolve(test).size());
        String a = test.ids().get(3);
        String b = test.ids().get(1);
        assertEquals(List.of(a, b), SampleSelection.parse(a + ", " + b + "," + a).resolve(test));
        UnknownSampleException e = assertThrows(UnknownSampleException.class,
                () -> SampleSelection.parse(a + ",zzz").resolve(test));
        assertEquals(List.of("zzz"), e.unknown());
        assertTrue(e.getMessage().contains("not in the test set"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SampleSelection.parse("  "));
    }
}
