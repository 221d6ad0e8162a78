package io.github.segshap.core.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.segshap.core.explanation.Explanations;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The interaction values of an explanation folder: {@link ExplanationFolder#INTERACTIONS} and the
 * {@link ExplanationFolder#INTERACTIONS_JSON} that names it. Read back by {@link ExplanationFolder#read}.
 */
final class InteractionsFile {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private InteractionsFile() {
    }

    /**
     * Writes {@link ExplanationFolder#INTERACTIONS} when explanation 0 carries interaction maps.
     *
     * @return whether it was written
     * @throws IllegalArgumentException when some explanations carry interaction maps and others not
     */
    static boolean write(Explanations ex, Path dir) throws IOException {
        int n = ex.size();
        int m = ex.players();
        int k = ex.outputShape().size();
        boolean with = ex.get(0).interactions().isPresent();
        for (int i = 1; i < n; i++) {
            if (ex.get(i).interactions().isPresent() != with) {
                throw new IllegalArgumentException("explanation " + i + " (" + ex.id(i) + ") "
                        + (with ? "has no interaction maps but explanation 0 has"
                        : "has interaction maps but explanation 0 has none"));
            }
        }
        if (!with) {
            return false;
        }
        double[] values = new double[Math.multiplyExact(Math.multiplyExact(n, m * m), k)];
        for (int i = 0; i < n; i++) {
            double[] one = ex.get(i).interactions().orElseThrow().toArray();
            System.arraycopy(one, 0, values, i * m * m * k, one.length);
        }
        Npy.write(dir.resolve(ExplanationFolder.INTERACTIONS), values, ExplanationFolder.prepend(ex.outputShape().dims(), n, m, m));
        return true;
    }

    static void writeJson(Explanations ex, Path dir, String checksum) throws IOException {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("format", ExplanationFolder.INTERACTIONS_FORMAT);
        json.put("version", 1);
        json.put("file", ExplanationFolder.INTERACTIONS);
        json.put("dtype", "float64");
        json.set("shape", MAPPER.valueToTree(ExplanationFolder.prepend(ex.outputShape().dims(), ex.size(), ex.players(),
                ex.players())));
        json.set("axes", MAPPER.valueToTree(List.of("image", "player i", "player j", "output plane", "row",
                "column")));
        json.put("convention", ExplanationFolder.INTERACTIONS_CONVENTION);
        json.set("players", MAPPER.valueToTree(ex.playerNames()));
        json.set("ids", MAPPER.valueToTree(ex.ids()));
        json.put("sha256", checksum);
        AtomicFiles.write(dir.resolve(ExplanationFolder.INTERACTIONS_JSON), MAPPER.writeValueAsBytes(json));
    }

}
