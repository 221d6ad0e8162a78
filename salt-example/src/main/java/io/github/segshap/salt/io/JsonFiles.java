package io.github.segshap.salt.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.segshap.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The JSON files of a run folder (and of the data cache), bound to records: one mapper, one key
 * style. Record components are written in snake_case ({@code bestEpoch} as {@code best_epoch}), enum
 * constants in lower case ({@code TRANSPOSED_CONVOLUTION} as {@code transposed_convolution}) and read
 * back in any case; keys a record does not know are ignored, so files of newer versions still read.
 * Every write goes to a temporary file that is renamed into place.
 */
public final class JsonFiles {
    /** The mapper of every run-folder file. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(EnumFeature.WRITE_ENUMS_TO_LOWERCASE, true)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private JsonFiles() {
    }

    /** The JSON form of a value (indented UTF-8). */
    public static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getMessage(), e);
        }
    }

    /** Writes a value to {@code file} atomically. */
    public static void write(Path file, Object value) {
        try {
            AtomicFiles.write(file, bytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code file} as a {@code type}.
     *
     * @throws CorruptFileException naming the file when it is not JSON of the type
     * @throws UncheckedIOException naming the file when it is missing or unreadable
     */
    public static <T> T read(Path file, Class<T> type) {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (JsonProcessingException e) {
            throw new CorruptFileException(file, type.getSimpleName(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " as " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Reads {@code file} as a {@code type} when it exists. */
    public static <T> Optional<T> readIfPresent(Path file, Class<T> type) {
        return Files.isRegularFile(file) ? Optional.of(read(file, type)) : Optional.empty();
    }

    /** Reads {@code file} as a tree (for files whose form another package owns). */
    public static JsonNode readTree(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new CorruptFileException(file, "JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
