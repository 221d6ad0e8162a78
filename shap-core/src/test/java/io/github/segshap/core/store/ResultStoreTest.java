package io.github.segshap.core.store;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.provenance.Provenance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("campaign")
class ResultStoreTest {
    private static final ImageShape SHAPE = new ImageShape(1, 2, 2);
    private static final OutputShape OUT = OutputShape.of(1, 2, 2);

    @TempDir
    Path tmp;

    private static Provenance recipe(long seed) {
        return Provenance.builder("exact").seed(seed).players(List.of("a", "b"), "channels")
                .created("2026-01-02T03:04:05Z").build();
    }

    /** Images {@code ids}, each with values derived from its id, stamped with {@code p}. */
    private static Explanations part(Provenance p, String... ids) {
        List<Explanation> items = new ArrayList<>();
        for (String id : ids) {
            double v = id.hashCode() % 97;
            double[] base = {v, v, v, v};
            double[][] values = {{1, 2, 3, 4}, {v, 0, 0, 1}};
            double[] out = new double[4];
            for (int o = 0; o < 4; o++) {
                out[o] = base[o] + values[0][o] + values[1][o];
            }
            items.add(Explanation.builder(List.of("a", "b"), OUT).baseValues(base).outputs(out).values(values)
                    .explainer("exact").build());
        }
        return Explanations.of(List.of(ids), List.of(), items, SHAPE, p);
    }

    @Test
    void mergesTheUnitsDoneInTheOrderGiven() {
        ResultStore store = ResultStore.at(tmp.resolve("units"));
        store.put("2-3", part(recipe(1), "c", "d"));
        store.put("0-1", part(recipe(1), "a", "b"));
        ResultStore.Scan scan = store.scan(unit -> recipe(1));
        assertEquals(List.of("0-1", "2-3"), scan.done());
        assertTrue(scan.damaged().isEmpty());
        assertEquals(List.of("a", "b", "c", "d"), store.merge(scan.done()).ids());
        assertEquals(List.of("c", "d", "a", "b"), store.merge(List.of("2-3", "0-1")).ids());
        assertTrue(store.resume("0-1", recipe(1)));
        assertFalse(store.resume("4-5", recipe(1)));
    }

    @Test
    void anotherRecipeIsRefusedNamingWhatDiffersAndNothingIsDeleted() {
        ResultStore store = ResultStore.at(tmp);
        store.put("x", part(recipe(1), "x"));
        OtherRecipeException e = assertThrows(OtherRecipeException.class, () -> store.scan(unit -> recipe(2)));
        assertEquals(List.of("seed"), e.differences());
        assertEquals(store.folder("x"), e.folder());
        assertTrue(e.getMessage().contains("seed"), e.getMessage());
        assertTrue(ExplanationFolder.exists(store.folder("x")));
        assertThrows(OtherRecipeException.class, () -> store.resume("x", recipe(2)));
        assertEquals(ResultStore.Status.OTHER_RECIPE, store.check("x", recipe(2)).status());
        assertTrue(ExplanationFolder.exists(store.folder("x")));
    }

    @Test
    void anotherRecipesChangesCarryBothValues() {
        ResultStore store = ResultStore.at(tmp);
        store.put("x", part(recipe(1).withExtra("images_fingerprint", "abc"), "x"));
        OtherRecipeException e = assertThrows(OtherRecipeException.class,
                () -> store.scan(unit -> recipe(2).withExtra("images_fingerprint", "def")));
        assertEquals(List.of("extra", "seed"), e.differences());
        assertEquals(List.of(new Provenance.Change("extra", "images_fingerprint", "abc", "def"),
                new Provenance.Change("seed", "", "1", "2")), e.changes());
        assertEquals("extra.images_fingerprint", e.changes().get(0).name());
    }

    @Test
    void aUnitMissingAnArrayItsJsonNamesIsDamaged() throws IOException {
        ResultStore store = ResultStore.at(tmp);
        Explanations withInputs = Explanations.of(List.of("a"), List.of(io.github.segshap.core.image.Image.of(SHAPE,
                new double[] {1, 2, 3, 4})), List.of(part(recipe(1), "a").get(0)), SHAPE, recipe(1));
        store.put("a", withInputs);
        Files.delete(store.folder("a").resolve("inputs.npy"));
        ResultStore.Unit u = store.check("a", recipe(1));
        assertEquals(ResultStore.Status.DAMAGED, u.status());
        assertTrue(u.problem().contains("inputs.npy") && u.problem().contains("missing"), u.problem());
        ResultStore.Scan scan = store.scan(unit -> recipe(1));
        assertEquals(List.of(), scan.done());
        assertFalse(Files.exists(store.folder("a")), "removed, to be redone");
    }

