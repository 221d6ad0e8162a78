package io.github.segshap.salt.explain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.io.NpyDType;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.salt.report.ExplainedSample;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleFilesTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheVersionOneFixture() throws URISyntaxException {
        Path dir = Path.of(getClass().getResource("explanations-v1").toURI());
        assertTrue(SampleFiles.isComplete(dir.resolve("abc123"), "fixture-key"));
        assertFalse(SampleFiles.isComplete(dir.resolve("abc123"), "other-key"));
        assertEquals(List.of("abc123"), SampleFiles.completeIds(dir, "fixture-key"));
        ExplainedSample s = SampleFiles.read(dir.resolve("abc123"));
        assertEquals("abc123", s.id());
        assertEquals(ExplanationStage.PLAYER_NAMES, s.channelNames());
        assertEquals(3, s.prediction().length);
        assertEquals(4, s.prediction()[0].length);
        // the fixture's values, as numpy prints them
        assertEquals(0.30, s.baseValues()[0][0], 1e-12);
        assertEquals(0.31, s.baseValues()[0][1], 1e-12);
        assertEquals(0.33, s.prediction()[0][1], 1e-12);
        assertEquals(-0.06, s.contributions()[2][0][0], 1e-12);
        assertEquals(0.06, s.contributions()[2][2][0], 1e-12);
        assertEquals(-0.1, s.inputs()[0][0][1], 1e-6);
        assertEquals(1.0, s.truth()[0][1]);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                double sum = s.baseValues()[r][c];
                for (int p = 0; p < 4; p++) {
                    sum += s.contributions()[p][r][c];
                }
                assertEquals(s.prediction()[r][c], sum, 1e-12, "additive at " + r + "," + c);
            }
        }
    }

    @Test
    void aWrittenSampleReadsBackWithItsProvenanceAndTheSameFiles() throws Exception {
        ImageShape shape = new ImageShape(4, 3, 4);
        OutputShape os = OutputShape.of(1, 3, 4);
        int k = os.size();
        double[] base = new double[k];
        double[][] values = new double[4][k];
        double[] out = new double[k];
        float[] inputs = new float[shape.size()];
        float[] truth = new float[k];
        for (int o = 0; o < k; o++) {
            base[o] = 0.2 + 0.01 * o;
            out[o] = base[o];
            for (int p = 0; p < 4; p++) {
                values[p][o] = 0.03 * (p + 1) * Math.sin(o + p);
                out[o] += values[p][o];
            }
            truth[o] = o % 3 == 0 ? 1 : 0;
        }
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = i * 0.5f - 3;
        }
        Explanation e = Explanation.builder(ExplanationStage.PLAYER_NAMES, os).baseValues(base).values(values)
                .outputs(out).method("exact").modelEvaluations(1501).build();
        Provenance p = Provenance.builder("exact").masker("background").padding("reflect 3x4 to 4x4")
                .players(ExplanationStage.PLAYER_NAMES, "channels").build();
        Explanations ex = Explanations.of(List.of("s1"), List.of(), List.of(e), shape, p);
        ObjectNode meta = new ObjectMapper().createObjectNode().put("key", "k1");
        Path dir = tmp.resolve("explanations");
        SampleFiles.write(dir, "s1", ex, inputs, truth, meta);
        SampleFiles.write(dir, "s1", ex, inputs, truth, meta);   // replaces the folder

        Path sample = dir.resolve("s1");
        assertTrue(SampleFiles.isComplete(sample, "k1"));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(sample), s.toList(), "no temporary folders are left");
        }
        assertEquals(NpyDType.FLOAT32, Npy.read(sample.resolve("inputs.npy")).dtype());
        assertArrayEquals(new int[] {4, 3, 4}, Npy.read(sample.resolve("inputs.npy")).shape());
        assertArrayEquals(new int[] {3, 4}, Npy.read(sample.resolve("truth.npy")).shape());
        assertEquals(1501, SampleFiles.metadata(sample).orElseThrow().path("model_evaluations").asLong());
        assertEquals(p, ExplanationFolder.readProvenance(sample).orElseThrow());

        ExplainedSample back = SampleFiles.read(sample);
        assertArrayEquals(e.map(2)[1], back.contributions()[2][1], 0);
        assertArrayEquals(e.outputMap(0)[2], back.prediction()[2], 0);
        assertArrayEquals(e.baseValueMap(0)[0], back.baseValues()[0], 0);
        assertEquals(inputs[shape.index(3, 2, 1)], back.inputs()[3][2][1], 0);
        assertEquals(1.0, back.truth()[0][0]);
    }
}
