package io.github.segshap.salt.train.metrics;

import java.util.Arrays;

/**
 * Exact area under the ROC curve over pixels.
 *
 * <p>Computed as the Mann-Whitney statistic: the probability that a random positive pixel scores
 * higher than a random negative pixel, ties counting one half. This equals the trapezoidal area
 * under the exact ROC curve (with tied scores forming one diagonal step), so it is exact and
 * tie-aware, unlike Keras' {@code AUC} metric which interpolates over 200 fixed thresholds (the two
 * typically agree to about 1e-3). Cost: sorting the positive and negative scores separately
 * ({@code O(n log n)}, primitive sorts, no boxing) and one merge pass.
 */
public final class RocAuc {

    private RocAuc() {
    }

    /**
     * ROC AUC of scores against labels.
     *
     * @param scores predicted scores or probabilities, not modified; NaN is not allowed
     * @param truth labels, positive when {@code > 0.5}, same length, not modified
     * @return the AUC in [0, 1], or {@code NaN} when there is no positive or no negative pixel
     * @throws IllegalArgumentException if lengths differ or a score is NaN
     */
    public static double of(float[] scores, float[] truth) {
        ConfusionCounts.checkLengths(scores.length, truth.length);
        int nPos = 0;
        for (float t : truth) {
            if (t > 0.5f) nPos++;
        }
        int nNeg = scores.length - nPos;
        float[] pos = new float[nPos];
        float[] neg = new float[nNeg];
        int ip = 0, in = 0;
        for (int i = 0; i < scores.length; i++) {
            float s = scores[i];
            if (Float.isNaN(s)) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
            if (truth[i] > 0.5f) pos[ip++] = s; else neg[in++] = s;
        }
        return ofSorted(sortInPlace(pos), sortInPlace(neg));
    }

    private static float[] sortInPlace(float[] a) {
        Arrays.sort(a);
        return a;
    }

    /**
     * ROC AUC from already sorted positive and negative scores.
     *
     * @param pos scores of positive pixels, ascending, not modified
     * @param neg scores of negative pixels, ascending, not modified
     * @return AUC, NaN when either array is empty
     */
    static double ofSorted(float[] pos, float[] neg) {
        if (pos.length == 0 || neg.length == 0) {
            return Double.NaN;
        }
        // for each positive: (#neg strictly below) + 0.5 * (#neg equal)
        double sum = 0;
        int below = 0; // negatives < current positive score
        int i = 0;
        while (i < pos.length) {
            float s = pos[i];
            int j = i;
            while (j < pos.length && pos[j] == s) j++; // run of equal positives
            while (below < neg.length && neg[below] < s) below++;
            int equalEnd = below;
            while (equalEnd < neg.length && neg[equalEnd] == s) equalEnd++;
            sum += (double) (j - i) * (below + 0.5 * (equalEnd - below));
            i = j;
        }
        return sum / ((double) pos.length * neg.length);
    }
}
