package io.github.segshap.salt.train.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * How probabilities become a salt mask: a pixel is salt when its probability exceeds
 * {@link #threshold()}, and a mask with fewer than {@link #minSaltPixels()} salt pixels is emptied
 * (the Kaggle metric scores an image without salt 1 only when nothing is predicted, so a few stray
 * pixels cost the whole image). {@link #tune} picks both on a validation set, never the test set.
 *
 * @param threshold probability threshold in (0, 1)
 * @param minSaltPixels masks with fewer salt pixels are predicted empty; 0 keeps every mask
 */
public record SaltMaskRule(double threshold, int minSaltPixels) {

    /** The plain rule: threshold 0.5, no masks emptied. */
    public static final SaltMaskRule PLAIN = new SaltMaskRule(0.5, 0);

    /** Thresholds tried by {@link #tune}: 0.05, 0.10, ..., 0.95. */
    private static final int THRESHOLD_STEPS = 19;

    /** Smallest kept masks tried by {@link #tune}, as fractions of the image. */
    private static final double[] MIN_AREA_FRACTIONS = {0, 0.0005, 0.001, 0.002, 0.004, 0.006, 0.008, 0.01, 0.015,
        0.02, 0.03, 0.04, 0.06, 0.08};

    /** Checks the ranges. */
    public SaltMaskRule {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
        }
        if (minSaltPixels < 0) {
            throw new IllegalArgumentException("minSaltPixels must be >= 0, got " + minSaltPixels);
        }
    }

    /** A rule and the mean Kaggle score it reached on the data it was tuned on. */
    public record Tuned(SaltMaskRule rule, double score) {
    }

    /**
     * Applies the rule to images stored one after the other.
     *
     * @param probabilities probabilities, not modified
     * @param pixelsPerImage pixels per image
     * @return 0/1 masks in the same layout
     */
    public float[] apply(float[] probabilities, int pixelsPerImage) {
        int n = KaggleTgsMetric.imageCount(probabilities.length, pixelsPerImage);
        float[] out = new float[probabilities.length];
        for (int img = 0; img < n; img++) {
            int off = img * pixelsPerImage;
            int count = 0;
            for (int i = off; i < off + pixelsPerImage; i++) {
                if (probabilities[i] > threshold) count++;
            }
            if (count == 0 || count < minSaltPixels) continue;
            for (int i = off; i < off + pixelsPerImage; i++) {
                out[i] = probabilities[i] > threshold ? 1f : 0f;
            }
        }
        return out;
    }

    /**
     * Mean Kaggle TGS score of this rule.
     *
     * @param probabilities probabilities, not modified
     * @param truth labels (salt when {@code > 0.5}), same layout, not modified
     * @param pixelsPerImage pixels per image
     * @return mean score, NaN without images
     */
    public double kaggleScore(float[] probabilities, float[] truth, int pixelsPerImage) {
        ConfusionCounts.checkLengths(probabilities.length, truth.length);
        int n = KaggleTgsMetric.imageCount(probabilities.length, pixelsPerImage);
        if (n == 0) return Double.NaN;
        double sum = 0;
        for (int img = 0; img < n; img++) {
            long[] c = KaggleTgsMetric.counts(probabilities, truth, img * pixelsPerImage, pixelsPerImage, threshold);
            sum += score(c, minSaltPixels);
        }
        return sum / n;
    }

    /**
     * The rule with the best mean Kaggle score on the given (validation) images, over thresholds
     * 0.05..0.95 in steps of 0.05 and smallest masks of 0 to 8% of the image; ties keep the lower
     * threshold and the smaller minimum.
     *
     * @param probabilities probabilities, not modified
     * @param truth labels, same layout, not modified
     * @param pixelsPerImage pixels per image
     * @return the best rule and its score
     * @throws IllegalArgumentException without images or on inconsistent lengths
     */
    public static Tuned tune(float[] probabilities, float[] truth, int pixelsPerImage) {
        ConfusionCounts.checkLengths(probabilities.length, truth.length);
        int n = KaggleTgsMetric.imageCount(probabilities.length, pixelsPerImage);
        if (n == 0) {
            throw new IllegalArgumentException("cannot tune the mask rule on no images");
        }
        List<Integer> minima = minimumCandidates(pixelsPerImage);
        SaltMaskRule best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        long[][] counts = new long[n][];
        for (int step = 1; step <= THRESHOLD_STEPS; step++) {
            double t = step / 20.0;
            for (int img = 0; img < n; img++) {
                counts[img] = KaggleTgsMetric.counts(probabilities, truth, img * pixelsPerImage, pixelsPerImage, t);
            }
            for (int min : minima) {
                double sum = 0;
                for (long[] c : counts) sum += score(c, min);
                double mean = sum / n;
                if (mean > bestScore) {
                    bestScore = mean;
                    best = new SaltMaskRule(t, min);
                }
            }
        }
        return new Tuned(best, bestScore);
    }

    private static List<Integer> minimumCandidates(int pixelsPerImage) {
        TreeSet<Integer> set = new TreeSet<>();
        for (double f : MIN_AREA_FRACTIONS) {
            set.add((int) Math.round(f * pixelsPerImage));
        }
        return new ArrayList<>(set);
    }

    private static double score(long[] c, int minSaltPixels) {
        if (c[3] < minSaltPixels) {
            return c[2] == 0 ? 1.0 : 0.0; // emptied
        }
        return KaggleTgsMetric.scoreOfCounts(c[0], c[1], c[2], c[3]);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "p > %.2f, masks under %d pixels emptied", threshold, minSaltPixels);
    }
}
