package io.github.segshap.spark.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.github.segshap.core.provenance.Provenance;

import java.io.UncheckedIOException;

/** A provenance as JSON text (the form in which the recipe travels to the executors), and back. */
final class ProvenanceJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ProvenanceJson() {
    }

    static String write(Provenance p) {
        try {
            return MAPPER.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the provenance as JSON: " + e.getMessage(), e);
        }
    }

    static Provenance read(String json) {
        try {
            return MAPPER.readValue(json, Provenance.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot read the shipped provenance: " + e.getMessage(), e);
        }
    }
}
