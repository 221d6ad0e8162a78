package io.github.segshap.salt.workflow;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.segshap.salt.io.CorruptFileException;
import io.github.segshap.salt.io.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall time of the latest run of each stage, kept in {@code timings.json} so that stages run by
 * separate commands still end up in one report. A damaged file (e.g. truncated by a full disk) is
 * named and kept, never silently replaced: every stage checks it at its start ({@link #read}) and
 * refuses ({@link CorruptFileException}, exit 10) before it works.
 */
final class StageTimings {
    private static final TypeReference<LinkedHashMap<String, Double>> SECONDS = new TypeReference<>() { };

    private StageTimings() {
    }

    /**
     * Reads the recorded timings (empty when there are none).
     *
     * @throws CorruptFileException when the file exists but is not a table of stage timings
     */
    static Map<String, Double> read(Path file) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (Files.exists(file)) {
            try {
                Map<String, Double> t = JsonFiles.JSON.readValue(file.toFile(), SECONDS);
                if (t == null) {
                    throw new IOException("no table of stage timings");
                }
                out.putAll(t);
            } catch (IOException e) {
                throw new CorruptFileException(file, "stage timings (the earlier stages' timings are kept in it)", e);
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
