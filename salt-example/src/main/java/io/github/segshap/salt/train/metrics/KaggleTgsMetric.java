package io.github.segshap.salt.train.metrics;

/**
 * The metric of the Kaggle TGS Salt Identification Challenge.
 *
 * <p>For each image, with one (possibly empty) salt object in the truth and one in the prediction:
 * <ul>
 *   <li>truth empty and prediction empty: 1;</li>
 *   <li>exactly one of them empty: 0;</li>
 *   <li>otherwise the mean over the ten IoU thresholds t = 0.50, 0.55, ..., 0.95 of
 *       [IoU &gt; t] (a hit counts as precision 1 = TP/(TP+FP+FN) with one object, a miss as 0).
 *       The comparison is strict, as in the competition's evaluation, and done in exact integer
 *       arithmetic, so an IoU of exactly 0.5 does not pass the 0.5 threshold.</li>
 * </ul>
 * The score of a set is the mean over its images.
 */
public final class KaggleTgsMetric {

    /** Number of IoU thresholds (0.50 to 0.95 in steps of 0.05). */
    public static final int THRESHOLDS = 10;

    private KaggleTgsMetric() {
    }

    /**
     * Score of one image.
     *
     * @param predicted predicted mask, not modified
     * @param truth true mask, same length, not modified
     * @return score in [0, 1], a multiple of 0.1
     */
    public static double imageScore(boolean[] predicted, boolean[] truth) {
        ConfusionCounts.checkLengths(predicted.length, truth.length);
        long inter = 0, union = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] && truth[i]) inter++;
            if (predicted[i] || truth[i]) union++;
        }
        long truthCount = 0, predCount = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (truth[i]) truthCount++;
            if (predicted[i]) predCount++;
        }
        return scoreOfCounts(inter, union, truthCount, predCount);
    }

    /**
     * Score of one image from its pixel counts.
     *
     * @param intersection pixels salt in both
     * @param union pixels salt in either
     * @param truthCount salt pixels in the truth
     * @param predictedCount salt pixels in the prediction
     * @return score in [0, 1], a multiple of 0.1
     */
    static double scoreOfCounts(long intersection, long union, long truthCount, long predictedCount) {
        if (truthCount == 0 && predictedCount == 0) {
            return 1.0;
        }
        if (truthCount == 0 || predictedCount == 0) {
            return 0.0;
        }
        int hits = 0;
        for (int k = 0; k < THRESHOLDS; k++) {
            // IoU > (50 + 5k) / 100  <=>  100 * inter > (50 + 5k) * union
            if (100 * intersection > (50L + 5L * k) * union) hits++;
        }
        return hits / (double) THRESHOLDS;
    }

    /**
     * Mean score over images stored one after the other.
     *
     * @param probabilities predicted probabilities of {@code images} images of {@code pixelsPerImage}
     *     pixels each (NCHW with one channel flattens this way), not modified
     * @param truth labels in the same layout (positive when {@code > 0.5}), not modified
     * @param pixelsPerImage pixels per image (H * W)
     * @param threshold predicted positive when {@code p > threshold}
     * @return mean score, NaN when there are no images
     * @throws IllegalArgumentException on inconsistent lengths
     */
    public static double meanScore(float[] probabilities, float[] truth, int pixelsPerImage, double threshold) {
        double[] s = imageScores(probabilities, truth, pixelsPerImage, threshold);
        if (s.length == 0) return Double.NaN;
        double sum = 0;
        for (double v : s) sum += v;
        return sum / s.length;
    }

    /**
     * Per-image scores over images stored one after the other.
     *
     * @param probabilities predicted probabilities, not modified
     * @param truth labels, not modified
     * @param pixelsPerImage pixels per image (H * W)
     * @param threshold predicted positive when {@code p > threshold}
     * @return one score per image
     * @throws IllegalArgumentException on inconsistent lengths
     */
    public static double[] imageScores(float[] probabilities, float[] truth, int pixelsPerImage, double threshold) {
        ConfusionCounts.checkLengths(probabilities.length, truth.length);
        int n = imageCount(probabilities.length, pixelsPerImage);
        double[] scores = new double[n];
        for (int img = 0; img < n; img++) {
            long[] c = counts(probabilities, truth, img * pixelsPerImage, pixelsPerImage, threshold);
            scores[img] = scoreOfCounts(c[0], c[1], c[2], c[3]);
        }
        return scores;
    }

    /**
     * Where a set's score comes from: the mean score over the images whose true mask is empty (the
     * share of them predicted empty) and over the images with salt. Either mean is NaN when there is
     * no such image.
     */
    public record Split(double emptyImages, int emptyCount, double saltImages, int saltCount) {
    }

    /**
     * Splits per-image scores by whether the true mask is empty.
     *
     * @param imageScores one score per image (from {@link #imageScores})
     * @param truth labels (salt when {@code > 0.5}), images one after the other, not modified
     * @param pixelsPerImage pixels per image
     * @throws IllegalArgumentException when the counts do not match
     */
    public static Split split(double[] imageScores, float[] truth, int pixelsPerImage) {
        int n = imageCount(truth.length, pixelsPerImage);
        if (n != imageScores.length) {
            throw new IllegalArgumentException(imageScores.length + " image scores for " + n + " images");
        }
        double empty = 0, salt = 0;
        int emptyCount = 0, saltCount = 0;
        for (int img = 0; img < n; img++) {
            boolean hasSalt = false;
            for (int i = img * pixelsPerImage; i < (img + 1) * pixelsPerImage && !hasSalt; i++) {
                hasSalt = truth[i] > 0.5f;
            }
            if (hasSalt) {
                salt += imageScores[img];
                saltCount++;
            } else {
                empty += imageScores[img];
                emptyCount++;
            }
        }
        return new Split(emptyCount == 0 ? Double.NaN : empty / emptyCount, emptyCount,
                saltCount == 0 ? Double.NaN : salt / saltCount, saltCount);
    }

    /**
     * Pixel counts of one image stored at {@code offset}: {intersection, union, truth count,
     * predicted count}, salt predicted where {@code p > threshold} and true where {@code truth > 0.5}.
     */
    static long[] counts(float[] probabilities, float[] truth, int offset, int pixels, double threshold) {
        long inter = 0, union = 0, truthCount = 0, predCount = 0;
        for (int i = offset; i < offset + pixels; i++) {
            boolean p = probabilities[i] > threshold;
            boolean t = truth[i] > 0.5f;
            if (p && t) inter++;
            if (p || t) union++;
            if (t) truthCount++;
            if (p) predCount++;
        }
        return new long[] {inter, union, truthCount, predCount};
    }

    /** Number of images of {@code pixelsPerImage} pixels in {@code length} values. */
    static int imageCount(int length, int pixelsPerImage) {
        if (pixelsPerImage <= 0 || length % pixelsPerImage != 0) {
            throw new IllegalArgumentException(length + " values are not a whole number of images of "
                    + pixelsPerImage + " pixels");
        }
        return length / pixelsPerImage;
    }
}
