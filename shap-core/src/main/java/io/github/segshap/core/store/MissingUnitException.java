package io.github.segshap.core.store;

import java.nio.file.Path;

/**
 * An image a merge needs has no unit folder in the store (it failed, was never explained, or its
 * folder was deleted). Names the image and the folder expected.
 */
public final class MissingUnitException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final transient Path folder;

    /**
     * @param id     the image
     * @param folder the unit folder that should hold it
     */
    public MissingUnitException(String id, Path folder) {
        super("image '" + id + "' has no explanation folder: " + folder + " is missing");
        this.id = id;
        this.folder = folder;
    }

    /** The image without a folder. */
    public String id() {
        return id;
    }

    /** The folder expected. */
    public Path folder() {
        return folder;
    }
}
