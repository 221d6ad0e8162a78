package io.github.segshap.salt.prepare.cache;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.io.NpyArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A complete, verified cache entry: its folder and manifest. Reads its files on demand.
 *
 * @param directory the entry's folder
 * @param manifest  the parsed {@code manifest.json}
 */
public record CacheEntry(Path directory, JsonNode manifest) {
    /** The array saved under {@code name} (file {@code name.npy}). */
    public NpyArray array(String name) {
        return Npy.read(directory.resolve(name + ".npy"));
    }

    /** The text file saved under {@code name}. */
    public String text(String name) {
        try {
            return Files.readString(directory.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory.resolve(name), e);
        }
    }

    /** The manifest's {@code "data"} object: what the writer put there. */
    public JsonNode data() {
        return manifest.get("data");
    }
}
