package io.github.segshap.salt.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.segshap.salt.io.CorruptFileException;
import io.github.segshap.salt.io.JsonFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ProviderNotFoundException;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link ModelInfo} a model file carries inside itself: {@code model.zip} (DL4J's
 * {@code ModelSerializer} zip) holds one more entry, {@value #ENTRY}, that DL4J ignores. A model
 * therefore says what data it was trained on even when {@code model.json} is missing or belongs to
 * another model.
 */
final class ModelFile {
    /** The zip entry of the record. */
    static final String ENTRY = "segshap-model.json";

    private ModelFile() {
    }

    /** The entries to add to a model file to record {@code info} in it. */
    static Map<String, byte[]> entries(ModelInfo info) {
        return Map.of(ENTRY, JsonFiles.bytes(info.withModelFingerprint(null)));
    }

    /**
     * The record inside {@code model}, if it has one (models of earlier versions do not).
     *
     * @throws CorruptFileException when the entry is not a {@link ModelInfo}
     */
    static Optional<ModelInfo> read(Path model) {
        try (FileSystem zip = FileSystems.newFileSystem(model)) {
            Path entry = zip.getPath(ENTRY);
            if (!Files.isRegularFile(entry)) {
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(entry);
            try {
                return Optional.of(JsonFiles.JSON.readValue(bytes, ModelInfo.class));
            } catch (JsonProcessingException e) {
                throw new CorruptFileException(model.resolve(ENTRY), "ModelInfo", e);
            }
        } catch (IOException | ProviderNotFoundException e) {
            throw new UncheckedIOException("cannot open the model file " + model + " as a zip: " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }
}
