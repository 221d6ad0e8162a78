package io.github.segshap.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.segshap.core.io.AtomicFiles;
import io.github.segshap.core.io.CorruptFolderException;
import io.github.segshap.core.io.ProvenanceJson;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.store.Merger;
import io.github.segshap.core.store.OtherRecipeException;
import io.github.segshap.core.store.ResultStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The output folder of a run that keeps one explanation folder per image (the Spark engine, see
 * docs/spark.md), and its merge into one explanation folder:
 * <ul>
 *   <li>{@code images/<id>/}: image {@code id}'s explanation folder, a unit of a {@link ResultStore}
 *       holding that image alone; its provenance is the run's recipe plus the image's own
 *       fingerprint ({@value #IMAGE_FINGERPRINT});</li>
 *   <li>{@code failed/<id>.txt}: the error of an image that could not be explained;</li>
 *   <li>{@value #ORDER}: the run's {@link Order} (the ids in input order, the recipe, the model file
 *       and the images as given), written by the driver before the job;</li>
 *   <li>after {@link #merge}: the merged explanation folder's files in the folder itself, the same
 *       as the local engine writes ({@code contributions.npy}, ..., {@code explanation.json} recording
 *       the recipe and the whole set's fingerprint {@value #IMAGES_FINGERPRINT}).</li>
 * </ul>
 * The merge reads {@code images/} through the core's {@link Merger}: streamed, one image in memory,
 * every checksum verified; rerunning it writes the same files again.
 *
 * @param root the run's output folder
 */
public record PerImageRun(Path root) {
    /** The folder of the per-image explanation folders. */
    public static final String IMAGES = "images";
    /** The folder of the failed images' errors. */
    public static final String FAILED = "failed";
    /** The file of the run's {@link Order}. */
    public static final String ORDER = "images.json";
    /** The format name in {@value #ORDER}. */
    public static final String FORMAT = "segshap-per-image-run";
    /** The provenance extra of one image's fingerprint, in its own folder. */
    public static final String IMAGE_FINGERPRINT = "image_fingerprint";
    /** The provenance extra of the whole image set's fingerprint ({@code Fingerprint.ofImages}), in a merged folder. */
    public static final String IMAGES_FINGERPRINT = "images_fingerprint";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Makes the root absolute. */
    public PerImageRun {
        root = root.toAbsolutePath().normalize();
    }

    /**
     * What a run recorded before its job: enough to merge its folders later without its inputs.
     *
     * @param ids       the image ids in input order (the merged arrays' order)
     * @param recipe    the recipe every image was explained with (without an image's fingerprint)
     * @param modelFile the model file's name, for the report's title
     * @param images    the images as given ({@code --images}), for the report
     */
    public record Order(List<String> ids, Provenance recipe, String modelFile, String images) {
        /** Copies the ids and rejects missing parts. */
        public Order {
            ids = List.copyOf(ids);
            Objects.requireNonNull(recipe, "recipe");
            Objects.requireNonNull(modelFile, "modelFile");
            Objects.requireNonNull(images, "images");
        }
    }

    /** The store of the per-image folders, {@code <root>/images/}, one unit per image id holding that image alone. */
    public ResultStore store() {
        return ResultStore.at(root.resolve(IMAGES)).validated((unit, read) ->
                read.size() == 1 && read.id(0).equals(unit) ? null
                        : "holds the images " + read.ids() + ", not [" + unit + "] alone");
    }

    /** Whether the folder holds a run's {@value #ORDER}. */
    public boolean hasOrder() {
        return Files.isRegularFile(root.resolve(ORDER));
    }

    /**
     * Records the run's order (temp-then-rename), replacing an earlier one.
     *
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public void writeOrder(Order order) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("format", FORMAT);
        json.put("version", 1);
        json.put("model_file", order.modelFile());
        json.put("images", order.images());
        json.set("ids", MAPPER.valueToTree(order.ids()));
        json.set("recipe", ProvenanceJson.toTree(order.recipe()));
        Path file = root.resolve(ORDER);
        try {
            AtomicFiles.write(file, MAPPER.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records {@code order} before a job: kept as it is when the folder already holds the same ids
     * and recipe (so a rerun's merge writes the same bytes), written otherwise.
     *
     * @throws io.github.segshap.core.store.OtherRecipeException naming {@value #ORDER} and the
     *         differing fields when the folder holds a run of another recipe (nothing is changed)
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public void recordOrder(Order order) {
        if (hasOrder()) {
            Order old;
            try {
                old = readOrder();
            } catch (CorruptFolderException e) {
                old = null;   // a damaged order is written again
            }
            if (old != null && !old.recipe().sameRecipe(order.recipe())) {
                throw OtherRecipeException.of(root.resolve(ORDER), old.recipe(), order.recipe());
            }
            if (old != null && old.ids().equals(order.ids()) && old.modelFile().equals(order.modelFile())
                    && old.images().equals(order.images())) {
                return;
            }
        }
        writeOrder(order);
    }

    /**
     * Reads the run's order.
     *
     * @throws CorruptFolderException naming {@value #ORDER} when it is missing, unreadable or not a run's
     */
    public Order readOrder() {
        Path file = root.resolve(ORDER);
        if (!Files.isRegularFile(file)) {
            throw new CorruptFolderException(file, "missing: " + root + " is not the folder of a run that keeps one "
                    + "folder per image (explain --engine spark)");
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new CorruptFolderException(file, "not readable JSON (" + e.getMessage() + ")");
        }
        if (json == null || !FORMAT.equals(json.path("format").asText()) || !json.path("ids").isArray()
                || json.path("ids").isEmpty()) {
            throw new CorruptFolderException(file, "not a segshap run's image order (format '" + FORMAT
                    + "' with a list of ids)");
        }
        List<String> ids = new ArrayList<>();
        json.path("ids").forEach(id -> ids.add(id.asText()));
        Provenance recipe;
        try {
            recipe = ProvenanceJson.fromTree(json.path("recipe"));
        } catch (IllegalArgumentException e) {
            throw new CorruptFolderException(file, "its recipe is unreadable (" + e.getMessage() + ")");
        }
        return new Order(ids, recipe, json.path("model_file").asText(""), json.path("images").asText(""));
    }

    /**
     * Merges {@code images/} into the root, ids in {@code order} (the recorded {@link #readOrder}) ({@link Merger}: streamed, every
     * checksum verified, every image's recipe checked against the run's; the root's merged files
     * change only once every image is read).
     *
     * @throws CorruptFolderException naming a damaged file of an image's folder
     * @throws io.github.segshap.core.store.MissingUnitException naming an image without a folder
     * @throws io.github.segshap.core.store.OtherRecipeException naming a folder of another recipe
     * @throws UncheckedIOException   naming the file that cannot be written
     */
    public Merger.Merged merge(Order order) {
        return Merger.of(store(), order.ids()).recipe(order.recipe(), p -> p.withoutExtra(IMAGE_FINGERPRINT))
                .imagesFingerprint(IMAGES_FINGERPRINT).into(root);
    }
}
