package io.github.segshap.salt.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Deleting folder trees: strictly ({@link #delete}) or as a best effort ({@link #deleteQuietly}). */
public final class FileTrees {

    private FileTrees() {
    }

    /**
     * Deletes a file or a folder with everything below it; nothing when it does not exist.
     *
     * @throws IOException naming the first file that could not be deleted
     */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
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