    @Test
    void aUnitWithoutProvenanceIsAnotherRecipe() {
        ResultStore store = ResultStore.at(tmp);
        store.put("old", part(null, "old"));
        OtherRecipeException e = assertThrows(OtherRecipeException.class, () -> store.scan(unit -> recipe(1)));
        assertTrue(e.differences().isEmpty());
        assertTrue(e.getMessage().contains("without a provenance"), e.getMessage());
    }

    @Test
    void aDamagedUnitIsNamedRemovedAndRedone() throws IOException {
        ResultStore store = ResultStore.at(tmp);
        store.put("a", part(recipe(1), "a"));
        store.put("b", part(recipe(1), "b"));
        Path damaged = store.folder("b").resolve("contributions.npy");
        byte[] bytes = Files.readAllBytes(damaged);
        bytes[bytes.length - 1] ^= 1;
        Files.write(damaged, bytes);
        assertEquals(ResultStore.Status.DAMAGED, store.check("b", recipe(1)).status());
        ResultStore.Scan scan = store.scan(unit -> recipe(1));
        assertEquals(List.of("a"), scan.done());
        assertEquals(1, scan.damaged().size());
        assertEquals("b", scan.damaged().get(0).name());
        assertTrue(scan.damaged().get(0).problem().contains("contributions.npy"), scan.damaged().get(0).problem());
        assertFalse(Files.exists(store.folder("b")));
        store.put("b", part(recipe(1), "b"));
        assertEquals(List.of("a", "b"), store.scan(unit -> recipe(1)).done());
    }

    @Test
    void theValidatorMarksAUnitDamaged() {
        ResultStore store = ResultStore.at(tmp).named(Pattern.compile("\\d+-\\d+"))
                .validated((unit, read) -> read.size() == 2 ? null : read.size() + " images, 2 expected");
        store.put("0-1", part(recipe(1), "a"));
        ResultStore.Scan scan = store.scan(unit -> recipe(1));
        assertTrue(scan.done().isEmpty());
        assertTrue(scan.damaged().get(0).problem().contains("1 images, 2 expected"));
        assertThrows(IllegalArgumentException.class, () -> store.put("a", part(recipe(1), "a")));
    }

    @Test
    void leftoversOfKilledRunsAreCleanedAndNamedAndNothingElseIsTouched() throws IOException {
        ResultStore store = ResultStore.at(tmp);
        store.put("a", part(recipe(1), "a"));
        Path partial = Files.createDirectories(tmp.resolve(".partial-b-123"));
        Files.writeString(partial.resolve("base_values.npy"), "half");
        Path stale = Files.createDirectories(tmp.resolve(".stale-a-456"));
        Path notes = Files.writeString(tmp.resolve("notes.txt"), "mine");
        Path hidden = Files.writeString(tmp.resolve(".partial-file"), "a file, not a folder of ours");
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("contributions.npy"), "not an explanation folder");
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(other.resolve("x"), "y");

        ResultStore.Scan scan = store.scan(unit -> recipe(1));
        assertEquals(List.of(partial, stale), scan.leftovers());
        assertFalse(Files.exists(partial));
        assertFalse(Files.exists(stale));
        assertEquals(List.of("a"), scan.done());
        assertEquals("mine", Files.readString(notes));
        assertTrue(Files.exists(hidden));
        assertTrue(Files.exists(mine.resolve("contributions.npy")));
        assertTrue(Files.exists(other.resolve("x")));

        store.clear();
        assertFalse(Files.exists(store.folder("a")));
        assertTrue(Files.exists(notes), "clear leaves what is not the store's, and the folder holding it");
    }

    @Test
    void clearRemovesAFolderHoldingOnlyUnits() {
        ResultStore store = ResultStore.at(tmp.resolve("tiles"));
        store.put("0-0", part(recipe(1), "0"));
        store.clear();
        assertFalse(Files.exists(tmp.resolve("tiles")));
    }

    @Test
    void unitNamesThatCannotNameAFolderAreRefused() {
        ResultStore store = ResultStore.at(tmp);
        for (String bad : new String[] {"../x", "a/b", ".hidden", "", "-x"}) {
            assertThrows(IllegalArgumentException.class, () -> store.folder(bad), bad);
        }
        assertEquals(tmp.toAbsolutePath().normalize().resolve("img_1.png"), store.folder("img_1.png"));
    }

    @Test
    void labelsRideWithTheUnit() {
        ResultStore store = ResultStore.at(tmp);
        boolean[] mask = {true, false, false, true};
        store.put("a", part(recipe(1), "a").withLabels(List.of(mask)));
        Explanations back = store.read("a");
        assertTrue(back.hasLabels());
        assertArrayEquals(mask, back.label(0));
        assertTrue(Files.exists(store.folder("a").resolve(ExplanationFolder.TRUTH)));
    }
}
