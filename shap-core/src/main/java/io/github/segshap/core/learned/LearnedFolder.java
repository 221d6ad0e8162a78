package io.github.segshap.core.learned;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.segshap.core.io.AtomicFiles;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.io.ProvenanceJson;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.ModelFormat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The folder of a fitted learned explainer: the network as a DL4J zip ({@value #NETWORK_ZIP}) and as
 * ONNX ({@value #NETWORK_ONNX}), the exact base value map ({@value #BASE}, float64
 * {@code P x H x W}), and {@value #RECORD}, the {@link LearnedRecord} (its {@code exact} object is the
 * exact explanations' provenance in {@link ProvenanceJson}'s form). Every file is written under a
 * temporary name and renamed; {@value #RECORD} is written last, so a folder without it is not a
 * learned explainer. The networks are loaded through the {@link ModelFormat}s on the class path: the
 * ONNX one first, then the zip.
 */
public final class LearnedFolder {
    /** The network as a DL4J model zip. */
    public static final String NETWORK_ZIP = "explainer.zip";
    /** The network as ONNX. */
    public static final String NETWORK_ONNX = "explainer.onnx";
    /** The exact base value map. */
    public static final String BASE = "base.npy";
    /** The record. */
    public static final String RECORD = "learned.json";
    /** The {@code format} entry of {@value #RECORD}. */
    public static final String FORMAT = "segshap-learned-explainer 1";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LearnedFolder() {
    }

    /**
     * Writes the base value map and the record into {@code dir} (made when missing); the caller writes
     * the network files first.
     *
     * @param base       the base value of every output
     * @param baseShape  the base map's shape ({@code P, H, W})
     * @throws UncheckedIOException when a file cannot be written
     */
    public static void write(Path dir, double[] base, int[] baseShape, LearnedRecord record) {
        try {
            Files.createDirectories(dir);
            Npy.write(dir.resolve(BASE), base, baseShape);
            AtomicFiles.write(dir.resolve(RECORD), MAPPER.writeValueAsString(toTree(record)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the learned explainer to " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a learned explainer, its network loaded through the model formats on the class path
     * ({@value #NETWORK_ONNX} when a format reads it, else {@value #NETWORK_ZIP}).
     *
     * @throws IllegalArgumentException naming the problem when the folder is not a learned explainer or
     *                                  no format reads its networks
     */
    public static LearnedExplainer read(Path dir) {
        LearnedRecord record = readRecord(dir);
        double[] base = Npy.read(existing(dir, BASE)).toDoubles();
        List<String> tried = new ArrayList<>();
        for (String name : List.of(NETWORK_ONNX, NETWORK_ZIP)) {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            byte[] head = head(file);
            var format = ModelFormat.forFile(file, head);
            if (format.isPresent()) {
                Model network = format.get().load(file, ModelFormat.Options.DEFAULTS).model();
                return LearnedExplainer.measured(network, base, record);
            }
            tried.add(name);
        }
        throw new IllegalArgumentException("the learned explainer in " + dir + " has no network a format on the class "
                + "path reads (" + (tried.isEmpty() ? "neither " + NETWORK_ONNX + " nor " + NETWORK_ZIP + " is there"
                : "found " + tried + "; formats: " + ModelFormat.available().stream().map(ModelFormat::name).toList())
                + ")");
    }

    /**
     * Reads {@value #RECORD} of a learned explainer's folder.
     *
     * @throws IllegalArgumentException naming the problem when the file is missing or not a record
     */
    public static LearnedRecord readRecord(Path dir) {
        Path file = existing(dir, RECORD);
        try {
            return fromTree(MAPPER.readTree(file.toFile()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + " is not a learned explainer's record: " + e.getMessage(), e);
        }
    }

    static JsonNode toTree(LearnedRecord r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.set("exact", ProvenanceJson.toTree(r.exact()));
        root.set("fitted_ids", MAPPER.valueToTree(r.fittedIds()));
        root.set("held_out_ids", MAPPER.valueToTree(r.heldOutIds()));
        root.set("training", MAPPER.valueToTree(r.training()));
        root.put("seed", r.seed());
        root.put("library_version", r.libraryVersion());
        root.put("java_version", r.javaVersion());
        root.put("created", r.created());
        LearnedError e = r.heldOutError();
        ObjectNode error = root.putObject("held_out_error");
        error.put("images", e.images());
        error.put("relative_rms", e.relativeRms());
        ArrayNode correlation = error.putArray("player_correlation");
        e.playerCorrelation().forEach(c -> correlation.add(Double.isNaN(c) ? null : c));
        error.put("dominant_agreement", e.dominantAgreement());
        error.put("worst_image", e.worstImage());
        error.put("worst_relative_rms", e.worstRelativeRms());
        return root;
    }

    static LearnedRecord fromTree(JsonNode root) {
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("format is '" + root.path("format").asText() + "', expected '"
                    + FORMAT + "'");
        }
        JsonNode e = required(root, "held_out_error");
        List<Double> correlation = new ArrayList<>();
        required(e, "player_correlation").forEach(c -> correlation.add(c.isNull() ? Double.NaN : c.asDouble()));
        LearnedError error = new LearnedError(required(e, "images").asInt(), required(e, "relative_rms").asDouble(),
                correlation, required(e, "dominant_agreement").asDouble(), required(e, "worst_image").asText(),
                required(e, "worst_relative_rms").asDouble());
        Map<String, String> training = new TreeMap<>();
        required(root, "training").fields().forEachRemaining(f -> training.put(f.getKey(), f.getValue().asText()));
        return new LearnedRecord(ProvenanceJson.fromTree(required(root, "exact")), strings(required(root, "fitted_ids")),
                strings(required(root, "held_out_ids")), training, required(root, "seed").asLong(),
                required(root, "library_version").asText(), required(root, "java_version").asText(),
                required(root, "created").asText(), error);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode required(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the entry '" + key + "' is missing");
        }
        return v;
    }

    private static Path existing(Path dir, String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " is not a learned explainer's folder: " + name + " is missing");
        }
        return file;
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(ModelFormat.HEAD_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
