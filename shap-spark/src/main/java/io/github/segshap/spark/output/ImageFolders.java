package io.github.segshap.spark.output;

import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.io.AtomicFiles;
import io.github.segshap.core.io.CorruptFolderException;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.provenance.Provenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The output folder of a Spark job: {@code <out>/images/<id>/} holds image {@code id}'s explanation
 * folder (the format of {@link ExplanationFolder}, one image), {@code <out>/failed/<id>.txt} the
 * error of an image that failed. A folder is built under a temporary name beside its target and
 * renamed into place, so a retried or speculative task that writes the same image again never
 * leaves a half-written or doubled result: the last whole folder wins, and a task that loses the
 * race to a whole folder of the same recipe counts the image as done.
 *
 * @param root the output folder
 */
public record ImageFolders(Path root) {
    /** The folder of the per-image explanation folders. */
    public static final String IMAGES = "images";
    /** The folder of the failed images' errors. */
    public static final String FAILED = "failed";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+=,@-]{0,199}");

    /** Makes the root absolute. */
    public ImageFolders {
        root = root.toAbsolutePath().normalize();
    }

    /**
     * The explanation folder of image {@code id}.
     *
     * @throws IllegalArgumentException when the id cannot be a folder name (a path separator, a
     *                                  leading dot, other characters than letters, digits and
     *                                  {@code _.+=,@-}, or more than 200 characters)
     */
    public Path folder(String id) {
        return root.resolve(IMAGES).resolve(requireSafe(id));
    }

    /** The error file of image {@code id}. */
    public Path failure(String id) {
        return root.resolve(FAILED).resolve(requireSafe(id) + ".txt");
    }

    /**
     * Whether image {@code id} is done with this recipe: its folder is whole, made with the same
     * recipe (the date aside) and every checksum verifies. A corrupt folder is deleted (it is made
     * again); a folder of another recipe is an error, never replaced.
     *
     * @throws IllegalArgumentException naming the differing fields when the folder holds another recipe
     */
    public boolean done(String id, Provenance expected) {
        Path dir = folder(id);
        if (!ExplanationFolder.exists(dir)) {
            return false;
        }
        try {
            Optional<Provenance> found = ExplanationFolder.readProvenance(dir);
            if (found.isEmpty() || !found.get().sameRecipe(expected)) {
                throw new IllegalArgumentException(dir + " holds explanations " + (found.isEmpty()
                        ? "without a provenance" : "made with another recipe (differing: "
                        + String.join(", ", expected.differences(found.get())) + ")")
                        + "; the job refuses to replace them: use another output folder, or delete " + dir);
            }
            Explanations e = ExplanationFolder.read(dir);
            return e.size() == 1 && e.id(0).equals(id);
        } catch (CorruptFolderException e) {
            delete(dir);
            return false;
        }
    }

    /**
     * Writes image {@code id}'s explanation (one image) into its folder and removes an earlier error
     * file of it.
     *
     * @throws UncheckedIOException when the folder cannot be written and no whole folder of the same
     *                              recipe took its place meanwhile
     */
    public void write(String id, Explanations one, Provenance expected) {
        if (one.size() != 1 || !one.id(0).equals(id)) {
            throw new IllegalArgumentException("the folder of image '" + id + "' takes that image alone, not "
                    + one.ids());
        }
        Path dir = folder(id);
        try {
            ExplanationFolder.write(one, dir);
        } catch (UncheckedIOException e) {
            if (!done(id, expected)) {   // another attempt of the same task may have won the rename
                throw e;
            }
        }
        delete(failure(id));
    }

    /** Records the error of image {@code id} (a line of text), replacing an earlier one. */
    public void fail(String id, String message) {
        try {
            AtomicFiles.write(failure(id), message + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + failure(id) + ": " + e.getMessage(), e);
        }
    }

    /** A safe id as it is; an unsafe one with a message naming it. */
    public static String requireSafe(String id) {
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("image id '" + id + "' cannot name a folder: use letters, digits and "
                    + "_.+=,@- (not first: . + = , @ -), at most 200 characters");
        }
        return id;
    }

    private static void delete(Path p) {
        try {
            AtomicFiles.deleteTree(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code root} exists as a folder. */
    public boolean exists() {
        return Files.isDirectory(root);
    }
}
