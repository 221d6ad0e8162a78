package io.github.segshap.core.masking;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;

import java.util.List;

/**
 * What absent players take: weighted replacement images. The value of a coalition S is
 * {@code v(S) = sum_r weight(r) * model(x on S, replacement r elsewhere)}; weights sum to 1.
 * Immutable.
 */
public final class Replacements {
    private final List<Image> images;
    private final double[] weights;

    private Replacements(List<Image> images, double[] weights) {
        this.images = images;
        this.weights = weights;
    }

    /**
     * Weighted replacement images; weights are normalised to sum to 1.
     *
     * @throws IllegalArgumentException when there are no images, shapes differ, or a weight is
     *                                  negative, not finite, or all are zero
     */
    public static Replacements of(List<Image> images, double[] weights) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("the background is empty: at least one replacement image is needed");
        }
        if (weights.length != images.size()) {
            throw new IllegalArgumentException(images.size() + " background images but " + weights.length + " weights");
        }
        ImageShape shape = images.get(0).shape();
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!images.get(i).shape().equals(shape)) {
                throw new IllegalArgumentException("background image " + i + " has shape " + images.get(i).shape()
                        + " but background image 0 has shape " + shape);
            }
            if (!(weights[i] >= 0) || !Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("background weight " + i + " is " + weights[i]
                        + ": weights must be finite and >= 0");
            }
            sum += weights[i];
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("background weights sum to 0");
        }
        double[] w = new double[weights.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights[i] / sum;
        }
        return new Replacements(List.copyOf(images), w);
    }

    /** Equally weighted replacement images. */
    public static Replacements uniform(List<Image> images) {
        double[] w = new double[images.size()];
        java.util.Arrays.fill(w, 1.0);
        return of(images, w);
    }

    /** Number of replacement images (background rows). */
    public int count() {
        return images.size();
    }

    /** Replacement image {@code r}. */
    public Image image(int r) {
        return images.get(r);
    }

    /** All replacement images. */
    public List<Image> images() {
        return images;
    }

    /** The normalised weight of row {@code r}. */
    public double weight(int r) {
        return weights[r];
    }

    /** The shape of every replacement image. */
    public ImageShape shape() {
        return images.get(0).shape();
    }
}
