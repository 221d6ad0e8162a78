package io.github.segshap.core.segmentation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@code --background FILE|N} value means on both command lines: a file of background rows,
 * or (when no such file exists and the value is a number) that many rows drawn with
 * {@link BackgroundDraw}. Parsed here once; each program reads the file its own way.
 *
 * @param file  the background file, when the value names one (it may not exist: check with
 *              {@link Files#exists})
 * @param count rows to draw, at least 1, when no file is named; 0 with a file
 */
public record BackgroundSource(Optional<Path> file, int count) {

    /** Checks that exactly one of file and count is given. */
    public BackgroundSource {
        Objects.requireNonNull(file, "file");
        if (file.isPresent() ? count != 0 : count < 1) {
            throw new IllegalArgumentException("a background is a file or at least 1 row to draw, got file " + file
                    + " and " + count + " rows");
        }
    }

    /** {@code n} rows drawn. */
    public static BackgroundSource drawn(int n) {
        return new BackgroundSource(Optional.empty(), n);
    }

    /**
     * The meaning of {@code value}: an existing file or folder, else a positive whole number of
     * rows, else a file (that does not exist, for the caller to name).
     *
     * @param unit what one drawn row is, for messages ("row", "tile", "training image")
     * @throws IllegalArgumentException for a number below 1 or too large
     */
    public static BackgroundSource parse(String value, String unit) {
        Objects.requireNonNull(value, "value");
        Path p = Path.of(value);
        if (!Files.exists(p) && value.matches("\\d+")) {
            int n;
            try {
                n = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--background " + value + ": too many " + unit + "s to draw: at most "
                        + Integer.MAX_VALUE + " " + unit + "s", e);
            }
            if (n < 1) {
                throw new IllegalArgumentException("--background " + value + ": draw at least 1 " + unit);
            }
            return drawn(n);
        }
        return new BackgroundSource(Optional.of(p), 0);
    }

    /** The value as written on a command line: the file, or the count. */
    @Override
    public String toString() {
        return file.map(Path::toString).orElse(Integer.toString(count));
    }
}
