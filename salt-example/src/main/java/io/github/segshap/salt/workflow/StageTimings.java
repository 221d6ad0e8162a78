package io.github.segshap.salt.workflow;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.segshap.salt.io.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall time of the latest run of each stage, kept in {@code timings.json} so that stages run by
 * separate commands still end up in one report.
 */
final class StageTimings {
    private static final TypeReference<LinkedHashMap<String, Double>> SECONDS = new TypeReference<>() { };

    private StageTimings() {
    }

    /** Reads the recorded timings (empty when there are none). */
    static Map<String, Double> read(Path file) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            try {
                out.putAll(JsonFiles.JSON.readValue(file.toFile(), SECONDS));
            } catch (IOException | RuntimeException e) {
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
