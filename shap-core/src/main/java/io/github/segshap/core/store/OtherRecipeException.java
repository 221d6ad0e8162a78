package io.github.segshap.core.store;

import io.github.segshap.core.provenance.Provenance;
import java.nio.file.Path;
import java.util.List;

/**
 * A folder of a resumable store ({@link ResultStore}: a batch of images, a batch of tiles, one
 * image) holds explanations made with another recipe (other options, model, background, tiles or
 * section) than the run about to continue: they are neither mixed with new ones nor replaced. The
 * message names the folder and the differing fields; {@link #changes()} holds both values of each,
 * for a front end to name its own flags.
 */
public final class OtherRecipeException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient Path folder;
    private final List<String> differences;
    private final transient List<Provenance.Change> changes;

    /**
     * @param folder      the folder that holds the other recipe's explanations
     * @param differences the provenance fields that differ, empty when it has no provenance
     */
    public OtherRecipeException(Path folder, List<String> differences) {
        this(folder, differences, List.of());
    }

    /**
     * The folder holds {@code recorded} where {@code expected} was asked for; {@code recorded} null
     * when it has no provenance.
     */
    public static OtherRecipeException of(Path folder, Provenance recorded, Provenance expected) {
        List<Provenance.Change> changes = recorded == null ? List.of() : recorded.changes(expected);
        return new OtherRecipeException(folder, changes.stream().map(Provenance.Change::field).distinct().toList(),
                changes);
    }

    /**
     * @param folder      the folder that holds the other recipe's explanations
     * @param differences the provenance fields that differ, empty when it has no provenance
     * @param changes     each difference with its recorded ({@code was}) and expected ({@code now}) value
     */
    public OtherRecipeException(Path folder, List<String> differences, List<Provenance.Change> changes) {
        super(folder + " holds " + (differences.isEmpty() ? "explanations without a provenance"
                : "explanations made with another recipe (differing: " + String.join(", ", differences) + ")")
                + "; a run refuses to mix or replace them: use another output folder, or delete " + folder
                + " to start over");
        this.folder = folder;
        this.differences = List.copyOf(differences);
        this.changes = List.copyOf(changes);
    }

    /** The folder that holds the other recipe's explanations. */
    public Path folder() {
        return folder;
    }

    /** The provenance fields that differ (empty when the folder has no provenance). */
    public List<String> differences() {
        return differences;
    }

    /** Each difference with its recorded and expected value (empty when not known). */
    public List<Provenance.Change> changes() {
        return changes;
    }
}
