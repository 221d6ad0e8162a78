package io.github.segshap.core.io;

import java.nio.file.Path;

/**
 * A saved folder whose file is missing, unreadable, of the wrong shape or changed since it was
 * written (its checksum does not match). Names the file.
 */
public final class CorruptFolderException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    /**
     * @param file    the file at fault
     * @param problem what is wrong with it
     */
    public CorruptFolderException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
