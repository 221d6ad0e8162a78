package io.github.segshap.core.store;

import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.io.CorruptFolderException;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.ExplanationFolderWriter;
import io.github.segshap.core.provenance.Provenance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The one merge of a {@link ResultStore}'s units into a single explanation folder, images in the
 * order given, streamed: one unit in memory at a time (an image or a batch), each unit read through
 * the store (every checksum verified, and the store's validator) before its numbers are used, and
 * appended image by image to an {@link ExplanationFolderWriter}; the files go into the target
 * through {@link ExplanationFolder#writeFiles(Path, ExplanationFolder.ExtraFiles)} (staged beside,
 * {@code explanation.json} last), so a merge that fails on a missing, damaged or foreign unit
 * leaves the target as it was. Serves both stores that hold images: one unit per image (a Spark
 * job's {@code images/<id>/}, the default {@link #unitOf}) and batches of images
 * ({@code segshap explain}'s {@code batches/}, with {@link ResultStore#unitsById}). The heap it
 * needs is one unit plus a few bytes per image id, whatever the number of images.
 *
 * <pre>{@code
 * Merger.Merged m = Merger.of(store, ids).recipe(expected, UnaryOperator.identity()).into(out);
 * }</pre>
 *
 * Immutable: each option returns a new merger.
 */
public final class Merger {
    private final ResultStore store;
    private final List<String> ids;
    private final Function<String, String> unitOf;
    private final Provenance recipe;
    private final UnaryOperator<Provenance> ofUnit;
    private final String fingerprintKey;

    /**
     * What a merge wrote.
     *
     * @param folder         the merged folder
     * @param ids            the images, in order
     * @param explainer      the explainer that made them
     * @param players        the players' names
     * @param maxAbsResidual the largest additivity residual over all images (NaN when one is NaN)
     * @param provenance     the provenance recorded in the merged folder, or null
     */
    public record Merged(Path folder, List<String> ids, String explainer, List<String> players,
                         double maxAbsResidual, Provenance provenance) {
        /** Copies the lists. */
        public Merged {
            ids = List.copyOf(ids);
            players = List.copyOf(players);
        }
    }

    private Merger(ResultStore store, List<String> ids, Function<String, String> unitOf, Provenance recipe,
                   UnaryOperator<Provenance> ofUnit, String fingerprintKey) {
        this.store = store;
        this.ids = ids;
        this.unitOf = unitOf;
        this.recipe = recipe;
        this.ofUnit = ofUnit;
        this.fingerprintKey = fingerprintKey;
    }

    /**
     * A merge of the images {@code ids}, in that order, from {@code store}; by default image
     * {@code id} is unit {@code id}, every unit must hold the first unit's recipe, and the merged
     * folder records that recipe.
     *
     * @throws IllegalArgumentException when {@code ids} is empty
     */
    public static Merger of(ResultStore store, List<String> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge from " + store.dir() + ": no image ids");
        }
        return new Merger(Objects.requireNonNull(store, "store"), List.copyOf(ids), id -> id, null,
                UnaryOperator.identity(), null);
    }

    /** The same merge with image {@code id} in unit {@code unitOf.apply(id)} (e.g. {@link ResultStore#unitsById}{@code ::get}). */
    public Merger unitOf(Function<String, String> unitOf) {
        return new Merger(store, ids, Objects.requireNonNull(unitOf, "unitOf"), recipe, ofUnit, fingerprintKey);
    }

    /**
     * The same merge checking every unit's recipe: {@code ofUnit} of its recorded provenance (e.g.
     * without the unit's own image fingerprint) must be {@code recipe}'s ({@link Provenance#sameRecipe}),
     * else {@link OtherRecipeException}; the merged folder records {@code recipe}.
     */
    public Merger recipe(Provenance recipe, UnaryOperator<Provenance> ofUnit) {
        return new Merger(store, ids, unitOf, Objects.requireNonNull(recipe, "recipe"),
                Objects.requireNonNull(ofUnit, "ofUnit"), fingerprintKey);
    }

    /** The same merge recording the merged images' fingerprint ({@code Fingerprint.ofImages}) as the provenance extra {@code key}. */
    public Merger imagesFingerprint(String key) {
        return new Merger(store, ids, unitOf, recipe, ofUnit, Objects.requireNonNull(key, "key"));
    }

    /**
     * Writes the merged folder's files into {@code out} (other files there are left alone).
     *
     * @return what was written
     * @throws MissingUnitException   naming an image whose unit folder is missing
     * @throws CorruptFolderException naming a damaged file of a unit, or a unit that does not hold
     *                                its image
     * @throws OtherRecipeException   naming a unit made with another recipe
     * @throws java.io.UncheckedIOException naming the file that cannot be written
     */
    public Merged into(Path out) {
        Merged[] done = new Merged[1];
        ExplanationFolder.writeFiles(out, staging -> {
            try (ExplanationFolderWriter w = ExplanationFolderWriter.open(staging, ids.size())) {
                done[0] = stream(w, out.toAbsolutePath().normalize());
            }
        });
        return done[0];
    }

    private Merged stream(ExplanationFolderWriter w, Path out) {
        String loadedUnit = null;
        Explanations loaded = null;
        Provenance expected = recipe;
        double max = 0;
        String explainer = null;
        List<String> players = null;
        for (String id : ids) {
            String unit = unitOf.apply(id);
            Path folder = unit == null ? store.dir().resolve(id) : store.folder(unit);
            if (unit == null || !Files.isDirectory(folder)) {
                throw new MissingUnitException(id, folder);
            }
            if (!unit.equals(loadedUnit)) {
                loaded = null;   // one unit in memory at a time
                loaded = store.read(unit);
                loadedUnit = unit;
                Provenance found = loaded.provenance().map(ofUnit).orElse(null);
                if (expected == null && found != null) {
                    expected = found;
                }
                if (explainer == null) {
                    explainer = loaded.explainer();
                    players = loaded.playerNames();
                }
                if (found == null || !found.sameRecipe(expected)) {
                    throw OtherRecipeException.of(folder, found, expected);
                }
            }
            int index = loaded.ids().indexOf(id);
            if (index < 0) {
                throw new CorruptFolderException(folder.resolve(ExplanationFolder.JSON), "holds the images "
                        + loaded.ids() + ", not '" + id + "'");
            }
            Explanations one = loaded.subset(index);
            w.append(one);
            double r = one.maxAbsResidual();
            max = Double.isNaN(max) || Double.isNaN(r) ? Double.NaN : Math.max(max, r);
        }
        Provenance recorded = fingerprintKey == null ? expected
                : expected.withExtra(fingerprintKey, w.inputsFingerprint());
        w.finish(recorded);
        return new Merged(out, ids, explainer, players, max, recorded);
    }
}
