package io.github.segshap.core.segmentation;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The default background: every image when there are at most {@code size}, otherwise {@code size}
 * of them drawn without replacement by a seeded shuffle ({@link Collections#shuffle(List, Random)}
 * of the indices, the first {@code size}), kept in their original order. Same images, size and
 * seed: same rows.
 *
 * <p>Every front end draws through {@link #draw} (ids and rows at once, the one-image and shape
 * checks included) and checks a given background with {@link #requireShape}: these checks are
 * written here only.
 */
public final class BackgroundDraw {
    private BackgroundDraw() {
    }

    /**
     * The indices drawn among {@code count} images, ascending.
     *
     * @throws IllegalArgumentException when {@code size < 1} or {@code count < 0}
     */
    public static List<Integer> indices(int count, int size, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("background size must be at least 1, got " + size);
        }
        if (count < 0) {
            throw new IllegalArgumentException("cannot draw from " + count + " images");
        }
        List<Integer> idx = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            idx.add(i);
        }
        if (count <= size) {
            return List.copyOf(idx);
        }
        Collections.shuffle(idx, new Random(seed));
        List<Integer> chosen = new ArrayList<>(idx.subList(0, size));
        Collections.sort(chosen);
        return List.copyOf(chosen);
    }

    /** The images at {@link #indices(int, int, long)}, in their original order. */
    public static List<Image> rows(List<Image> images, int size, long seed) {
        List<Image> out = new ArrayList<>();
        for (int i : indices(images.size(), size, seed)) {
            out.add(images.get(i));
        }
        return List.copyOf(out);
    }

    /**
     * Background rows drawn from images and their ids.
     *
     * @param ids  the drawn rows' ids, in the images' order
     * @param rows the drawn rows
     */
    public record Drawn(List<String> ids, List<Image> rows) {
        /** Copies the lists. */
        public Drawn {
            ids = List.copyOf(ids);
            rows = List.copyOf(rows);
        }
    }

    /**
     * Draws up to {@code size} background rows among the images {@code ids} names
     * ({@link #indices}), asking {@code image} only for the drawn ones.
     *
     * @param ids   one id per image, in order
     * @param image the image at an index (called for the drawn indices only)
     * @param shape the shape every drawn row must have; null for the first drawn row's
     * @throws IllegalArgumentException when a drawn row has another shape
     */
    public static Drawn draw(List<String> ids, IntFunction<Image> image, int size, long seed, ImageShape shape) {
        Objects.requireNonNull(image, "image");
        List<String> drawnIds = new ArrayList<>();
        List<Image> rows = new ArrayList<>();
        ImageShape expected = shape;
        for (int i : indices(ids.size(), size, seed)) {
            Image row = Objects.requireNonNull(image.apply(i), "image " + i);
            if (expected == null) {
                expected = row.shape();
            } else if (!row.shape().equals(expected)) {
                throw new IllegalArgumentException("image " + i + " has shape " + row.shape() + " but image 0 has shape "
                        + expected + ": all images must have one shape");
            }
            drawnIds.add(ids.get(i));
            rows.add(row);
        }
        return new Drawn(drawnIds, rows);
    }

    /** {@link #draw(List, IntFunction, int, long, ImageShape)} of a list of images. */
    public static Drawn draw(List<String> ids, List<Image> images, int size, long seed, ImageShape shape) {
        if (ids.size() != images.size()) {
            throw new IllegalArgumentException(ids.size() + " ids for " + images.size() + " images");
        }
        return draw(ids, images::get, size, seed, shape);
    }

    /**
     * Checks that a background drawn from the {@code count} images explained can show anything: with
     * one image, the background is that image and every contribution would be zero.
     *
     * @throws IllegalArgumentException for fewer than two images
     */
    public static void requireSeveral(int count) {
        if (count < 2) {
            throw new IllegalArgumentException("one image and no background: the default background is drawn from "
                    + "the images explained, so every contribution would be zero; give a background or explain "
                    + "several images together");
        }
    }

    /**
     * Checks that every background row has the explained images' shape.
     *
     * @throws IllegalArgumentException naming the first row of another shape and both shapes
     */
    public static void requireShape(List<Image> background, ImageShape shape) {
        for (int i = 0; i < background.size(); i++) {
            ImageShape b = background.get(i).shape();
            if (!b.equals(shape)) {
                throw new IllegalArgumentException("background image " + i + " has shape " + b
                        + " but the explained images have shape " + shape);
            }
        }
    }
}
