package io.github.segshap.core.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The versions recorded in every {@link Provenance}: segshap's (from the build) and Java's. */
public final class Versions {
    private static final String LIBRARY = readLibrary();

    private Versions() {
    }

    /** segshap's version, as the build wrote it into {@code segshap-version.properties}. */
    public static String library() {
        return LIBRARY;
    }

    /** The running Java version, e.g. {@code 17.0.15}. */
    public static String java() {
        return System.getProperty("java.version", "unknown");
    }

    private static String readLibrary() {
        try (InputStream in = Versions.class.getResourceAsStream("segshap-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
