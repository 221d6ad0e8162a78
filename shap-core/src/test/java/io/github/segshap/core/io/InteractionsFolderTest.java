package io.github.segshap.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.interactions.InteractionMaps;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.provenance.Fingerprint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code interactions.npy} and {@code interactions.json} in an explanation folder. */
class InteractionsFolderTest {
    private static final List<String> NAMES = List.of("seismic", "energy", "sobel");
    private static final OutputShape OUT = OutputShape.of(2, 2, 3);

    @TempDir
    Path tmp;

    /** Explanations whose interaction values are random but consistent (rows sum to the values). */
    static Explanations withInteractions(boolean interactions, long seed) {
        Random r = new Random(seed);
        int m = NAMES.size();
        int k = OUT.size();
        List<Explanation> items = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            double[] phi = new double[m * m * k];
            for (int a = 0; a < m; a++) {
                for (int b = a; b < m; b++) {
                    for (int o = 0; o < k; o++) {
                        double v = r.nextGaussian();
                        phi[(a * m + b) * k + o] = v;
                        phi[(b * m + a) * k + o] = v;
                    }
                }
            }
            double[][] values = new double[m][k];
            double[] base = new double[k];
            double[] out = new double[k];
            for (int o = 0; o < k; o++) {
                base[o] = r.nextDouble();
                out[o] = base[o];
                for (int a = 0; a < m; a++) {
                    for (int b = 0; b < m; b++) {
                        values[a][o] += phi[(a * m + b) * k + o];
                    }
                    out[o] += values[a][o];
                }
            }
            items.add(Explanation.builder(NAMES, OUT).baseValues(base).outputs(out).values(values).explainer("exact")
                    .interactions(interactions ? InteractionMaps.of(NAMES, OUT, phi, null) : null).build());
        }
        return Explanations.of(List.of("7", "11"), List.of(), items, new ImageShape(3, 2, 3), null);
    }

    @Test
    void interactionsAreWrittenAsNpyWithADescriptionAndReadBack() throws IOException {
        Explanations ex = withInteractions(true, 3);
        Path dir = ExplanationFolder.write(ex, tmp.resolve("ex"));
        NpyArray a = Npy.read(dir.resolve("interactions.npy"));
        assertArrayEquals(new int[] {2, 3, 3, 2, 2, 3}, a.shape());
        double[] flat = a.toDoubles();
        int block = 9 * OUT.size();
        for (int i = 0; i < 2; i++) {
            double[] one = ex.get(i).interactions().orElseThrow().toArray();
            for (int t = 0; t < block; t++) {
                assertEquals(one[t], flat[i * block + t], 0);
            }
        }
        JsonNode json = new ObjectMapper().readTree(dir.resolve("interactions.json").toFile());
        assertEquals("segshap-interaction-values", json.path("format").asText());
        assertEquals("interactions.npy", json.path("file").asText());
        assertEquals(Fingerprint.ofFile(dir.resolve("interactions.npy")), json.path("sha256").asText());
        assertEquals("[2,3,3,2,2,3]", json.path("shape").toString());
        assertEquals(NAMES.toString(), new ObjectMapper().convertValue(json.path("players"), List.class).toString());
        assertTrue(json.path("convention").asText().contains("SII_ij / 2"), json.toString());
        JsonNode main = new ObjectMapper().readTree(dir.resolve(ExplanationFolder.JSON).toFile());
        assertEquals(json.path("sha256").asText(), main.path("checksums").path("interactions.npy").asText());

        Explanations back = ExplanationFolder.read(dir);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(ex.get(i).interactions().orElseThrow().toArray(),
                    back.get(i).interactions().orElseThrow().toArray(), 0);
            assertEquals(NAMES, back.get(i).interactions().orElseThrow().playerNames());
        }
    }

    @Test
    void aFolderWithoutInteractionsHasNoSuchFiles() {
        Path dir = ExplanationFolder.write(withInteractions(false, 4), tmp.resolve("plain"));
        assertFalse(Files.exists(dir.resolve("interactions.npy")));
        assertFalse(Files.exists(dir.resolve("interactions.json")));
        assertTrue(ExplanationFolder.read(dir).get(0).interactions().isEmpty());
    }

    @Test
    void aChangedOrMissingInteractionsFileIsNamed() throws IOException {
        Path dir = ExplanationFolder.write(withInteractions(true, 5), tmp.resolve("tampered"));
        Path file = dir.resolve("interactions.npy");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        CorruptFolderException e = assertThrows(CorruptFolderException.class, () -> ExplanationFolder.read(dir));
        assertTrue(e.getMessage().contains("interactions.npy") && e.getMessage().contains("checksum"),
                e.getMessage());
        Files.delete(file);
        e = assertThrows(CorruptFolderException.class, () -> ExplanationFolder.read(dir));
        assertTrue(e.getMessage().contains("interactions.npy") && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void explanationsThatDisagreeOnInteractionsAreNamed() {
        Explanations a = withInteractions(true, 6);
        Explanations b = withInteractions(false, 7);
        Explanations mixed = Explanations.of(List.of("x", "y"), List.of(), List.of(a.get(0), b.get(1)),
                a.imageShape(), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExplanationFolder.write(mixed, tmp.resolve("mixed")));
        assertTrue(e.getMessage().contains("explanation 1 (y)"), e.getMessage());
    }
}
