package io.github.segshap.core.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
     * Writes {@link ExplanationFolder#INTERACTIONS_JSON}, naming the interaction values' file of
     * {@code ids.size()} images (written by {@link ExplanationFolderWriter}).
     */
    static void writeJson(Path dir, int[] outputDims, List<String> players, List<String> ids, String checksum)
            throws IOException {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("format", ExplanationFolder.INTERACTIONS_FORMAT);
        json.put("version", 1);
        json.put("file", ExplanationFolder.INTERACTIONS);
        json.put("dtype", "float64");
        json.set("shape", MAPPER.valueToTree(ExplanationFolder.prepend(outputDims, ids.size(), players.size(),
                players.size())));
        json.set("axes", MAPPER.valueToTree(List.of("image", "player i", "player j", "output plane", "row",
                "column")));
        json.put("convention", ExplanationFolder.INTERACTIONS_CONVENTION);
        json.set("players", MAPPER.valueToTree(players));
        json.set("ids", MAPPER.valueToTree(ids));
        json.put("sha256", checksum);
        AtomicFiles.write(dir.resolve(ExplanationFolder.INTERACTIONS_JSON), MAPPER.writeValueAsBytes(json));
    }

}
