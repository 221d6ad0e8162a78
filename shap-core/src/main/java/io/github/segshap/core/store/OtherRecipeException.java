package io.github.segshap.core.store;

import java.nio.file.Path;
import java.util.List;

/**
 * A folder of a resumable store ({@link ResultStore}: a batch of images, a batch of tiles, one
 * image) holds explanations made with another recipe (other options, model, background, tiles or
 * section) than the run about to continue: they are neither mixed with new ones nor replaced. The
 * message names the folder and the differing fields.
 */
public final class OtherRecipeException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient Path folder;
    private final List<String> differences;

    /**
     * @param folder      the folder that holds the other recipe's explanations
     * @param differences the provenance fields that differ, empty when it has no provenance
     */
    public OtherRecipeException(Path folder, List<String> differences) {
        super(folder + " holds " + (differences.isEmpty() ? "explanations without a provenance"
                : "explanations made with another recipe (differing: " + String.join(", ", differences) + ")")
                + "; a run refuses to mix or replace them: use another output folder, or delete " + folder
                + " to start over");
        this.folder = folder;
        this.differences = List.copyOf(differences);
    }

    /** The folder that holds the other recipe's explanations. */
    public Path folder() {
        return folder;
    }

    /** The provenance fields that differ (empty when the folder has no provenance). */
    public List<String> differences() {
        return differences;
    }
}
