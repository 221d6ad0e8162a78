package io.github.segshap.core.io;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.core.provenance.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExplanationFolderTest {
    @TempDir
    Path tmp;

    static Explanations sample(long seed, boolean errors) {
        Random r = new Random(seed);
        ImageShape shape = new ImageShape(2, 3, 4);
        OutputShape os = OutputShape.of(2, 3, 4);
        List<Explanation> items = new ArrayList<>();
        List<Image> inputs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int k = os.size();
            double[] base = new double[k];
            double[] out = new double[k];
            double[][] v = new double[2][k];
            double[][] se = errors ? new double[2][k] : null;
            for (int o = 0; o < k; o++) {
                base[o] = r.nextDouble();
                v[0][o] = r.nextGaussian() * 1e-7;
                v[1][o] = r.nextGaussian();
                out[o] = base[o] + v[0][o] + v[1][o];
                if (se != null) {
                    se[0][o] = r.nextDouble();
                    se[1][o] = r.nextDouble();
                }
            }
            items.add(Explanation.builder(List.of("seismic", "sobel"), os).baseValues(base).outputs(out).values(v)
                    .standardErrors(se).explainer(errors ? "kernel" : "exact").modelEvaluations(10 + i).build());
            double[] x = new double[shape.size()];
            for (int j = 0; j < x.length; j++) {
                x[j] = r.nextGaussian();
            }
            inputs.add(Image.of(shape, x));
        }
        Provenance p = Provenance.builder(errors ? "kernel" : "exact").budget(errors ? 100 : 0).seed(seed)
                .masker("background").background(5, Fingerprint.ofBytes(new byte[] {1}), List.of("3", "9"), 42)
                .players(List.of("seismic", "sobel"), "channels").model("test model", "")
                .explainerOption("pairing", true).extra("data", "sha256:00").created("2026-01-02T03:04:05Z").build();
        return Explanations.of(List.of("a", "b/../c", "d"), inputs, items, shape, p);
    }

    @Test
    void readsBackExactlyWhatItWrites() {
        for (boolean errors : new boolean[] {false, true}) {
            Explanations ex = sample(7, errors);
            Path dir = ExplanationFolder.write(ex, tmp.resolve("out-" + errors));
            Explanations back = ExplanationFolder.read(dir);
            assertEquals(ex.ids(), back.ids());
            assertEquals(ex.playerNames(), back.playerNames());
            assertEquals(ex.outputShape(), back.outputShape());
            assertEquals(ex.imageShape(), back.imageShape());
            assertEquals(ex.provenance(), back.provenance());
            for (int i = 0; i < ex.size(); i++) {
                assertArrayEquals(ex.get(i).baseValues(), back.get(i).baseValues(), 0);
                assertArrayEquals(ex.get(i).outputs(), back.get(i).outputs(), 0);
                for (int p = 0; p < 2; p++) {
                    assertArrayEquals(ex.get(i).values(p), back.get(i).values(p), 0);
                }
                assertEquals(ex.get(i).standardErrors().isPresent(), back.get(i).standardErrors().isPresent());
                if (errors) {
                    assertArrayEquals(ex.get(i).standardErrors().get()[1], back.get(i).standardErrors().get()[1], 0);
                }
                assertEquals(ex.input(i), back.input(i));
                assertEquals(ex.get(i).modelEvaluations(), back.get(i).modelEvaluations());
            }
            assertEquals(ex.explainer(), back.explainer());
        }
    }

    @Test
    void numpyShapesAreDocumented() {
        Path dir = ExplanationFolder.write(sample(8, true), tmp.resolve("shapes"));
        assertArrayEquals(new int[] {3, 2, 3, 4}, Npy.read(dir.resolve("base_values.npy")).shape());
        assertArrayEquals(new int[] {3, 2, 2, 3, 4}, Npy.read(dir.resolve("contributions.npy")).shape());
        assertArrayEquals(new int[] {3, 2, 3, 4}, Npy.read(dir.resolve("prediction.npy")).shape());
        assertArrayEquals(new int[] {3, 2, 2, 3, 4}, Npy.read(dir.resolve("standard_errors.npy")).shape());
        assertArrayEquals(new int[] {3, 2, 3, 4}, Npy.read(dir.resolve("inputs.npy")).shape());
    }

    @Test
    void readsTheVersionOneFixture() throws URISyntaxException {
        Path dir = Path.of(getClass().getResource("explanation-v1").toURI());
        Explanations ex = ExplanationFolder.read(dir);
        assertEquals(2, ex.size());
        assertEquals(List.of("0", "1"), ex.ids());
        assertEquals(List.of("seismic", "sobel"), ex.playerNames());
        assertEquals(new ImageShape(2, 3, 2), ex.imageShape());
        assertFalse(ex.hasInputs());
        assertTrue(ex.provenance().isEmpty());
        assertEquals("kernel", ex.explainer());
        assertEquals(41, ex.get(1).modelEvaluations());
        // the fixture's values are 0.25 + 0.01 k + i (base), 0.1 k - i and -0.05 k + 0.5 i (players)
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < 6; k++) {
                assertEquals(0.25 + 0.01 * k + i, ex.get(i).baseValue(k), 1e-15);
                assertEquals(0.1 * k - i, ex.get(i).value(0, k), 1e-15);
                assertEquals(-0.05 * k + 0.5 * i, ex.get(i).value(1, k), 1e-15);
                assertEquals(0.002 * k + i, ex.get(i).standardErrors().get()[1][k], 1e-15);
            }
        }
        assertTrue(ex.maxAbsResidual() < 1e-15);
    }

    @Test
    void aChangedArrayIsNamed() throws IOException {
        Path dir = ExplanationFolder.write(sample(9, false), tmp.resolve("tampered"));
        Path contributions = dir.resolve("contributions.npy");
        byte[] bytes = Files.readAllBytes(contributions);
        int at = bytes.length - 8;
        double v = ByteBuffer.wrap(bytes, at, 8).order(ByteOrder.LITTLE_ENDIAN).getDouble();
        ByteBuffer.wrap(bytes, at, 8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v + 0.3);
        Files.write(contributions, bytes);
        CorruptFolderException e = assertThrows(CorruptFolderException.class, () -> ExplanationFolder.read(dir));
        assertEquals(contributions, e.file());
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void aTruncatedArrayIsNamed() throws IOException {
        Path dir = ExplanationFolder.write(sample(10, false), tmp.resolve("truncated"));
        Path base = dir.resolve("base_values.npy");
        byte[] bytes = Files.readAllBytes(base);
        Files.write(base, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CorruptFolderException e = assertThrows(CorruptFolderException.class, () -> ExplanationFolder.read(dir));
        assertEquals(base, e.file());
    }

    @Test
    void missingOrForeignJsonIsNamed() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CorruptFolderException missing = assertThrows(CorruptFolderException.class,
                () -> ExplanationFolder.read(empty));
        assertTrue(missing.getMessage().contains("explanation.json is missing"), missing.getMessage());
        Path garbage = Files.createDirectories(tmp.resolve("garbage"));
        Files.writeString(garbage.resolve("explanation.json"), "{not json");
        CorruptFolderException bad = assertThrows(CorruptFolderException.class, () -> ExplanationFolder.read(garbage));
        assertTrue(bad.getMessage().contains("JSON"), bad.getMessage());
    }

    @Test
    void theExplainerIsWrittenAsExplainerAndReadFromTheOldMethodKeyToo() throws IOException {
        Path dir = ExplanationFolder.write(sample(13, true), tmp.resolve("key"));
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve(ExplanationFolder.JSON).toFile());
        assertEquals("kernel", json.path("explainer").asText());
        assertFalse(json.has("method"), "the concept is the explainer: " + json);
        json.set("method", json.remove("explainer"));   // as folders written before the rename
        Files.writeString(dir.resolve(ExplanationFolder.JSON), json.toString());
        assertEquals("kernel", ExplanationFolder.read(dir).explainer());
    }

    @Test
    void rewritingReplacesTheWholeFolderAndLeavesNoTemporaryFolders() throws IOException {
        Path dir = tmp.resolve("again");
        ExplanationFolder.write(sample(11, true), dir);
        ExplanationFolder.write(sample(12, false), dir);
        assertFalse(Files.exists(dir.resolve("standard_errors.npy")), "the old folder's files are gone");
        assertEquals("exact", ExplanationFolder.read(dir).explainer());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(dir), s.toList());
        }
        assertEquals(sample(12, false).provenance(), ExplanationFolder.readProvenance(dir));
    }

    @Test
    void aFailedWriteKeepsTheOldFolder() {
        Path dir = tmp.resolve("kept");
        ExplanationFolder.write(sample(13, false), dir);
        assertThrows(java.io.UncheckedIOException.class, () -> ExplanationFolder.write(sample(14, false), dir,
                folder -> {
                    throw new IOException("disk full (injected)");
                }));
        assertEquals(sample(13, false).provenance(), ExplanationFolder.read(dir).provenance());
    }

    @Test
    void mapsAreViewsOfTheFlatValuesAfterReading() {
        Explanations back = ExplanationFolder.read(ExplanationFolder.write(sample(15, false), tmp.resolve("maps")));
        Explanation e = back.get(1);
        assertEquals(e.values(1)[12 + 2 * 4 + 3], e.map(1, 1)[2][3]);
        assertEquals(e.map(1, 0)[1][1], back.contributionMap(1, 1, 0)[1][1]);
        assertEquals(e.baseValues()[12 + 4 + 1], e.baseValueMap(1)[1][1]);
        assertEquals(e.outputs()[2 * 4 + 3], e.outputMap(0)[2][3]);
        assertFalse(Files.exists(tmp.resolve("maps").resolve("standard_errors.npy")), "exact: no standard errors");
        assertTrue(back.get(0).standardErrors().isEmpty());
    }

    @Test
    void anArrayOfTheWrongShapeIsNamed() throws Exception {
        Path fixture = Path.of(getClass().getResource("explanation-v1").toURI());
        Path dir = Files.createDirectories(tmp.resolve("v1-copy"));
        try (Stream<Path> s = Files.list(fixture)) {
            for (Path f : s.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Npy.write(dir.resolve("prediction.npy"), new double[4], 4);
        CorruptFolderException e = assertThrows(CorruptFolderException.class, () -> ExplanationFolder.read(dir));
        assertEquals(dir.resolve("prediction.npy"), e.file());
        assertTrue(e.getMessage().contains("shape [4], the JSON says [2, 1, 3, 2]"), e.getMessage());
    }
}
