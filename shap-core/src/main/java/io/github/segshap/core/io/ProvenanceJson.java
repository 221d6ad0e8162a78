package io.github.segshap.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.github.segshap.core.provenance.Provenance;

/**
 * The one JSON form of a {@link Provenance}: snake_case keys ({@code explainer_options},
 * {@code background_fingerprint}, ...), unknown keys ignored on reading. The {@code provenance}
 * object of {@code explanation.json} ({@link ExplanationFolder}) and the recipe a Spark job ships to
 * its executors are both written and read here.
 */
public final class ProvenanceJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ProvenanceJson() {
    }

    /** The provenance as a JSON tree. */
    public static JsonNode toTree(Provenance p) {
        return MAPPER.valueToTree(p);
    }

    /**
     * A provenance from its JSON tree.
     *
     * @throws IllegalArgumentException naming the problem when the tree is not a provenance
     */
    public static Provenance fromTree(JsonNode node) {
        try {
            return MAPPER.treeToValue(node, Provenance.class);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("not a readable provenance: " + e.getMessage(), e);
        }
    }

    /** The provenance as compact JSON text. */
    public static String toJson(Provenance p) {
        try {
            return MAPPER.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the provenance as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * A provenance from JSON text written by {@link #toJson}.
     *
     * @throws IllegalArgumentException naming the problem when the text is not a provenance
     */
    public static Provenance fromJson(String json) {
        try {
            return fromTree(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a readable provenance: " + e.getMessage(), e);
        }
    }
}
