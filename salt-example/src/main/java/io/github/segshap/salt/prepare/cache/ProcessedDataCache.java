package io.github.segshap.salt.prepare.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.segshap.core.io.Npy;
import io.github.segshap.salt.io.FileTrees;
import io.github.segshap.salt.io.JsonFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder of processed data sets, one sub-folder per key. The key is a hash of everything the
 * content depends on (parameters, input fingerprint, pipeline version), so a changed parameter or
 * input file simply maps to another entry and is rebuilt.
 *
 * <p>An entry holds arrays as NumPy {@code .npy} files (readable with {@code numpy.load}), text
 * files, and {@code manifest.json}: {@code schema}, {@code key}, the caller's {@code data}
 * object (parameters, ids, versions, ...) and a {@code files} object with the size and SHA-256 of
 * every file. An entry is written into a hidden temporary folder that is renamed into place only
 * when complete, so a crash never leaves a half-written entry; {@link #open} re-checks every size
 * and checksum and treats a damaged entry as missing.
 */
public final class ProcessedDataCache {
    /** The manifest schema name. */
    public static final String SCHEMA = "segshap-salt-processed/1";
    /** The manifest file name. */
    public static final String MANIFEST = "manifest.json";
    private static final Logger LOG = LoggerFactory.getLogger(ProcessedDataCache.class);
    private static final ObjectMapper JSON = JsonFiles.JSON;

    private final Path root;

    /** A cache in {@code root} (created when first written). */
    public ProcessedDataCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The cache folder. */
    public Path root() {
        return root;
    }

    /** The folder of the entry for {@code key}. */
    public Path entryDirectory(String key) {
        checkKey(key);
        return root.resolve(key);
    }

    /**
     * The entry for {@code key} if it exists and is intact (manifest readable, schema and key
     * matching, every file present with its recorded size and SHA-256); otherwise empty, with the
     * reason logged.
     */
    public Optional<CacheEntry> open(String key) {
        Path dir = entryDirectory(key);
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            return Optional.empty();
        }
        try {
            JsonNode m = JSON.readTree(manifestFile.toFile());
            if (!SCHEMA.equals(m.path("schema").asText()) || !key.equals(m.path("key").asText())) {
                LOG.warn("cache entry {} has another schema or key; rebuilding", dir);
                return Optional.empty();
            }
            Iterator<Map.Entry<String, JsonNode>> files = m.path("files").fields();
            while (files.hasNext()) {
                Map.Entry<String, JsonNode> f = files.next();
                Path p = dir.resolve(f.getKey());
                if (!Files.isRegularFile(p) || Files.size(p) != f.getValue().path("bytes").asLong(-1)
                        || !Fingerprints.sha256(p).equals(f.getValue().path("sha256").asText())) {
                    LOG.warn("cache entry {}: file {} is missing or damaged; rebuilding", dir, f.getKey());
                    return Optional.empty();
                }
            }
            return Optional.of(new CacheEntry(dir, m));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cache entry {} is unreadable ({}); rebuilding", dir, e.toString());
            return Optional.empty();
        }
    }

    /** What a new entry holds; filled by the caller of {@link #write}. */
    public static final class Contents {
        private final Map<String, float[]> arrays = new LinkedHashMap<>();
        private final Map<String, int[]> shapes = new LinkedHashMap<>();
        private final Map<String, String> texts = new LinkedHashMap<>();

        /** Adds a {@code float32} array saved as {@code name.npy}. */
        public Contents array(String name, float[] data, int... shape) {
            arrays.put(name, data);
            shapes.put(name, shape.clone());
            return this;
        }

        /** Adds a UTF-8 text file. */
        public Contents text(String fileName, String content) {
            texts.put(fileName, content);
            return this;
        }
    }

    /**
     * Writes an entry atomically and returns it. An existing entry for the key (for example a
     * damaged one) is replaced.
     *
     * @param key      the entry key (letters, digits, '-' and '_')
     * @param data     the caller's manifest data (parameters, ids, versions ...): a record or a JSON tree,
     *                 written through {@link JsonFiles#JSON} (snake_case)
     * @param contents the arrays and text files
     */
    public CacheEntry write(String key, Object data, Contents contents) {
        Path target = entryDirectory(key);
        Path tmp = null;
        try {
            Files.createDirectories(root);
            tmp = Files.createTempDirectory(root, ".tmp-" + key + "-");
            final Path dir = tmp;
            ObjectNode files = JSON.createObjectNode();
            contents.arrays.entrySet().parallelStream().forEach(e ->
                    Npy.write(dir.resolve(e.getKey() + ".npy"), e.getValue(), contents.shapes.get(e.getKey())));
            for (String name : contents.arrays.keySet()) {
                record(files, dir, name + ".npy");
            }
            for (Map.Entry<String, String> t : contents.texts.entrySet()) {
                Files.writeString(dir.resolve(t.getKey()), t.getValue(), StandardCharsets.UTF_8);
                record(files, dir, t.getKey());
            }
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("schema", SCHEMA);
            manifest.put("key", key);
            manifest.set("data", JSON.valueToTree(data));
            manifest.set("files", files);
            Files.writeString(dir.resolve(MANIFEST), JSON.writeValueAsString(manifest), StandardCharsets.UTF_8);
            Path old = null;
            if (Files.exists(target)) {
                old = root.resolve(".old-" + key + "-" + System.nanoTime());
                Files.move(target, old);
            }
            FileTrees.moveNew(tmp, target);
            tmp = null;
            if (old != null) {
                FileTrees.deleteQuietly(old);
            }
            return new CacheEntry(target, manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cache entry " + target, e);
        } finally {
            if (tmp != null) {
                FileTrees.deleteQuietly(tmp);
            }
        }
    }

    /**
     * Deletes what a killed writer left in the cache folder: the hidden temporary folders of an entry
     * being written or replaced ({@code .tmp-<key>-...}, {@code .old-<key>-...}) and of a synthetic
     * data set being generated ({@code .synthetic-...}), and only these: any other name (a user's own
     * {@code .mydir/}) is left alone. Call this only while no other process writes the cache (the run lock).
     *
     * @return the deleted folders, sorted
     */
    public List<Path> removeTemporaries() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> removed = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.sorted().toList()) {
                if (isTemporary(p.getFileName().toString()) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    FileTrees.delete(p);
                    removed.add(p);
                    LOG.info("removed {}, left by an interrupted prepare", p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean the temporary folders of " + root + ": " + e.getMessage(), e);
        }
        return removed;
    }

    /** Whether {@code name} is one of the temporary folder names this cache and the generator write under. */
    private static boolean isTemporary(String name) {
        return name.startsWith(".tmp-") || name.startsWith(".old-") || name.startsWith(".synthetic-");
    }

    private static void record(ObjectNode files, Path dir, String name) throws IOException {
        ObjectNode f = files.putObject(name);
        f.put("bytes", Files.size(dir.resolve(name)));
        f.put("sha256", Fingerprints.sha256(dir.resolve(name)));
    }

    private static void checkKey(String key) {
        if (key == null || !key.matches("[A-Za-z0-9_-]{1,100}")) {
            throw new IllegalArgumentException("bad cache key '" + key + "'");
        }
    }
}
