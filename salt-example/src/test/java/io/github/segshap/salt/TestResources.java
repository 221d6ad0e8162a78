package io.github.segshap.salt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locates the shared reference values and the real TGS data for tests: the system properties
 * {@code segshap.reference} and {@code segshap.data} (set by surefire from the parent pom), else
 * {@code ../shared/reference} and {@code ../shared/data/tgs-salt} beside the repository root.
 */
public final class TestResources {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Path, JsonNode> CACHE = new ConcurrentHashMap<>();

    private TestResources() {
    }

    /** The shared reference folder; fails the test when it is missing. */
    public static Path reference() {
        return locate("segshap.reference", "shared/reference");
    }

    /** The real TGS training data folder; fails the test when it is missing. */
    public static Path data() {
        return locate("segshap.data", "shared/data/tgs-salt");
    }

    /** A reference JSON file under {@code reference()/attributes}, parsed once. */
    public static JsonNode attributesJson(String name) {
        Path p = reference().resolve("attributes").resolve(name);
        return CACHE.computeIfAbsent(p, q -> {
            try {
                return JSON.readTree(q.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read reference " + q, e);
            }
        });
    }

    /** A JSON {@code [row][col]} array as a row-major double array; {@code null} becomes NaN. */
    public static double[] grid(JsonNode rows) {
        int h = rows.size();
        int w = rows.get(0).size();
        double[] out = new double[h * w];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                JsonNode v = rows.get(r).get(c);
                out[r * w + c] = v.isNull() ? Double.NaN : v.isBoolean() ? (v.asBoolean() ? 1 : 0) : v.asDouble();
            }
        }
        return out;
    }

    /** A JSON number list as doubles; {@code null} becomes NaN. */
    public static double[] vector(JsonNode list) {
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i).isNull() ? Double.NaN : list.get(i).asDouble();
        }
        return out;
    }

    private static Path locate(String property, String fallback) {
        String set = System.getProperty(property);
        if (set != null && !set.isBlank()) {
            Path p = Path.of(set).toAbsolutePath().normalize();
            if (!Files.isDirectory(p)) {
                throw new IllegalStateException("-D" + property + "=" + set + " is not a folder");
            }
            return p;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(fallback);
            if (Files.isDirectory(candidate)) {
                return candidate.normalize();
            }
        }
        throw new IllegalStateException("cannot find " + fallback + "; set -D" + property + "=DIR");
    }
}
