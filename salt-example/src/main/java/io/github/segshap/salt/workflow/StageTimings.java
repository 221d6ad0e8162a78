package io.github.segshap.salt.workflow;

import io.github.segshap.salt.io.JsonFiles;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall time of the latest run of each stage, kept in {@code timings.json} so that stages run by
 * separate commands still end up in one report.
 */
final class StageTimings {
    private StageTimings() {
    }

    /** Reads the recorded timings (empty when there are none). */
    static Map<String, Double> read(Path file) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            try {
                JsonNode n = JsonFiles.readTree(file);
                n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asDouble()));
            } catch (RuntimeException e) {
                // an unreadable timings file only loses the table
            }
        }
        return out;
    }

    /** Records one stage's time (replacing its previous one). */
    static void record(Path file, String stage, double seconds) {
        Map<String, Double> t = read(file);
        t.put(stage, seconds);
        JsonFiles.write(file, t);
    }
}
