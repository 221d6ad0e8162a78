package io.github.segshap.dl4j.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Class names that moved: every {@value #RESOURCE} on the class path lists {@code old.Name =
 * new.Name} lines, and {@link #apply} rewrites a saved DL4J configuration (which names custom layers
 * and losses by class) so that models saved before a class moved still load. shap-dl4j names no
 * class of its own here: the module that moved the classes ships the file (shap-zoo for its U-Net
 * losses).
 */
final class ClassAliases {
    /** The class-path resource every module with moved classes may ship. */
    static final String RESOURCE = "META-INF/segshap/dl4j-class-aliases.properties";

    private final Map<String, String> aliases;

    private ClassAliases(Map<String, String> aliases) {
        this.aliases = Map.copyOf(aliases);
    }

    /** The aliases of an explicit map (old class name to new). */
    static ClassAliases of(Map<String, String> aliases) {
        return new ClassAliases(aliases);
    }

    /**
     * The aliases of every {@value #RESOURCE} that {@code loader} sees.
     *
     * @throws IllegalStateException when two files map one old name to different new names
     * @throws UncheckedIOException  when a file cannot be read
     */
    static ClassAliases fromClassPath(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        Map<String, String> aliases = new HashMap<>();
        Map<String, URL> from = new HashMap<>();
        for (URL url : resources(loader)) {
            Properties p = new Properties();
            try (InputStream in = url.openStream()) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the class aliases " + url + ": " + e.getMessage(), e);
            }
            for (String old : p.stringPropertyNames()) {
                String now = p.getProperty(old).trim();
                String before = aliases.putIfAbsent(old.trim(), now);
                if (before != null && !before.equals(now)) {
                    throw new IllegalStateException("the class " + old + " has two aliases: " + before + " (in "
                            + from.get(old.trim()) + ") and " + now + " (in " + url + ")");
                }
                from.putIfAbsent(old.trim(), url);
            }
        }
        return new ClassAliases(aliases);
    }

    /** The aliases of the class path this class was loaded from, or the thread's when it has one. */
    static ClassAliases fromClassPath() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return fromClassPath(context != null ? context : ClassAliases.class.getClassLoader());
    }

    private static Iterable<URL> resources(ClassLoader loader) {
        try {
            Enumeration<URL> urls = loader.getResources(RESOURCE);
            return Collections.list(urls);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Old class name to new, unmodifiable. */
    Map<String, String> aliases() {
        return aliases;
    }

    /**
     * The JSON configuration with every quoted old class name replaced by its new name (the
     * configuration itself when none occurs).
     */
    String apply(String configuration) {
        String out = configuration;
        for (Map.Entry<String, String> e : aliases.entrySet()) {
            out = out.replace("\"" + e.getKey() + "\"", "\"" + e.getValue() + "\"");
        }
        return out;
    }
}
