package io.github.segshap.salt.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a stage checks, before it spends time or replaces anything, that it can write in a folder of
 * the run: {@link #CREATE_FILE} does what the stage's writes will do. Another probe stands in for
 * the file system in tests (a read-only mount cannot be made where the tests run as root, and
 * {@code chmod} does not stop root).
 */
@FunctionalInterface
public interface FolderProbe {
    /** Creates a hidden temporary file in the folder and deletes it again. */
    FolderProbe CREATE_FILE = folder -> Files.delete(Files.createTempFile(folder, ".write-test", ".tmp"));

    /**
     * Checks that files can be created in {@code folder}, an existing folder.
     *
     * @throws IOException the file system's reason when they cannot
     */
    void probe(Path folder) throws IOException;
}
