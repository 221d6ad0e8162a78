package io.github.segshap.core.segmentation;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.masking.BackgroundMasker;
import io.github.segshap.core.masking.Masker;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where absent players take their values from, as part of {@link ExplanationOptions}: background
 * rows given (with their ids when known), or up to {@link #size} rows drawn from the explained
 * images with {@link #seed} ({@link BackgroundDraw}); optionally summarised by weighted k-means
 * into {@link #summary} rows; or any {@link Masker} given explicitly, which replaces the
 * background. Immutable.
 *
 * @param rows    the background rows given; empty for the default drawn from the explained images
 * @param ids     the given rows' ids (e.g. training sample ids); empty when not known
 * @param size    most rows drawn from the explained images, at least 1
 * @param seed    seed of the draw and of the k-means summary
 * @param summary rows of the weighted k-means summary; 0 for no summary
 * @param masker  a masker given explicitly, when given (it overrides the background)
 */
public record BackgroundOptions(List<Image> rows, List<String> ids, int size, long seed, int summary,
                                Optional<Masker> masker) {
    /** Most background rows drawn from the explained images by default. */
    public static final int DEFAULT_SIZE = 100;
    /** Seed of the default background draw (and of a k-means summary). */
    public static final long DEFAULT_SEED = 42;
    /** Up to {@value #DEFAULT_SIZE} rows drawn with seed {@value #DEFAULT_SEED}, no summary. */
    public static final BackgroundOptions DEFAULT = new BackgroundOptions(List.of(), List.of(), DEFAULT_SIZE,
            DEFAULT_SEED, 0, Optional.empty());

    /** Copies the lists and checks the numbers. */
    public BackgroundOptions {
        rows = List.copyOf(rows);
        ids = List.copyOf(ids);
        Objects.requireNonNull(masker, "masker");
        if (!ids.isEmpty() && ids.size() != rows.size()) {
            throw new IllegalArgumentException(ids.size() + " background ids for " + rows.size()
                    + " background images");
        }
        if (size < 1) {
            throw new IllegalArgumentException("background size must be at least 1, got " + size);
        }
        if (summary < 0) {
            throw new IllegalArgumentException("a background summary needs k >= 1, got " + summary);
        }
    }

    /** The rows given, when given; empty for the default drawn from the explained images. */
    public Optional<List<Image>> given() {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows);
    }

    /**
     * This background with these rows given (all used, equally weighted) and their ids (empty when
     * not known).
     *
     * @throws IllegalArgumentException for no rows, or ids that do not match the rows
     */
    public BackgroundOptions withRows(List<String> rowIds, List<Image> given) {
        if (given.isEmpty()) {
            throw new IllegalArgumentException("the background is empty: give at least one image");
        }
        return new BackgroundOptions(given, rowIds, size, seed, summary, masker);
    }

    /** This background drawing at most {@code n} rows. */
    public BackgroundOptions withSize(int n) {
        return new BackgroundOptions(rows, ids, n, seed, summary, masker);
    }

    /** This background drawn (and summarised) with {@code s}. */
    public BackgroundOptions withSeed(long s) {
        return new BackgroundOptions(rows, ids, size, s, summary, masker);
    }

    /** This background summarised into at most {@code k >= 1} weighted k-means rows. */
    public BackgroundOptions withSummary(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("a background summary needs k >= 1, got " + k);
        }
        return new BackgroundOptions(rows, ids, size, seed, k, masker);
    }

    /** These options with a masker that replaces the background. */
    public BackgroundOptions withMasker(Masker m) {
        return new BackgroundOptions(rows, ids, size, seed, summary, Optional.of(Objects.requireNonNull(m, "masker")));
    }

    /**
     * The masker of these options for these background rows: the given masker, else the rows
     * summarised when asked ({@link BackgroundMasker#summarized}, seeded with {@link #seed}), else
     * every row equally weighted.
     */
    public Masker maskerFor(List<Image> background) {
        if (masker.isPresent()) {
            return masker.get();
        }
        if (summary > 0) {
            return BackgroundMasker.summarized(background, summary, seed);
        }
        return BackgroundMasker.of(background);
    }
}
