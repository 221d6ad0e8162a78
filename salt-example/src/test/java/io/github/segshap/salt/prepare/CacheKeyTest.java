package io.github.segshap.salt.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.segshap.salt.prepare.data.BadSamplePolicy;
import io.github.segshap.salt.prepare.preprocess.AttributeAxis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache key of fixed input files, pinned: a change to how the key is made would orphan every
 * existing cache entry (and the fingerprints recorded in run folders), so it must be deliberate.
 * The pinned value was recomputed outside Java from the recipe: SHA-256 of
 * {@code {"pipelineVersion":1,"parameters":{...},"fingerprint":F}} with F the SHA-256 of the lines
 * {@code train/<kind>/<id>.png <size> <sha256>} in sorted order.
 */
class CacheKeyTest {
    private static final PipelineParameters DEFAULTS = new PipelineParameters(ResolutionMode.SEED,
            AttributeAxis.HORIZONTAL, NanPolicy.DROP, BadSamplePolicy.FAIL, 42, 0.2, 0.2);

    @TempDir
    Path dir;

    private Path input() throws IOException {
        for (String kind : new String[] {"images", "masks"}) {
            Path folder = Files.createDirectories(dir.resolve("tgs").resolve("train").resolve(kind));
            for (String id : new String[] {"a1", "b2", "c3"}) {
                Files.writeString(folder.resolve(id + ".png"), kind + " of " + id, StandardCharsets.UTF_8);
            }
        }
        return dir.resolve("tgs");
    }

    @Test
    void theKeyOfFixedFilesIsPinned() throws IOException {
        CacheKey key = CacheKey.of(input(), DEFAULTS, false);
        assertEquals("sha256:eef9288c9c2f59998047106188e26cdce8c0a17b4fd2629ebd6d08c3f385819c", key.fingerprint());
        assertEquals(key.fingerprint().substring("sha256:".length(), "sha256:".length() + 24), key.value());
        assertEquals(6, key.input().files());
        assertEquals("directory", key.input().kind());
    }

    @Test
    void everyParameterAndEveryByteIsInTheKey() throws IOException {
        Path in = input();
        String base = CacheKey.of(in, DEFAULTS, false).value();
        assertNotEquals(base, CacheKey.of(in, new PipelineParameters(ResolutionMode.SEED, AttributeAxis.HORIZONTAL,
                NanPolicy.DROP, BadSamplePolicy.FAIL, 43, 0.2, 0.2), false).value(), "seed");
        assertNotEquals(base, CacheKey.of(in, new PipelineParameters(ResolutionMode.FULL, AttributeAxis.HORIZONTAL,
                NanPolicy.DROP, BadSamplePolicy.FAIL, 42, 0.2, 0.2), false).value(), "resolution");
        Files.writeString(in.resolve("train/masks/b2.png"), "masks of b3", StandardCharsets.UTF_8);
        assertNotEquals(base, CacheKey.of(in, DEFAULTS, false).value(), "one byte of one mask");
    }
}
