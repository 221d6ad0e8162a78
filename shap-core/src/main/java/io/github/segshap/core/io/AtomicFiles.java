package io.github.segshap.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.Comparator;
import java.util.stream.Stream;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes that never leave a half-written file: content goes to a temporary file beside the target,
 * which is then renamed over it (atomically where the file system can). Targets end up readable by
 * everyone ({@code rw-r--r--} on POSIX file systems), like files written the ordinary way.
 */
public final class AtomicFiles {
    /** The name prefix of an old folder renamed aside by {@link #replaceFolder} until the new one is in place. */
    public static final String STALE_PREFIX = ".stale-";

    /** The name of a temporary {@link #write}/{@link #copy} writes under: "." + the target's name + random digits + ".tmp". */
    private static final java.util.regex.Pattern TEMPORARY = java.util.regex.Pattern.compile("\\..+\\d+\\.tmp");

    private AtomicFiles() {
    }

    /**
     * Whether {@code file}'s name is one this class writes under before the rename (hidden, the
     * target's name followed by random digits and {@code .tmp}); a cleaner removes only these, never a
     * user's own {@code .draft.tmp}.
     */
    public static boolean isTemporary(Path file) {
        return TEMPORARY.matcher(file.getFileName().toString()).matches();
    }

    /** Writes {@code bytes} to {@code target} atomically, creating its folder if needed. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes {@code text} as UTF-8 to {@code target} atomically. */
    public static void write(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Copies {@code from} to {@code to} atomically (a temporary copy beside the target, then a rename). */
    public static void copy(Path from, Path to) throws IOException {
        Path parent = to.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + to.getFileName(), ".tmp");
        try {
            Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
            move(tmp, to);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Renames {@code from} over {@code to} (a file, or a folder onto a missing or empty one),
     * atomically where the file system supports it, and makes a regular file readable by everyone.
     */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.isRegularFile(to)) {
            try {
                Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
        }
    }

    /**
     * Puts the complete folder {@code partial} in place of {@code target}: renamed into place when
     * there is no target; otherwise the old folder is first renamed aside and deleted only after the
     * new one is in place, so {@code target} is at every moment either the old or the new folder.
     */
    public static void replaceFolder(Path partial, Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            move(partial, target);
            return;
        }
        Path parent = target.toAbsolutePath().getParent();
        Path stale = parent.resolve(STALE_PREFIX + target.getFileName() + "-" + System.nanoTime());
        move(target, stale);
        move(partial, target);
        deleteTree(stale);
    }

    /** Makes {@code dir} and the files in it readable by everyone ({@code rwxr-xr-x}, {@code rw-r--r--}) on POSIX file systems. */
    public static void readableByAll(Path dir) throws IOException {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.toList()) {
                    if (Files.isRegularFile(f)) {
                        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
                    }
                }
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }

    /** Deletes a file or a folder with everything in it (links are deleted, not followed); no-op when missing. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(root);
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
