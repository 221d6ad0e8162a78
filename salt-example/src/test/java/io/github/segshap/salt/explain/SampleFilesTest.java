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
import io.github.segshap.core.io.CorruptFolderException;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleFilesTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheVersionOneFixture() throws URISyntaxException {
        Path dir = Path.of(getClass().getResource("explanations-v1").toURI());
        // today's layout is explanations/samples/<id>/; version 1 kept the folders in explanations/<id>/
        assertEquals(dir.resolve("abc123"), SampleFiles.folder(dir, "abc123"));
        assertEquals(List.of("abc123"), SampleFiles.ids(dir));
        assertTrue(SampleFiles.provenance(dir.resolve("abc123")).isEmpty(), "version 1 recorded no provenance");
        Explanations saved = SampleFiles.read(dir.resolve("abc123"));
        Explained s = new Explained(saved);
        assertEquals(List.of("abc123"), saved.ids());
        assertEquals(ExplanationStage.PLAYER_NAMES, saved.playerNames());
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
                .outputs(out).explainer("exact").modelEvaluations(1501).build();
        Provenance p = Provenance.builder("exact").masker("background").padding("reflect 3x4 to 4x4")
                .players(ExplanationStage.PLAYER_NAMES, "channels").build();
        Explanations ex = Explanations.of(List.of("s1"), List.of(), List.of(e), shape, p);
        ObjectNode meta = new ObjectMapper().createObjectNode().put("test_index", 3);
        Path dir = tmp.resolve("explanations");
        SampleFiles.write(dir, "s1", ex, inputs, truth, meta);
        SampleFiles.write(dir, "s1", ex, inputs, truth, meta);   // replaces the folder

        Path sample = dir.resolve("samples/s1");
        assertEquals(sample, SampleFiles.folder(dir, "s1"));
        assertEquals(List.of("s1"), SampleFiles.ids(dir));
        try (Stream<Path> s = Files.list(dir.resolve("samples"))) {
            assertEquals(List.of(sample), s.toList(), "no temporary folders are left");
        }
        // the explanation folder's own arrays since the one store (float32 [4, 3, 4] and [3, 4] before)
        assertEquals(NpyDType.FLOAT64, Npy.read(sample.resolve("inputs.npy")).dtype());
        assertArrayEquals(new int[] {1, 4, 3, 4}, Npy.read(sample.resolve("inputs.npy")).shape());
        assertArrayEquals(new int[] {1, 1, 3, 4}, Npy.read(sample.resolve("truth.npy")).shape());
        assertEquals(1501, SampleFiles.metadata(sample).orElseThrow().path("model_evaluations").asLong());
        assertEquals("exact", SampleFiles.metadata(sample).orElseThrow().path("explainer").asText());
        assertFalse(SampleFiles.metadata(sample).orElseThrow().has("method"), "the concept is the explainer");
        assertEquals(p, ExplanationFolder.readProvenance(sample).orElseThrow());

        Explained back = new Explained(SampleFiles.read(sample));
        assertArrayEquals(e.map(2)[1], back.contributions()[2][1], 0);
        assertArrayEquals(e.outputMap(0)[2], back.prediction()[2], 0);
        assertArrayEquals(e.baseValueMap(0)[0], back.baseValues()[0], 0);
        assertEquals(inputs[shape.index(3, 2, 1)], back.inputs()[3][2][1], 0);
        assertEquals(1.0, back.truth()[0][0]);
    }

    @Test
    void aSampleWhoseFileIdsAreTheFolderFilesDoesNotDestroyThem() throws Exception {
        Path dir = tmp.resolve("explanations");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("selection.json"), "{}");
        Explanations ex = Explanations.of(List.of("selection.json"), List.of(), List.of(tiny()), new ImageShape(4, 1, 2),
                null);
        SampleFiles.write(dir, "selection.json", ex, new float[8], new float[2], new ObjectMapper().createObjectNode());
        assertEquals("{}", Files.readString(dir.resolve("selection.json")), "the selection is kept");
        assertTrue(Files.isDirectory(dir.resolve("samples/selection.json")));
    }

    @Test
    void aTamperedOrTruncatedArrayIsNamed() throws Exception {
        Path dir = tmp.resolve("explanations");
        Explanations ex = Explanations.of(List.of("t"), List.of(), List.of(tiny()), new ImageShape(4, 1, 2), null);
        Path sample = SampleFiles.write(dir, "t", ex, new float[8], new float[] {1, 0},
                new ObjectMapper().createObjectNode());
        SampleFiles.read(sample);
        // same size, one value changed: inputs.npy's last float
        byte[] in = Files.readAllBytes(sample.resolve("inputs.npy"));
        in[in.length - 1] ^= 0x10;
        Files.write(sample.resolve("inputs.npy"), in);
        CorruptFolderException e = assertThrows(CorruptFolderException.class, () -> SampleFiles.read(sample));
        assertEquals(sample.resolve("inputs.npy"), e.file());
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        // a truncated contributions.npy
        Path again = SampleFiles.write(dir, "t", ex, new float[8], new float[] {1, 0},
                new ObjectMapper().createObjectNode());
        byte[] c = Files.readAllBytes(again.resolve("contributions.npy"));
        Files.write(again.resolve("contributions.npy"), java.util.Arrays.copyOf(c, c.length / 2));
        e = assertThrows(CorruptFolderException.class, () -> SampleFiles.read(again));
        assertEquals(again.resolve("contributions.npy"), e.file());
    }

    /**
     * A sample folder as the code before the one store wrote it: the explanation folder without
     * inputs, and beside it inputs.npy float32 [C, H, W], truth.npy [H, W] and their checksums in
     * sample.json. It is read (so a rerun resumes it), and its checksums still name a changed file.
     */
    @Test
    void readsTheSampleFoldersWrittenBeforeTheOneStore() throws Exception {
        Path dir = tmp.resolve("explanations");
        Path sample = dir.resolve("samples/old");
        Explanations ex = Explanations.of(List.of("old"), List.of(), List.of(tiny()), new ImageShape(4, 1, 2),
                Provenance.builder("exact").build());
        float[] inputs = {1, 2, 3, 4, 5, 6, 7, 8.5f};
        ExplanationFolder.write(ex, sample, partial -> {
            Npy.write(partial.resolve("inputs.npy"), inputs, 4, 1, 2);
            Npy.write(partial.resolve("truth.npy"), new float[] {0, 1}, 1, 2);
            ObjectNode meta = new ObjectMapper().createObjectNode().put("id", "old");
            meta.putObject("checksums")
                    .put("inputs.npy", io.github.segshap.core.provenance.Fingerprint.ofFile(partial.resolve("inputs.npy")))
                    .put("truth.npy", io.github.segshap.core.provenance.Fingerprint.ofFile(partial.resolve("truth.npy")));
            Files.writeString(partial.resolve("sample.json"), meta.toString());
        });
        assertEquals(List.of("old"), SampleFiles.ids(dir));
        Explanations back = SampleFiles.read(sample);
        assertArrayEquals(new boolean[] {false, true}, back.label(0));
        assertEquals(8.5, back.input(0).get(3, 0, 1), 0);
        assertEquals(ex.get(0).values(2)[1], back.get(0).values(2)[1], 0);
        Npy.write(sample.resolve("truth.npy"), new float[] {1, 1}, 1, 2);
        CorruptFolderException e = assertThrows(CorruptFolderException.class, () -> SampleFiles.read(sample));
        assertEquals(sample.resolve("truth.npy"), e.file());
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void leftoversOfAKilledRunAreCleanedInBothLayoutsAndNothingElse() throws Exception {
        Path dir = tmp.resolve("explanations");
        Path partial = Files.createDirectories(dir.resolve("samples/.partial-s1-99"));
        Path stale = Files.createDirectories(dir.resolve(".stale-s2-1"));
        Path selection = Files.writeString(dir.resolve("selection.json"), "{}");
        assertEquals(List.of(partial, stale), SampleFiles.cleanPartial(dir));
        assertFalse(Files.exists(partial));
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(selection));
    }

    private static Explanation tiny() {
        return Explanation.builder(ExplanationStage.PLAYER_NAMES, OutputShape.of(1, 1, 2))
                .baseValues(new double[] {0.5, 0.5}).values(new double[][] {{0.1, 0}, {0, 0}, {0, 0.2}, {0, 0}})
                .outputs(new double[] {0.6, 0.7}).explainer("exact").build();
    }

    /** A saved sample as maps, [row][column] and [player][row][column], to state the fixture's values. */
    private record Explained(double[][] baseValues, double[][] prediction, double[][][] contributions,
                             double[][][] inputs, double[][] truth) {
        Explained(Explanations s) {
            this(s.get(0).baseValueMap(0), s.get(0).outputMap(0), maps(s), inputs(s), truthMap(s));
        }

        private static double[][][] maps(Explanations s) {
            Explanation e = s.get(0);
            double[][][] out = new double[e.players()][][];
            for (int p = 0; p < out.length; p++) {
                out[p] = e.map(p);
            }
            return out;
        }

        private static double[][][] inputs(Explanations s) {
            ImageShape sh = s.imageShape();
            double[][][] out = new double[sh.channels()][sh.height()][sh.width()];
            for (int c = 0; c < sh.channels(); c++) {
                for (int y = 0; y < sh.height(); y++) {
                    for (int x = 0; x < sh.width(); x++) {
                        out[c][y][x] = s.input(0).get(c, y, x);
                    }
                }
            }
            return out;
        }

        private static double[][] truthMap(Explanations s) {
            ImageShape sh = s.imageShape();
            boolean[] t = s.label(0);
            double[][] out = new double[sh.height()][sh.width()];
            for (int i = 0; i < t.length; i++) {
                out[i / sh.width()][i % sh.width()] = t[i] ? 1 : 0;
            }
            return out;
        }
    }
}
