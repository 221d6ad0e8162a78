package io.github.segshap.salt.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.io.AtomicFiles;
import io.github.segshap.core.io.CorruptFolderException;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.store.ResultStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The explained samples, {@code explanations/samples/<id>/}: a {@link ResultStore} keyed by sample
 * id, one folder per sample as written by {@link ExplanationFolder} (with checksums and the full
 * provenance: model file fingerprint, background ids and fingerprint, the test image's fingerprint
 * as the extra {@value #IMAGE_FINGERPRINT}), holding one image's explanation with its model inputs
 * ({@code inputs.npy}: the power-transformed attributes at the data's size) and its true mask
 * ({@code truth.npy}, {@link Explanations#labels()}), plus {@code sample.json}: id, test index,
 * salt fraction, seconds, explainer, model evaluations, largest additivity residual.
 *
 * <p>The sample folders sit in their own {@value #SAMPLES} folder so that no id can collide with the
 * files of {@code explanations/} ({@code selection.json}, {@code summary.json}). A folder is put
 * atomically, so a folder named after an id is always whole; {@link #read} verifies every array
 * against its recorded checksum and names the file that does not match
 * ({@link CorruptFolderException}). It also reads the folders of earlier versions: version 1 sat
 * directly in {@code explanations/<id>/} and recorded no checksums or provenance ({@link #folder}
 * finds either); until the one store, {@code inputs.npy} was float32 {@code [4, H, W]},
 * {@code truth.npy} {@code [H, W]} and their checksums in {@code sample.json}, still verified.
 */
public final class SampleFiles {
    /** The folder of the sample folders inside {@code explanations/}. */
    public static final String SAMPLES = "samples";
    /** Name of the per-sample metadata file. */
    public static final String SAMPLE_JSON = "sample.json";
    /** The provenance extra holding the fingerprint of the explained test image. */
    public static final String IMAGE_FINGERPRINT = "image_fingerprint";
    /** The provenance extra naming the engine that ran the network ({@link ModelRuntime#label()}, {@code --runtime}). */
    public static final String ENGINE = "engine";
    static final String INPUTS = "inputs.npy";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SampleFiles() {
    }

    /** {@code explanations/samples}, where new sample folders go. */
    public static Path samplesDir(Path explanations) {
        return explanations.resolve(SAMPLES);
    }

    /** The store of the sample folders, {@code explanations/samples/}. */
    public static ResultStore store(Path explanations) {
        return sampleStore(samplesDir(explanations));
    }

    /** The version-1 sample folders, {@code explanations/<id>/}: read, never written. */
    private static ResultStore legacy(Path explanations) {
        return sampleStore(explanations);
    }

    private static ResultStore sampleStore(Path dir) {
        return ResultStore.at(dir).validated((id, read) -> read.size() != 1 ? "holds " + read.size()
                + " explanations, not 1" : null);
    }

    /**
     * The folder of sample {@code id}: {@code explanations/samples/<id>}, or the version-1
     * {@code explanations/<id>} when only that one exists.
     */
    public static Path folder(Path explanations, String id) {
        Path current = store(explanations).folder(id);
        Path old = explanations.resolve(id);
        return !ExplanationFolder.exists(current) && ExplanationFolder.exists(old) ? old : current;
    }

    /** The ids of every sample folder in {@code explanations/} (both layouts), sorted. */
    public static List<String> ids(Path explanations) {
        TreeSet<String> ids = new TreeSet<>(store(explanations).units());
        ids.addAll(legacy(explanations).units());
        return List.copyOf(ids);
    }

    /** The metadata of a sample folder ({@code sample.json}), if it has readable metadata. */
    public static Optional<JsonNode> metadata(Path sampleDir) {
        Path meta = sampleDir.resolve(SAMPLE_JSON);
        if (!Files.isRegularFile(meta) || !ExplanationFolder.exists(sampleDir)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(meta.toFile()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The recorded provenance of a sample folder, without reading its arrays; empty for a version-1
     * folder.
     *
     * @throws CorruptFolderException when its {@code explanation.json} is missing or unreadable
     */
    public static Optional<Provenance> provenance(Path sampleDir) {
        return ExplanationFolder.readProvenance(sampleDir);
    }

    /**
     * Puts one sample's folder atomically as {@code explanations/samples/<id>} (replacing an older
     * folder of that id only once whole); a version-1 folder of the id is removed afterwards.
     *
     * @param explanations the explanations folder
     * @param id           sample id
     * @param e            the sample's explanation (one image, at the data's size, inputs not kept)
     * @param inputs       the model inputs, {@code C x H x W}
     * @param truth        the true mask, one entry per output (0 / 1)
     * @param metadata     extra fields for {@code sample.json}
     * @return the sample folder
     */
    public static Path write(Path explanations, String id, Explanations e, float[] inputs, float[] truth,
                             ObjectNode metadata) {
        if (e.size() != 1) {
            throw new IllegalArgumentException("sample " + id + ": one explanation expected, got " + e.size());
        }
        Explanation one = e.get(0);
        boolean[] mask = new boolean[truth.length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = truth[i] > 0.5f;
        }
        Explanations sample = Explanations.of(e.ids(), List.of(Image.of(e.imageShape(), inputs)), e.all(),
                e.imageShape(), e.provenance().orElse(null)).withLabels(List.of(mask));
        ObjectNode meta = metadata.deepCopy();
        meta.put("id", id);
        meta.put("explainer", one.explainer());
        meta.put("model_evaluations", one.modelEvaluations());
        meta.put("max_abs_residual", one.maxAbsResidual());
        meta.putPOJO("players", one.playerNames());
        meta.putPOJO("shape", new int[] {e.imageShape().channels(), e.imageShape().height(),
                e.imageShape().width()});
        Path target;
        try {
            target = store(explanations).put(id, sample, partial ->
                    AtomicFiles.write(partial.resolve(SAMPLE_JSON), JSON.writeValueAsBytes(meta)));
        } catch (UncheckedIOException ex) {
            throw new UncheckedIOException("cannot write the explanation of sample " + id + " to "
                    + store(explanations).folder(id) + ": " + ex.getCause().getMessage(), ex.getCause());
        }
        Path old = explanations.resolve(id);
        try {
            if (ExplanationFolder.exists(old) && Files.isRegularFile(old.resolve(SAMPLE_JSON))) {
                AtomicFiles.deleteTree(old);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot remove the version-1 folder of sample " + id + ": "
                    + ex.getMessage(), ex);
        }
        return target;
    }

    /**
     * Reads a sample folder, checking every array against its recorded checksum: one image with its
     * inputs and true mask, its id the folder's name.
     *
     * @throws CorruptFolderException naming the file that is missing, unreadable, of the wrong shape
     *                                or changed since it was written
     */
    public static Explanations read(Path sampleDir) {
        Path metaFile = sampleDir.resolve(SAMPLE_JSON);
        JsonNode meta = metadata(sampleDir).orElseThrow(() -> new CorruptFolderException(metaFile,
                Files.isRegularFile(metaFile) ? "not readable JSON" : "missing"));
        JsonNode sums = meta.path("checksums");   // where the folders before the one store kept them
        for (String name : List.of(INPUTS, ExplanationFolder.TRUTH)) {
            Path file = sampleDir.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new CorruptFolderException(file, "missing");
            }
            JsonNode expected = sums.path(name);
            if (!expected.isMissingNode()) {
                ExplanationFolder.verifyChecksum(file, expected.asText());
            }
        }
        Path dir = sampleDir.toAbsolutePath().normalize();
        String id = dir.getFileName().toString();
        Explanations ex = sampleStore(dir.getParent()).read(id);
        return Explanations.of(List.of(id), ex.inputs(), ex.all(), ex.imageShape(), ex.provenance().orElse(null))
                .withLabels(ex.labels());
    }

    /**
     * Reads the samples {@code ids} (either layout) and combines them: one {@link Explanations} in
     * the order given, inputs and true masks kept, with the shared provenance of
     * {@link SampleRecipe#shared}.
     *
     * @throws CorruptFolderException naming a damaged file
     * @throws IllegalArgumentException when there are none, or two were made with different recipes
     *                                  (naming the folders and what differs)
     */
    public static Explanations combine(Path explanations, List<String> ids) {
        List<Explanations> samples = new ArrayList<>(ids.size());
        for (String id : ids) {
            samples.add(read(folder(explanations, id)));
        }
        return SampleRecipe.combine(samples, id -> folder(explanations, id).toString());
    }

    /**
     * Deletes the temporary folders an interrupted run left in {@code explanations/} (both layouts;
     * see {@link ResultStore#cleanLeftovers}) and nothing else.
     *
     * @return the removed folders
     */
    static List<Path> cleanPartial(Path explanations) {
        List<Path> removed = new ArrayList<>(store(explanations).cleanLeftovers());
        removed.addAll(legacy(explanations).cleanLeftovers());
        return removed;
    }
}
