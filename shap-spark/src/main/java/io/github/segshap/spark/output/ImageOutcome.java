package io.github.segshap.spark.output;

import java.io.Serializable;
import java.util.Objects;

/**
 * What became of one image in a Spark job.
 *
 * @param id      the image's id
 * @param status  explained now, found done, or failed
 * @param message the error of a failed image; empty otherwise
 */
public record ImageOutcome(String id, Status status, String message) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The three ends of an image. */
    public enum Status {
        /** Explained by this job. */
        EXPLAINED,
        /** Found explained (same recipe, checksums verified) by an earlier job. */
        SKIPPED,
        /** Not explained: the message says why. */
        FAILED
    }

    /** Rejects missing fields. */
    public ImageOutcome {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }

    /** An image explained now. */
    public static ImageOutcome explained(String id) {
        return new ImageOutcome(id, Status.EXPLAINED, "");
    }

    /** An image found done. */
    public static ImageOutcome skipped(String id) {
        return new ImageOutcome(id, Status.SKIPPED, "");
    }

    /** An image that failed with {@code message}. */
    public static ImageOutcome failed(String id, String message) {
        return new ImageOutcome(id, Status.FAILED, message);
    }
}
