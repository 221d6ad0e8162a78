package io.github.segshap.salt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trained model records what it was made from (in model.json and inside model.zip), and no later
 * stage uses it for other data: an edited training image or data of another resolution is named.
 */
class ModelProvenanceTest {
    private static final CliRunner.Tiny TINY = new CliRunner.Tiny(2);

    @TempDir
    Path tmp;

    private static void assertFails(int code, CliRunner.Run run, String... parts) {
        assertEquals(code, run.exitCode(), run.toString());
        for (String p : parts) {
            assertTrue(run.err().contains(p), "message should contain '" + p + "': " + run.err());
        }
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void anEditedTrainingImageIsNoticedByTheNextStage() throws Exception {
        Path out = tmp.resolve("run");
        CliRunner.Run train = CliRunner.run(TINY.args("train", out));
        assertEquals(0, train.exitCode(), train.toString());
        JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
        assertTrue(model.path("data_fingerprint").asText().startsWith("sha256:"), model.toString());
        assertTrue(model.path("model_fingerprint").asText().startsWith("sha256:"), model.toString());
        assertTrue(model.path("nd4j_threads").asInt() >= 1, model.toString());
        try (FileSystem zip = FileSystems.newFileSystem(out.resolve("model.zip"))) {
            JsonNode inside = new ObjectMapper().readTree(Files.readAllBytes(zip.getPath("segshap-model.json")));
            assertEquals(model.path("data_fingerprint"), inside.path("data_fingerprint"), "the model file records it too");
        }
        List<Path> images;
        try (Stream<Path> s = Files.walk(out.resolve("data-cache"))) {
            images = s.filter(p -> p.getParent().getFileName().toString().equals("images")
                    && p.toString().endsWith(".png")).sorted().toList();
        }
        assertTrue(images.size() > 2, "synthetic images: " + images);
        Files.copy(images.get(1), images.get(0), StandardCopyOption.REPLACE_EXISTING);
        assertFails(6, CliRunner.run(TINY.args("explain", out)), "the data changed since the model",
                model.path("data_fingerprint").asText());
    }

    /** A run folder {@code name} with a model trained at full resolution and its model.json deleted. */
    private Path trainedAtFullResolutionWithoutModelJson(String name) throws Exception {
        Path out = tmp.resolve(name);
        CliRunner.Run train = CliRunner.run(TINY.args("train", out, "--resolution", "full"));
        assertEquals(0, train.exitCode(), train.toString());
        Files.delete(out.resolve("model.json"));
        return out;
    }

    @Tag("campaign")
    @Test
    void aModelOfAnotherResolutionIsRefusedWithoutModelJson() throws Exception {
        Path out = trainedAtFullResolutionWithoutModelJson("full");
        assertFails(6, CliRunner.run(TINY.args("explain", out)),
                "4 x 101 x 101", "4 x 24 x 24");
    }

    @Tag("campaign")
    @Test
    void aModelWithNoRecordAtAllIsSaidToBeUnchecked() throws Exception {
        Path out = trainedAtFullResolutionWithoutModelJson("bare");
        try (FileSystem zip = FileSystems.newFileSystem(out.resolve("model.zip"))) {
            Files.delete(zip.getPath("segshap-model.json"));
        }
        // a U-Net trained on 101 x 101 (padded 104) given 24 x 24 data: 24 is a multiple of 4, so it runs
        CliRunner.Run explain = CliRunner.run(TINY.args("explain", out));
        assertEquals(0, explain.exitCode(), explain.toString());
        assertTrue(explain.toString().contains("records no data it was trained on")
                && explain.toString().contains("unchecked"), explain.toString());
    }
}
