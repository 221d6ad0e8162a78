package io.github.segshap.core.segmentation;

import io.github.segshap.core.explainers.BudgetUnit;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.provenance.Provenance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The options grouped by concept, the one vocabulary (explainer, budget unit, memory budget), the background source. */
class ExplanationOptionsTest {
    private static final ImageShape SHAPE = new ImageShape(3, 2, 2);
    private static final Model MODEL = Model.perImage(OutputShape.of(1, 2, 2), (ImageBatch b, int n, double[] dest,
                                                                                int off) -> {
        for (int p = 0; p < 4; p++) {
            int r = p / 2;
            int c = p % 2;
            dest[off + p] = b.get(n, 0, r, c) * b.get(n, 1, r, c) + 0.5 * b.get(n, 2, r, c);
        }
    });

    @TempDir
    Path tmp;

    @Test
    void theBuilderSetsOneOptionOrAWholeGroup() {
        ExplanationOptions o = ExplanationOptions.builder().explainer(ExplainerKind.KERNEL).budget(64).seed(3)
                .memoryBudget(4096).threads(2).backgroundSize(7).backgroundSummary(2).checkAdditivity(false).build();
        assertEquals(new ExplainerChoice(ExplainerKind.KERNEL, 64, 3, false), o.explainer());
        assertEquals(4096, o.evaluation().memoryBudget().orElseThrow());
        assertEquals(2, o.evaluation().threads());
        assertEquals(7, o.background().size());
        assertEquals(2, o.background().summary());
        assertEquals(new AdditivityCheck(false, AdditivityCheck.DEFAULT_TOLERANCE), o.additivity());

        ExplainerChoice choice = new ExplainerChoice(ExplainerKind.PERMUTATION, 5, 9, false);
        ExplanationOptions whole = ExplanationOptions.builder().explainer(choice).build();
        assertSame(choice, whole.explainer());
        assertEquals(o.explainer(), o.toBuilder().build().explainer(), "toBuilder keeps the groups");
        assertEquals(o.background(), o.toBuilder().build().background());
    }

    @Test
    void theBudgetSaysItsUnitPerExplainer() {
        assertEquals(BudgetUnit.COALITIONS, ExplainerKind.KERNEL.budgetUnit());
        assertEquals(BudgetUnit.PERMUTATION_PAIRS, ExplainerKind.PERMUTATION.budgetUnit());
        assertEquals(BudgetUnit.NONE, ExplainerKind.EXACT.budgetUnit());
        assertEquals(BudgetUnit.NONE, ExplainerKind.PARTITION.budgetUnit());
        assertEquals("permutation_pairs", BudgetUnit.of("permutation").label());
        assertEquals(BudgetUnit.COALITIONS, ExplanationOptions.builder().explainer(ExplainerKind.KERNEL).build()
                .explainer().budgetUnit());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExplainerKind.ofLabel("shap"));
        assertTrue(e.getMessage().contains("'shap'") && e.getMessage().contains("auto, exact, kernel, partition, "
                + "permutation"), e.getMessage());
    }

    @Test
    void theProvenanceFileRecordsTheBudgetUnitAndReadsTheEarlierKeyName(@TempDir Path dir) throws Exception {
        List<Image> images = ImageExplainerTest.images(4, SHAPE, 5);
        Explanations ex = ImageExplainer.of(MODEL, ExplanationOptions.builder().explainer(ExplainerKind.PERMUTATION)
                .budget(3).threads(1).build()).explain(images);
        Path folder = ExplanationFolder.write(ex, dir.resolve("perm"));
        String json = Files.readString(folder.resolve(ExplanationFolder.JSON));
        assertTrue(json.contains("\"budget_unit\" : \"permutation_pairs\""), json);
        assertTrue(json.contains("\"requested_explainer\" : \"permutation\""), json);
        Provenance read = ExplanationFolder.readProvenance(folder).orElseThrow();
        assertEquals(ex.provenance().orElseThrow().withCreated(""), read.withCreated(""));

        // a provenance of an earlier version names the requested explainer requested_method
        Provenance p = ex.provenance().orElseThrow();
        Map<String, String> old = new HashMap<>(p.explainerOptions());
        old.put("requested_method", old.remove(Provenance.REQUESTED_EXPLAINER));
        Provenance earlier = new Provenance(p.explainer(), old, p.budget(), p.seed(), p.masker(), p.backgroundSize(),
                p.backgroundFingerprint(), p.backgroundIds(), p.backgroundSeed(), p.players(), p.playerDefinition(),
                p.model(), p.modelFingerprint(), p.padding(), p.libraryVersion(), p.javaVersion(), p.created(),
                p.extra());
        assertTrue(earlier.sameRecipe(p), earlier.differences(p).toString());
        Explanations again = ImageExplainer.of(MODEL, ExplanationOptions.fromProvenance(earlier).threads(2).build())
                .explain(images);
        for (int i = 0; i < images.size(); i++) {
            for (int pl = 0; pl < 3; pl++) {
                assertArrayEquals(ex.get(i).values(pl), again.get(i).values(pl), 0, "image " + i);
            }
        }
    }

    @Tag("campaign")
    @Test
    void theBackgroundSourceIsAFileOrACount(@TempDir Path dir) throws Exception {
        assertEquals(BackgroundSource.drawn(16), BackgroundSource.parse("16", "row"));
        Path file = Files.writeString(dir.resolve("12"), "x");
        assertEquals(Optional.of(file), BackgroundSource.parse(file.toString(), "row").file(),
                "an existing file wins over a number");
        assertEquals(Optional.of(dir.resolve("bg.npy")), BackgroundSource.parse(dir.resolve("bg.npy").toString(), "row")
                .file());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> BackgroundSource.parse("0", "tile"));
        assertTrue(zero.getMessage().contains("draw at least 1 tile"), zero.getMessage());
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> BackgroundSource.parse("99999999999", "row"));
        assertTrue(huge.getMessage().startsWith("--background 99999999999: ")
                && huge.getMessage().contains("at most 2147483647 rows"), huge.getMessage());
        assertEquals("16", BackgroundSource.drawn(16).toString());
    }

    @Test
    void theDrawReturnsIdsAndRowsAndChecksShapes() {
        List<Image> images = ImageExplainerTest.images(12, SHAPE, 1);
        List<String> ids = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l");
        BackgroundDraw.Drawn drawn = BackgroundDraw.draw(ids, images, 5, 42, SHAPE);
        List<Integer> idx = BackgroundDraw.indices(12, 5, 42);
        assertEquals(idx.stream().map(ids::get).toList(), drawn.ids());
        assertEquals(idx.stream().map(images::get).toList(), drawn.rows());

        List<Image> mixed = new java.util.ArrayList<>(images);
        mixed.set(idx.get(1), ImageExplainerTest.images(1, new ImageShape(3, 3, 2), 2).get(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BackgroundDraw.draw(ids, mixed, 5, 42, null));
        assertTrue(e.getMessage().contains("3x3x2") && e.getMessage().contains("one shape"), e.getMessage());
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> BackgroundDraw.requireSeveral(1));
        assertTrue(one.getMessage().contains("one image and no background"), one.getMessage());
        IllegalArgumentException given = assertThrows(IllegalArgumentException.class,
                () -> BackgroundDraw.requireShape(List.of(images.get(0)), new ImageShape(3, 2, 3)));
        assertTrue(given.getMessage().contains("background image 0 has shape 3x2x2"), given.getMessage());
    }
}
