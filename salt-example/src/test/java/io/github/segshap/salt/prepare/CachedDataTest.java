package io.github.segshap.salt.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.salt.prepare.data.BadSamplePolicy;
import io.github.segshap.salt.io.JsonFiles;
import io.github.segshap.salt.prepare.preprocess.AttributeAxis;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cache manifest's data: snake_case now, and the camelCase keys of earlier entries still read. */
class CachedDataTest {

    /** The {@code data} object of a manifest written by the previous version. */
    private static final String OLD = """
            {"pipelineVersion": 1,
             "parameters": {"resolution": "seed", "axis": "horizontal", "nanPolicy": "fill", "badSamples": "skip",
                            "seed": 42, "testFraction": 0.2, "validationFraction": 0.25},
             "input": {"path": "/data/tgs", "kind": "directory", "files": 8, "fingerprint": "abc"},
             "versions": {"segshap": "development", "java": "17", "syntheticGenerator": 1},
             "channels": "seismic,energy,semblance,sobel",
             "splits": {"train": {"count": 2, "shape": [2, 4, 24, 24], "ids": ["a", "b"], "droppedForNan": ["c"]}},
             "skipped": [{"id": "d", "file": "/data/tgs/train/images/d.png", "reason": "truncated"}],
             "timings": "read 1 ms"}""";

    @Test
    void entriesOfThePreviousVersionRead() throws Exception {
        CachedData d = JsonFiles.JSON.readValue(OLD, CachedData.class);
        assertEquals(1, d.pipelineVersion());
        assertEquals(new PipelineParameters(ResolutionMode.SEED, AttributeAxis.HORIZONTAL, NanPolicy.FILL,
                BadSamplePolicy.SKIP, 42, 0.2, 0.25), d.parameters());
        assertEquals(1, d.versions().syntheticGenerator());
        assertEquals(List.of("a", "b"), d.splits().get("train").ids());
        assertEquals(List.of("c"), d.splits().get("train").droppedForNan());
        assertEquals("truncated", d.skipped().get(0).reason());
    }

    @Test
    void writesSnakeCaseAndReadsItBack() throws Exception {
        CachedData d = JsonFiles.JSON.readValue(OLD, CachedData.class);
        String json = JsonFiles.JSON.writeValueAsString(d);
        for (String key : List.of("\"pipeline_version\"", "\"nan_policy\"", "\"bad_samples\"", "\"test_fraction\"",
                "\"dropped_for_nan\"", "\"synthetic_generator\"")) {
            assertTrue(json.contains(key), key + " in " + json);
        }
        assertTrue(!json.matches("(?s).*\"[a-z]+[A-Z][A-Za-z]*\"\\s*:.*"), "no camelCase key: " + json);
        assertEquals(d, JsonFiles.JSON.readValue(json, CachedData.class));
    }
}
