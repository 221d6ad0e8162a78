package io.github.segshap.cli.input;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.provenance.Fingerprint;

import java.util.List;
import java.util.Objects;

/**
 * Images read from one file or folder, with their ids, all of one shape: a {@code .npy} stack
 * (ids {@code "0" .. "N-1"}) or a folder of PNG files (ids = file names without extension, sorted).
 * Immutable.
 *
 * @param source where they came from, for messages and the provenance
 * @param ids    one id per image, unique
 * @param images the images (each {@code C x H x W}, finite)
 */
public record ImageStack(String source, List<String> ids, List<Image> images) {

    /** Copies the lists and checks they match. */
    public ImageStack {
        Objects.requireNonNull(source, "source");
        ids = List.copyOf(ids);
        images = List.copyOf(images);
        if (ids.size() != images.size() || images.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + ids.size() + " ids for " + images.size() + " images");
        }
    }

    /** Number of images. */
    public int size() {
        return images.size();
    }

    /** The shape of every image. */
    public ImageShape shape() {
        return images.get(0).shape();
    }

    /** {@link Fingerprint#ofImages} of the images (content, not file bytes). */
    public String fingerprint() {
        return Fingerprint.ofImages(images);
    }
}
