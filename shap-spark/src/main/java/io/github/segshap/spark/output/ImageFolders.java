package io.github.segshap.spark.output;

import io.github.segshap.cli.run.PerImageRun;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.io.AtomicFiles;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.store.OtherRecipeException;
import io.github.segshap.core.store.ResultStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The output folder of a Spark job: {@code <out>/images/<id>/} holds image {@code id}'s explanation
 * folder (the format of {@link ExplanationFolder}, one image; {@code images/} is a {@link ResultStore}
 * keyed by image id), {@code <out>/failed/<id>.txt} the error of an image that failed: the layout of
 * {@link PerImageRun}, which also merges the folders into one. A folder is built under a temporary name beside its target and
 * renamed into place, so a retried or speculative task that writes the same image again never
 * leaves a half-written or doubled result: the last whole folder wins, and a task that loses the
 * race to a whole folder of the same recipe counts the image as done.
 *
 * @param root the output folder
 */
public record ImageFolders(Path root) {
    /** The folder of the per-image explanation folders ({@link PerImageRun#IMAGES}). */
    public static final String IMAGES = PerImageRun.IMAGES;
    /** The folder of the failed images' errors ({@link PerImageRun#FAILED}). */
    public static final String FAILED = PerImageRun.FAILED;

    /** Makes the root absolute. */
    public ImageFolders {
        root = root.toAbsolutePath().normalize();
    }

    /** The store of the per-image folders, {@code <root>/images/}, one unit per image id. */
    public ResultStore images() {
        return new PerImageRun(root).store();
    }

    /**
     * The explanation folder of image {@code id}.
     *
     * @throws IllegalArgumentException when the id cannot be a folder name (a path separator, a
     *                                  leading dot, other characters than letters, digits and
     *                                  {@code _.+=,@-}, or more than 200 characters)
     */
    public Path folder(String id) {
        return images().folder(requireSafe(id));
    }

    /** The error file of image {@code id}. */
    public Path failure(String id) {
        return root.resolve(FAILED).resolve(requireSafe(id) + ".txt");
    }

    /**
     * Whether image {@code id} is done with this recipe: its folder is whole, made with the same
     * recipe (the date aside) and every checksum verifies ({@link ResultStore#resume}). A corrupt
     * folder is deleted (it is made again); a folder of another recipe is an error, never replaced.
     *
     * @throws OtherRecipeException naming the folder and the differing fields when it holds another recipe
     */
    public boolean done(String id, Provenance expected) {
        return images().resume(requireSafe(id), expected);
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
        try {
            images().put(requireSafe(id), one);
        } catch (UncheckedIOException e) {
            if (!done(id, expected)) {   // another attempt of the same task may have won the rename
                throw e;
            }
        }
        delete(failure(id));
    }

    /**
     * Removes the temporary folders a killed job left in {@code images/} (see
     * {@link ResultStore#cleanLeftovers}); only while no task of a job writes there.
     *
     * @return the removed folders
     */
    public List<Path> cleanLeftovers() {
        return images().cleanLeftovers();
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
        if (id == null || !ResultStore.SAFE_NAME.matcher(id).matches()) {
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
