package io.github.segshap.spark.input;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * Turns one file into the pixels of the images it holds (one for a single image, N for a stack), in
 * order. It is shipped to the executors, so it is {@link Serializable} (a record of its settings).
 * Pixels are not checked here: each image becomes an {@link io.github.segshap.core.image.Image} on
 * its own, so one NaN image of a stack fails alone.
 *
 * <p>A file that is not a valid image file (wrong format, rank or type) throws an
 * {@link IllegalArgumentException} naming the file: the job records its images as failed and goes
 * on. Any other exception (an I/O error) fails the task, which Spark retries.
 */
@FunctionalInterface
public interface ImageDecoder extends Serializable {
    /** The images of {@code file}, at least one. */
    ImageRows decode(Path file);
}
