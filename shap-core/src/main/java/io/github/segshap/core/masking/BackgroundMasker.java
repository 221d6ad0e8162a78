package io.github.segshap.core.masking;

import io.github.segshap.core.image.Image;

import java.util.List;

/**
 * Interventional masking with background data: an absent player takes, in turn, the values of
 * every background row, and the outputs are averaged with the rows' weights (shap's
 * {@code Independent} masker). The base value is the weighted mean prediction over the background.
 */
public final class BackgroundMasker implements Masker {
    private final Replacements background;

    private BackgroundMasker(Replacements background) {
        this.background = background;
    }

    /** Equally weighted background rows. */
    public static BackgroundMasker of(List<Image> rows) {
        return new BackgroundMasker(Replacements.uniform(rows));
    }

    /** Weighted background rows (weights normalised). */
    public static BackgroundMasker weighted(List<Image> rows, double[] weights) {
        return new BackgroundMasker(Replacements.of(rows, weights));
    }

    /**
     * A large background summarised into at most {@code k} weighted rows by k-means, as
     * {@code shap.kmeans} does: see {@link BackgroundSummary#kmeans}.
     */
    public static BackgroundMasker summarized(List<Image> rows, int k, long seed) {
        return new BackgroundMasker(BackgroundSummary.kmeans(rows, k, seed));
    }

    /** The background rows and weights. */
    public Replacements background() {
        return background;
    }

    @Override
    public Replacements replacementsFor(Image image) {
        image.shape().requireSame(background.shape(), "background");
        return background;
    }

    @Override
    public boolean isImageIndependent() {
        return true;
    }
}
