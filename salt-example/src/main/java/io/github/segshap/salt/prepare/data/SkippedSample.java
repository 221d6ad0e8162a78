package io.github.segshap.salt.prepare.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A sample the reader left out under {@link BadSamplePolicy#SKIP}.
 *
 * @param id     the sample id (file name without {@code .png})
 * @param file   the offending file
 * @param reason what was wrong with it
 */
public record SkippedSample(String id, Path file, String reason) {
    /** Checks that no component is null. */
    public SkippedSample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return id + " (" + file + "): " + reason;
    }
}
