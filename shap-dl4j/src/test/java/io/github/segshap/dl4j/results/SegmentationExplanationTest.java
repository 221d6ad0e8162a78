package io.github.segshap.dl4j.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.model.OutputShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentationExplanationTest {

    private static SegmentationExplanation sample(double offset, boolean errors) {
        OutputShape os = OutputShape.of(2, 3, 4);
        int k = os.size();
        double[] base = new double[k];
        double[][] values = new double[2][k];
        double[][] se = errors ? new double[2][k] : null;
        double[] out = new double[k];
        for (int i = 0; i < k; i++) {
            base[i] = 0.1 * i + offset;
            values[0][i] = Math.sin(i + offset);
            values[1][i] = Math.cos(i * 0.3);
            out[i] = base[i] + values[0][i] + values[1][i];
            if (errors) {
                se[0][i] = 0.01 * i;
                se[1][i] = 0.02;
            }
        }
        Explanation e = Explanation.builder(List.of("a", "b"), os).baseValues(base).values(values).outputs(out)
                .standardErrors(se).method("kernel").modelEvaluations(123).build();
        return new SegmentationExplanation(e, new ImageShape(2, 3, 4));
    }

    @Test
    void savedFilesReloadExactlyAndNumpyShapesAreDocumented(@TempDir Path dir) throws Exception {
        List<SegmentationExplanation> all = List.of(sample(0, true), sample(1, true), sample(2, true));
        SegmentationExplanation.saveAll(all, dir);
        assertArrayEquals(new int[] {3, 2, 2, 3, 4}, Npy.read(dir.resolve("contributions.npy")).shape());
        assertArrayEquals(new int[] {3, 2, 3, 4}, Npy.read(dir.resolve("base_values.npy")).shape());
        assertArrayEquals(new int[] {3, 2, 3, 4}, Npy.read(dir.resolve("prediction.npy")).shape());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("explanation.json").toFile());
        assertEquals("a", json.get("players").get(0).asText());
        assertEquals("kernel", json.get("method").asText());
        assertEquals(123, json.get("model_evaluations").get(2).asLong());
        List<SegmentationExplanation> back = SegmentationExplanation.loadAll(dir);
        assertEquals(3, back.size());
        for (int i = 0; i < 3; i++) {
            SegmentationExplanation a = all.get(i);
            SegmentationExplanation b = back.get(i);
            assertEquals(a.playerNames(), b.playerNames());
            assertEquals(a.outputShape(), b.outputShape());
            assertEquals(a.imageShape(), b.imageShape());
            assertArrayEquals(a.baseValues(), b.baseValues(), 0);
            assertArrayEquals(a.prediction(), b.prediction(), 0);
            assertArrayEquals(a.contributions()[1], b.contributions()[1], 0);
            assertArrayEquals(a.explanation().standardErrors().orElseThrow()[0],
                    b.explanation().standardErrors().orElseThrow()[0], 0);
            assertEquals(123, b.modelEvaluations());
            assertEquals("kernel", b.method());
        }
    }

    @Test
    void singleExplanationRoundTrip(@TempDir Path dir) {
        SegmentationExplanation e = sample(0, false);
        e.save(dir);
        SegmentationExplanation back = SegmentationExplanation.load(dir);
        assertArrayEquals(e.contributionMap(0, 1)[2], back.contributionMap(0, 1)[2], 0);
        assertTrue(back.explanation().standardErrors().isEmpty());
        assertTrue(Files.notExists(dir.resolve("standard_errors.npy")));
    }

    @Test
    void mapsAreViewsOfTheFlatValues() {
        SegmentationExplanation e = sample(0, false);
        assertEquals(e.contributions()[1][12 + 2 * 4 + 3], e.contributionMap(1, 1)[2][3]);
        assertEquals(e.contributionMap("b")[1][1], e.contributionMap(1)[1][1]);
        assertThrows(IllegalArgumentException.class, () -> e.contributionMap("c"));
        SegmentationExplanation c = e.cropCenter(1, 2);
        assertEquals(OutputShape.of(2, 1, 2), c.outputShape());
        assertEquals(e.baseValueMap(1)[1][1], c.baseValueMap(1)[0][0]);
    }

    @Test
    void mismatchedOrMissingFilesAreNamed(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SegmentationExplanation.loadAll(dir));
        assertTrue(e.getMessage().contains("explanation.json is missing"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SegmentationExplanation.saveAll(List.of(), dir));
        Explanation other = Explanation.builder(List.of("x", "y"), OutputShape.of(2, 3, 4))
                .baseValues(new double[24]).values(new double[2][24]).outputs(new double[24]).build();
        e = assertThrows(IllegalArgumentException.class, () -> SegmentationExplanation.saveAll(
                List.of(sample(0, false), new SegmentationExplanation(other, new ImageShape(2, 3, 4))), dir));
        assertTrue(e.getMessage().contains("does not match explanation 0"), e.getMessage());
        sample(0, false).save(dir);
        Npy.write(dir.resolve("prediction.npy"), new double[4], 4);
        e = assertThrows(IllegalArgumentException.class, () -> SegmentationExplanation.load(dir));
        assertTrue(e.getMessage().contains("prediction.npy has shape [4]"), e.getMessage());
    }
}
