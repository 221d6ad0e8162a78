package io.github.segshap.salt.train.tracking;

import io.github.segshap.core.io.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The {@code meta.yaml} files of the MLflow file store, read and written with SnakeYAML. Written as
 * MLflow's own PyYAML dump looks: one block mapping, keys plain, string values single quoted (so ids
 * such as {@code '1'} stay strings), numbers and {@code null} plain, an empty list as {@code []}.
 */
final class MetaYaml {

    private MetaYaml() {
    }

    /** A string value, written single quoted. */
    private record Quoted(String text) {
    }

    /** Plain keys and numbers, single-quoted string values. */
    private static final class MetaRepresenter extends Representer {
        MetaRepresenter(DumperOptions options) {
            super(options);
            this.representers.put(Quoted.class,
                    data -> representScalar(Tag.STR, ((Quoted) data).text(), DumperOptions.ScalarStyle.SINGLE_QUOTED));
        }
    }

    private static Yaml yaml() {
        DumperOptions dump = new DumperOptions();
        dump.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dump.setSplitLines(false);
        return new Yaml(new SafeConstructor(new LoaderOptions()), new MetaRepresenter(dump), dump);
    }

    /**
     * The YAML text of a flat map whose values are strings, numbers, null or lists (keys in the
     * map's order).
     */
    static String text(Map<String, ?> meta) {
        Map<String, Object> quoted = new LinkedHashMap<>();
        meta.forEach((k, v) -> quoted.put(k, v instanceof String s ? new Quoted(s) : v));
        return yaml().dump(quoted);
    }

    /** Writes a flat map as {@code file}, atomically. */
    static void write(Path file, Map<String, ?> meta) throws IOException {
        AtomicFiles.write(file, text(meta));
    }

    /**
     * Reads a {@code meta.yaml} (ours or MLflow's) as its top-level keys and their values as text:
     * {@code 'x'} and {@code x} as {@code x}, a null as {@code "null"}, an empty list as {@code "[]"}.
     *
     * @throws TrackingException naming the file when it cannot be read or is not a YAML mapping
     */
    static Map<String, String> read(Path file) {
        Object doc;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            doc = yaml().load(r);
        } catch (IOException | RuntimeException e) {
            throw new TrackingException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (doc == null) {
            return out;
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new TrackingException("cannot read " + file + ": not a YAML mapping but a "
                    + doc.getClass().getSimpleName(), null);
        }
        map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }

    /**
     * Rewrites {@code file} with some top-level keys replaced, keeping the others as they are.
     *
     * @throws TrackingException naming the file when it cannot be read or is not a YAML mapping
     */
    static void update(Path file, Map<String, ?> changes) throws IOException {
        Object doc;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            doc = yaml().load(r);
        } catch (RuntimeException e) {
            throw new TrackingException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new TrackingException("cannot read " + file + ": not a YAML mapping", null);
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        map.forEach((k, v) -> meta.put(String.valueOf(k), v));
        meta.putAll(changes);
        write(file, meta);
    }
}
