package io.github.segshap.salt.train.metrics;

/**
 * Pixel confusion counts of a binary segmentation at a threshold, and the ratios derived from them.
 *
 * <p>A pixel is predicted positive when its probability is strictly greater than the threshold (as
 * Keras' {@code TruePositives}, {@code BinaryAccuracy}, ... do), and is truly positive when its
 * label is greater than 0.5. Precision and recall follow Keras and are 0 when their denominator is 0;
 * accuracy and the IoUs are {@code NaN} when there is nothing to measure.
 *
 * @param tp true positives
 * @param fp false positives
 * @param tn true negatives
 * @param fn false negatives
 */
public record ConfusionCounts(long tp, long fp, long tn, long fn) {

    /** Default decision threshold on probabilities. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    /**
     * Checks that no count is negative.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public ConfusionCounts {
        if (tp < 0 || fp < 0 || tn < 0 || fn < 0) {
            throw new IllegalArgumentException(
                    "confusion counts must be >= 0, got tp=" + tp + " fp=" + fp + " tn=" + tn + " fn=" + fn);
        }
    }

    /**
     * Counts over pixels.
     *
     * @param probabilities predicted probabilities, not modified
     * @param truth labels (positive when {@code > 0.5}), same length, not modified
     * @param threshold probability threshold; predicted positive when {@code p > threshold}
     * @return the counts
     * @throws IllegalArgumentException if the lengths differ
     */
    public static ConfusionCounts of(float[] probabilities, float[] truth, double threshold) {
        checkLengths(probabilities.length, truth.length);
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < probabilities.length; i++) {
            boolean p = probabilities[i] > threshold;
            boolean t = truth[i] > 0.5f;
            if (p) {
                if (t) tp++; else fp++;
            } else {
                if (t) fn++; else tn++;
            }
        }
        return new ConfusionCounts(tp, fp, tn, fn);
    }

    /**
     * Counts over pixels of two boolean masks.
     *
     * @param predicted predicted mask, not modified
     * @param truth true mask, same length, not modified
     * @return the counts
     */
    public static ConfusionCounts of(boolean[] predicted, boolean[] truth) {
        checkLengths(predicted.length, truth.length);
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i]) {
                if (truth[i]) tp++; else fp++;
            } else {
                if (truth[i]) fn++; else tn++;
            }
        }
        return new ConfusionCounts(tp, fp, tn, fn);
    }

    /**
     * Sum of two sets of counts.
     *
     * @param other the other counts
     * @return element-wise sum
     */
    public ConfusionCounts plus(ConfusionCounts other) {
        return new ConfusionCounts(tp + other.tp, fp + other.fp, tn + other.tn, fn + other.fn);
    }

    /** @return total number of pixels counted */
    public long total() {
        return tp + fp + tn + fn;
    }

    /** @return (TP + TN) / total, NaN when nothing was counted */
    public double accuracy() {
        long n = total();
        return n == 0 ? Double.NaN : (double) (tp + tn) / n;
    }

    /** @return TP / (TP + FP), 0 when nothing was predicted positive (Keras convention) */
    public double precision() {
        return tp + fp == 0 ? 0.0 : (double) tp / (tp + fp);
    }

    /** @return TP / (TP + FN), 0 when nothing is truly positive (Keras convention) */
    public double recall() {
        return tp + fn == 0 ? 0.0 : (double) tp / (tp + fn);
    }

    /** @return IoU of the positive class, TP / (TP + FP + FN); NaN when that denominator is 0 */
    public double iouPositive() {
        long d = tp + fp + fn;
        return d == 0 ? Double.NaN : (double) tp / d;
    }

    /** @return IoU of the negative class, TN / (TN + FN + FP); NaN when that denominator is 0 */
    public double iouNegative() {
        long d = tn + fn + fp;
        return d == 0 ? Double.NaN : (double) tn / d;
    }

    /**
     * Mean IoU over the two classes, as {@code keras.metrics.MeanIoU(num_classes=2)} on the
     * thresholded prediction: the mean of {@link #iouNegative()} and {@link #iouPositive()} over the
     * classes whose denominator (true + predicted - intersection) is non-zero. NaN when nothing was
     * counted.
     *
     * @return mean IoU
     */
    public double meanIou() {
        double sum = 0;
        int n = 0;
        if (tp + fp + fn > 0) {
            sum += iouPositive();
            n++;
        }
        if (tn + fn + fp > 0) {
            sum += iouNegative();
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    static void checkLengths(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("predictions have " + a + " values but the truth has " + b);
        }
    }
}
