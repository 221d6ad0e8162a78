package io.github.segshap.salt.prepare.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 helpers for cache keys and checksums. */
public final class Fingerprints {
    private Fingerprints() {
    }

    /** SHA-256 of a file's content, lower-case hex. */
    public static String sha256(Path file) {
        MessageDigest md = digest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** SHA-256 of a UTF-8 string, lower-case hex. */
    public static String sha256(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A fingerprint of a set of files: SHA-256 over the lines {@code relative-path size sha256},
     * in the order given (pass them sorted). Content hashes are computed in parallel. Any changed,
     * added, removed or renamed file changes the fingerprint; copying or touching files does not.
     *
     * @param root  the folder the relative paths are taken from
     * @param files files under {@code root}
     */
    public static String ofFiles(Path root, List<Path> files) {
        String[] lines = new String[files.size()];
        java.util.stream.IntStream.range(0, files.size()).parallel().forEach(i -> {
            Path f = files.get(i);
            try {
                lines[i] = root.relativize(f).toString().replace('\\', '/') + " " + Files.size(f) + " " + sha256(f);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f, e);
            }
        });
        return sha256(String.join("\n", new ArrayList<>(List.of(lines))));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
