package io.github.segshap.core.segmentation;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.interactions.InteractionMaps;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.provenance.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The facade's {@code interactions} option: exact only, recorded in the provenance, re-created from it. */
class InteractionOptionsTest {
    private static final ImageShape SHAPE = new ImageShape(3, 2, 3);
    /** A per-pixel model whose channels 0 and 2 interact through a product. */
    private static final Model MODEL = Model.perImage(OutputShape.of(1, 2, 3), (ImageBatch b, int n, double[] dest,
                                                                                int off) -> {
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                double z = 0.8 * b.get(n, 0, r, c) - 0.5 * b.get(n, 1, r, c)
                        + 1.3 * b.get(n, 0, r, c) * b.get(n, 2, r, c);
                dest[off + r * 3 + c] = 1 / (1 + Math.exp(-z));
            }
        }
    });

    @TempDir
    Path tmp;

    @Test
    void interactionsAreOffByDefaultAndOnlyForTheExactExplainer() {
        assertFalse(ExplanationOptions.defaults().explainer().interactions());
        for (ExplainerKind m : List.of(ExplainerKind.KERNEL, ExplainerKind.PARTITION, ExplainerKind.PERMUTATION)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ExplanationOptions.builder().explainer(m).interactions(true).build());
            assertTrue(e.getMessage().contains("exact explainer") && e.getMessage().contains(m.label()),
                    e.getMessage());
        }
        assertEquals(ExplainerKind.EXACT, ExplainerKind.AUTO.resolve(ExplanationOptions.EXACT_MAX_PLAYERS));
        assertEquals(ExplainerKind.KERNEL, ExplainerKind.AUTO.resolve(ExplanationOptions.EXACT_MAX_PLAYERS + 1));
        assertEquals(ExplainerKind.PARTITION, ExplainerKind.PARTITION.resolve(2));
    }

    @Test
    void autoResolvingToKernelIsRefusedNamingThePlayerCount() {
        ImageShape wide = new ImageShape(11, 1, 2);
        Model sum = Model.perImage(OutputShape.of(1, 1, 2), (ImageBatch b, int n, double[] dest, int off) -> {
            for (int c = 0; c < 2; c++) {
                double s = 0;
                for (int ch = 0; ch < 11; ch++) {
                    s += b.get(n, ch, 0, c);
                }
                dest[off + c] = s;
            }
        });
        List<Image> images = List.of(Image.of(wide, new double[22]), Image.of(wide, ramp(22)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageExplainer.of(sum,
                ExplanationOptions.builder().interactions(true).build()).explain(images));
        assertTrue(e.getMessage().contains("11 players") && e.getMessage().contains("kernel"), e.getMessage());
    }

    @Test
    void explanationsCarryInteractionMapsThatAddUpAndTheProvenanceSaysSo() {
        List<Image> images = List.of(Image.of(SHAPE, ramp(18)), Image.of(SHAPE, wave(18, 1)),
                Image.of(SHAPE, wave(18, 2)));
        ExplanationOptions options = ExplanationOptions.builder().interactions(true).threads(1).build();
        Explanations ex = ImageExplainer.of(MODEL, options).explain(images);
        Provenance p = ex.provenance().orElseThrow();
        assertEquals("true", p.explainerOptions().get("interactions"));
        for (Explanation e : ex.all()) {
            InteractionMaps im = e.interactions().orElseThrow();
            for (int k = 0; k < e.outputShape().size(); k++) {
                assertEquals(e.output(k) - e.baseValue(k), im.total(k), 1e-12);
                for (int i = 0; i < 3; i++) {
                    double row = 0;
                    for (int j = 0; j < 3; j++) {
                        row += im.value(i, j, k);
                        assertEquals(im.value(i, j, k), im.value(j, i, k), 0);
                    }
                    assertEquals(e.value(i, k), row, 1e-12);
                }
            }
        }
        Explanations without = ImageExplainer.of(MODEL, options.toBuilder().interactions(false).build())
                .explain(images);
        assertTrue(without.get(0).interactions().isEmpty());
        assertFalse(without.provenance().orElseThrow().sameRecipe(p), "asking for interactions is part of the recipe");

        Path dir = ExplanationFolder.write(ex, tmp.resolve("ex"));
        Explanations saved = ExplanationFolder.read(dir);
        ExplanationOptions again = ExplanationOptions.fromProvenance(saved.provenance().orElseThrow()).threads(1)
                .build();
        assertTrue(again.explainer().interactions());
        Explanations remade = ImageExplainer.of(MODEL, again).explain(saved.ids(), saved.inputs());
        for (int i = 0; i < ex.size(); i++) {
            assertArrayEquals(saved.get(i).interactions().orElseThrow().toArray(),
                    remade.get(i).interactions().orElseThrow().toArray(), 0, "image " + i);
        }
    }

    private static double[] ramp(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.1 * i - 0.7;
        }
        return v;
    }

    private static double[] wave(int n, int phase) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.sin(0.9 * i + phase);
        }
        return v;
    }
}
