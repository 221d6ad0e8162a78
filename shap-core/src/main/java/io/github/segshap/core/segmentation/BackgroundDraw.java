package io.github.segshap.core.segmentation;

import io.github.segshap.core.image.Image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The default background: every image when there are at most {@code size}, otherwise {@code size}
 * of them drawn without replacement by a seeded shuffle ({@link Collections#shuffle(List, Random)}
 * of the indices, the first {@code size}), kept in their original order. Same images, size and
 * seed: same rows.
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
}
