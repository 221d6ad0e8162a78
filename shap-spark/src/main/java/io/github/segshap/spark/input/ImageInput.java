package io.github.segshap.spark.input;

import io.github.segshap.core.image.Image;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One image of a Spark job, as it travels to an executor: its id and how to read it (an image of a
 * file, read there, or its pixels, carried along). {@link #load} makes the checked image.
 */
public sealed interface ImageInput extends Serializable {
    /** The image's id, unique in the data set (its folder name in the output). */
    String id();

    /**
     * The image.
     *
     * @throws IllegalArgumentException when the file or the pixels are not a valid image (named)
     */
    Image load();

    /**
     * Image {@code index} of a file. Images of one file that follow each other in a partition read
     * the file once (the last file decoded is kept per thread).
     *
     * @param id      the image's id
     * @param file    the file (on a file system every executor sees)
     * @param index   the image's index in the file (0 for a single image)
     * @param decoder how to read the file
     */
    record FileImage(String id, String file, int index, ImageDecoder decoder) implements ImageInput {
        private static final long serialVersionUID = 1L;
        private static final ThreadLocal<Decoded> LAST = new ThreadLocal<>();

        /** Rejects missing fields and a negative index. */
        public FileImage {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(decoder, "decoder");
            if (index < 0) {
                throw new IllegalArgumentException("image index " + index + " of " + file + " is negative");
            }
        }

        @Override
        public Image load() {
            Decoded last = LAST.get();
            if (last == null || !last.file.equals(file) || !last.decoder.equals(decoder)) {
                LAST.remove();
                last = new Decoded(file, decoder, decoder.decode(Path.of(file)));
                LAST.set(last);
            }
            if (index >= last.rows.size()) {
                throw new IllegalArgumentException(file + " holds " + last.rows.size() + " images, not image " + index);
            }
            return last.rows.image(index, "image '" + id + "' (" + file + (last.rows.size() > 1 ? ", image "
                    + index : "") + ")");
        }

        private record Decoded(String file, ImageDecoder decoder, ImageRows rows) {
        }
    }

    /**
     * An image whose pixels travel with it (a row of a table); checked only when loaded, so a row of
     * the wrong length or with NaN pixels fails alone.
     *
     * @param id       the image's id
     * @param source   where it came from, for messages (e.g. the table and its column)
     * @param channels channels of the image
     * @param height   rows
     * @param width    columns
     * @param pixels   the channel-major pixels, or null when the row has none
     */
    record InlineImage(String id, String source, int channels, int height, int width, double[] pixels)
            implements ImageInput {
        private static final long serialVersionUID = 1L;

        /** Rejects a missing id or source. */
        public InlineImage {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(source, "source");
        }

        @Override
        public Image load() {
            String what = "image '" + id + "' (" + source + ")";
            int size = channels * height * width;
            if (pixels == null || pixels.length != size) {
                throw new IllegalArgumentException(what + " has " + (pixels == null ? "no pixels (null)"
                        : pixels.length + " values") + " but a " + channels + "x" + height + "x" + width
                        + " image has " + size);
            }
            return new ImageRows(channels, height, width, java.util.List.of(pixels)).image(0, what);
        }
    }
}
