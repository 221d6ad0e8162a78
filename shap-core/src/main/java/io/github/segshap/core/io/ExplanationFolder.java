package io.github.segshap.core.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.core.provenance.Provenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The explanation folder: how {@link Explanations} are saved, so that NumPy reads every array and
 * this class reads the folder back exactly.
 * <ul>
 *   <li>{@code base_values.npy}: float64 {@code [N, *output_shape]}</li>
 *   <li>{@code contributions.npy}: float64 {@code [N, M, *output_shape]} (M players)</li>
 *   <li>{@code prediction.npy}: float64 {@code [N, *output_shape]}</li>
 *   <li>{@code standard_errors.npy}: float64 {@code [N, M, *output_shape]}, sampling explainers only</li>
 *   <li>{@code inputs.npy}: float64 {@code [N, C, H, W]}, the explained images, when kept</li>
 *   <li>{@code truth.npy}: float32 {@code [N, *output_shape]}, 0 / 1, the true masks (labels), when
 *       the explanations carry them ({@link Explanations#labels()}); read back from any shape of
 *       {@code N * outputs} entries (the salt example wrote {@code [H, W]} for its one image), a
 *       value other than 0 inside</li>
 *   <li>{@code interactions.npy}: float64 {@code [N, M, M, *output_shape]}, the SHAP interaction
 *       values in shap's convention ({@code Phi_ij = SII_ij / 2} for {@code i != j},
 *       {@code Phi_ii = phi_i - sum_{j != i} Phi_ij}: symmetric, row i sums to player i's
 *       contribution, each output's matrix to prediction - base), when the explanations carry
 *       interaction maps; with {@code interactions.json} naming it (convention, players, shape,
 *       SHA-256)</li>
 *   <li>{@code explanation.json}: format and version, ids, player names, image and output shapes,
 *       explainer (key {@code explainer}; read from {@code method} in folders written before),
 *       model evaluations and largest additivity residual per image, the files, the
 *       SHA-256 of every array file ({@code checksums}) and the {@code provenance}.</li>
 * </ul>
 * with {@code output_shape = [C', H', W']} ({@code [1, H, W]} for a sigmoid mask). In Python,
 * {@code np.load("contributions.npy")[i, p, 0]} is player p's map of image i.
 *
 * <p>{@link #write} builds the folder under a temporary name beside the target and renames it into
 * place, so a folder is always whole. {@link #read} checks every checksum and names a file that
 * does not match ({@link CorruptFolderException}). It also reads version-1 folders (written before
 * ids, inputs, checksums and provenance were recorded), including single-image folders with a
 * {@code [C, H, W]} {@code inputs.npy}.
 */
public final class ExplanationFolder {
    /** Name of the folder's JSON file. */
    public static final String JSON = "explanation.json";
    /** The format name in the JSON file. */
    public static final String FORMAT = "segshap-segmentation-explanation";
    /** The version this class writes. */
    public static final int VERSION = 2;
    static final String BASE = "base_values.npy";
    static final String CONTRIBUTIONS = "contributions.npy";
    static final String PREDICTION = "prediction.npy";
    static final String ERRORS = "standard_errors.npy";
    static final String INPUTS = "inputs.npy";
    /** The true masks' array, when the explanations carry labels; the one definition of this file. */
    public static final String TRUTH = "truth.npy";
    /** The interaction values' array, when the explanations carry interaction maps. */
    public static final String INTERACTIONS = "interactions.npy";
    /** The JSON file that names {@link #INTERACTIONS}: convention, players, shape, checksum. */
    public static final String INTERACTIONS_JSON = "interactions.json";
    /** The format name in {@link #INTERACTIONS_JSON}. */
    public static final String INTERACTIONS_FORMAT = "segshap-interaction-values";
    /** The convention of the interaction values, as written in {@link #INTERACTIONS_JSON}. */
    public static final String INTERACTIONS_CONVENTION = "shap TreeExplainer.shap_interaction_values: "
            + "Phi_ij = SII_ij / 2 for i != j (SII: Shapley interaction index), Phi_ii = phi_i - sum_{j != i} Phi_ij; "
            + "symmetric, row i sums to contributions[:, i], each output's matrix sums to prediction - base_values";
    /**
     * Every file a folder may hold besides {@link #JSON}, which is written last: the arrays and
     * {@link #INTERACTIONS_JSON}. For callers that move a folder's files into place one by one.
     */
    public static final List<String> FILES = List.of(BASE, CONTRIBUTIONS, PREDICTION, ERRORS, INPUTS, TRUTH,
            INTERACTIONS, INTERACTIONS_JSON);
    /** The name prefix of a folder being built by {@link #write}, beside its target. */
    public static final String PARTIAL_PREFIX = ".partial-";
    static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ExplanationFolder() {
    }

    /**
     * Files written into a folder under construction before it is put in place: more files of a
     * unit ({@link #write(Explanations, Path, ExtraFiles)}), or all of a merged folder's
     * ({@link #writeFiles(Path, ExtraFiles)}).
     */
    @FunctionalInterface
    public interface ExtraFiles {
        /** Writes into {@code folder}, the folder under construction. */
        void write(Path folder) throws IOException;
    }

    /** Writes {@code explanations} as the folder {@code dir}, replacing an older one only when complete. */
    public static Path write(Explanations explanations, Path dir) {
        return write(explanations, dir, folder -> { });
    }

    /**
     * Writes {@code explanations} and {@code extras} as the folder {@code dir}: everything goes into
     * a temporary folder beside it, which then replaces {@code dir} (see
     * {@link AtomicFiles#replaceFolder}).
     *
     * @return {@code dir}
     * @throws UncheckedIOException naming the folder when a file cannot be written
     */
    public static Path write(Explanations explanations, Path dir, ExtraFiles extras) {
        Path target = dir.toAbsolutePath().normalize();
        try {
            Path parent = target.getParent();
            Files.createDirectories(parent);
            Path partial = Files.createTempDirectory(parent, PARTIAL_PREFIX + target.getFileName() + "-");
            try {
                writeInto(explanations, partial);
                extras.write(partial);
                AtomicFiles.readableByAll(partial);
                AtomicFiles.replaceFolder(partial, target);
            } finally {
                AtomicFiles.deleteTree(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the explanations to " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    /**
     * Writes {@code explanations} as the folder's files into {@code dir}, which may hold other files
     * (a report, the parts of a resumable run) that are left alone: the folder is written beside
     * them under a temporary name, then each array file is renamed into {@code dir} (an optional
     * array of an older result that this one lacks is deleted) and {@code explanation.json} last, so
     * the JSON never names arrays that are not in place.
     *
     * @return {@code dir}
     * @throws UncheckedIOException naming the folder when a file cannot be written
     */
    public static Path writeFiles(Explanations explanations, Path dir) {
        return writeFiles(dir, staging -> writeInto(explanations, staging));
    }

    /**
     * Writes a folder's files into {@code dir} as {@link #writeFiles(Explanations, Path)} does, the
     * files made by {@code files} in an empty staging folder (e.g. through an
     * {@link ExplanationFolderWriter}, image by image); when {@code files} fails, the staging
     * folder is removed and {@code dir} is left as it was.
     *
     * @return {@code dir}
     * @throws UncheckedIOException naming the folder when a file cannot be written
     */
    public static Path writeFiles(Path dir, ExtraFiles files) {
        Path target = dir.toAbsolutePath().normalize();
        Path staging = target.resolve(PARTIAL_PREFIX + "files");
        try {
            try {
                AtomicFiles.deleteTree(staging);
                Files.createDirectories(staging);
                files.write(staging);
                for (String f : FILES) {
                    Path from = staging.resolve(f);
                    if (Files.exists(from)) {
                        AtomicFiles.move(from, target.resolve(f));
                    } else {
                        Files.deleteIfExists(target.resolve(f));
                    }
                }
                AtomicFiles.move(staging.resolve(JSON), target.resolve(JSON));
            } finally {
                AtomicFiles.deleteTree(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the explanations into " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    private static void writeInto(Explanations ex, Path dir) {
        try (ExplanationFolderWriter w = ExplanationFolderWriter.open(dir, ex.size())) {
            w.append(ex);
            w.finish(ex.provenance().orElse(null));
        }
    }

    /** Whether {@code dir} holds a folder's JSON file (it may still fail {@link #read}). */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(JSON));
    }

    /**
     * Reads only the provenance of a folder (no arrays).
     *
     * @return the provenance, or empty for a folder of version 1
     * @throws CorruptFolderException when the JSON is missing or unreadable
     */
    public static java.util.Optional<Provenance> readProvenance(Path dir) {
        JsonNode p = json(dir).path("provenance");
        if (p.isMissingNode() || p.isNull()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(provenance(dir, p));
    }

    /**
     * Reads only the image ids of a folder (no arrays, no checksum verified).
     *
     * @throws CorruptFolderException when the JSON is missing or unreadable
     */
    public static List<String> readIds(Path dir) {
        JsonNode json = json(dir);
        return json.has("ids") ? strings(json.path("ids")) : Explanations.indexIds(json.path("images").asInt(0));
    }

    /**
     * Reads a folder written by {@link #write} (or by version 1): every image at once (see
     * {@link #open} to read a range of images at a time).
     *
     * @throws CorruptFolderException when a file is missing, unreadable, of the wrong shape, or does
     *                                not match its checksum; the message names the file
     */
    public static Explanations read(Path dir) {
        OpenedExplanationFolder f = open(dir);
        return f.read(0, f.size());
    }

    /**
     * Whether the folder holds the optional array {@code file}: when the JSON's {@code files} names it
     * ({@code key}) it must be there (a missing one is then read, and named, as missing); a folder
     * written before {@code files} was recorded holds it when it is present.
     */
    static boolean holds(Path dir, JsonNode json, String key, String file) {
        return json.path("files").has(key) || Files.isRegularFile(dir.resolve(file));
    }

    /**
     * Opens a folder written by {@link #write} (or by version 1) to read a range of images at a time:
     * its JSON is read, every array's header checked against it and every checksum verified, now
     * and once, each file hashed as a stream.
     *
     * @throws CorruptFolderException when a file is missing, unreadable, of the wrong shape, or does
     *                                not match its checksum; the message names the file
     */
    public static OpenedExplanationFolder open(Path dir) {
        return OpenedExplanationFolder.open(dir);
    }

    static JsonNode json(Path dir) {
        Path jsonFile = dir.resolve(JSON);
        if (!Files.isRegularFile(jsonFile)) {
            throw new CorruptFolderException(jsonFile, dir + " is not an explanation folder: " + JSON + " is missing");
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(jsonFile.toFile());
        } catch (IOException e) {
            throw new CorruptFolderException(jsonFile, "not readable JSON (" + e.getMessage() + ")");
        }
        if (json == null || !FORMAT.equals(json.path("format").asText())) {
            throw new CorruptFolderException(jsonFile, "not a segshap explanation (format '"
                    + (json == null ? "" : json.path("format").asText()) + "')");
        }
        int version = json.path("version").asInt(1);
        if (version > VERSION) {
            throw new CorruptFolderException(jsonFile, "written by a newer segshap (folder version " + version
                    + ", this one reads up to " + VERSION + ")");
        }
        return json;
    }

    static Provenance provenance(Path dir, JsonNode node) {
        try {
            return ProvenanceJson.fromTree(node);
        } catch (IllegalArgumentException e) {
            throw new CorruptFolderException(dir.resolve(JSON), "its provenance is unreadable (" + e.getMessage() + ")");
        }
    }

    /**
     * Checks that {@code file} still has the checksum recorded when it was written.
     *
     * @param recorded the recorded {@link Fingerprint#ofFile} of the file
     * @throws CorruptFolderException naming the file and both checksums when they differ
     */
    public static void verifyChecksum(Path file, String recorded) {
        String actual = Fingerprint.ofFile(file);
        if (!actual.equals(recorded)) {
            throw new CorruptFolderException(file, "does not match its checksum (" + actual + ", recorded "
                    + recorded + "): changed or damaged after it was written");
        }
    }

    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(x -> out.add(x.asText()));
        return out;
    }

    static int[] ints(JsonNode node) {
        int[] out = new int[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asInt();
        }
        return out;
    }

    static int[] prepend(int[] dims, int... lead) {
        int[] out = new int[lead.length + dims.length];
        System.arraycopy(lead, 0, out, 0, lead.length);
        System.arraycopy(dims, 0, out, lead.length, dims.length);
        return out;
    }
}
