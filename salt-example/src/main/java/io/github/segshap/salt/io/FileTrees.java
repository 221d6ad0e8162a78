package io.github.segshap.salt.io;

import io.github.segshap.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Folder trees: moving a finished one into place ({@link #moveNew}) and deleting one strictly
 * ({@link #delete}) or as a best effort ({@link #deleteQuietly}).
 */
public final class FileTrees {

    private FileTrees() {
    }

    /**
     * Renames a finished folder (or file) to a path that does not exist yet, atomically where the file
     * system can; never replaces what is there.
     *
     * @throws java.nio.file.FileAlreadyExistsException when {@code to} exists (for example another process
     *         moved its copy there first)
     */
    public static void moveNew(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /**
     * Deletes a file or a folder with everything below it; nothing when it does not exist.
     *
     * @throws IOException naming the first file that could not be deleted
     */
    public static void delete(Path root) throws IOException {
        AtomicFiles.deleteTree(root);
    }

    /**
     * Deletes what it can of a file or folder tree (temporary folders, leftovers): a file that cannot
     * be deleted is left in place and the rest still goes.
     *
     * @return whether the tree is gone
     */
    public static boolean deleteQuietly(Path root) {
        if (!Files.exists(root)) {
            return true;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: the rest of the tree still goes
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // the walk failed part-way: report what is left below
        }
        return !Files.exists(root);
    }
}
