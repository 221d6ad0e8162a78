package io.github.segshap.core.learned;

import io.github.segshap.core.explanation.Explanation;

import java.util.List;
import java.util.Objects;

/**
 * The error of learned explanations against exact ones of the same images: the relative RMS error of
 * the maps ({@code sqrt(sum (learned - exact)^2 / sum exact^2)} over every image, player and output),
 * the Pearson correlation of each player's learned and exact values, the share of outputs whose
 * dominant player (largest absolute value) agrees, and the image with the largest relative RMS error.
 * Measured on the held-out images when an explainer is fitted; any caller can measure it again on
 * images explained both ways. Immutable.
 *
 * @param images            how many images were compared
 * @param relativeRms       the relative RMS error of all maps (0 when identical)
 * @param playerCorrelation per player, the correlation of learned and exact values (NaN when either
 *                          is constant)
 * @param dominantAgreement the share of (image, output) pairs whose dominant player agrees, in [0, 1]
 * @param worstImage        the id of the image with the largest relative RMS error
 * @param worstRelativeRms  that image's relative RMS error
 */
public record LearnedError(int images, double relativeRms, List<Double> playerCorrelation,
                           double dominantAgreement, String worstImage, double worstRelativeRms) {

    /** Copies the list and checks the counts. */
    public LearnedError {
        playerCorrelation = List.copyOf(playerCorrelation);
        Objects.requireNonNull(worstImage, "worstImage");
        if (images < 1) {
            throw new IllegalArgumentException("an error needs at least one image, got " + images);
        }
    }

    /**
     * The error of {@code learned} against {@code exact}, image by image.
     *
     * @param ids     one id per image
     * @param learned the learned explanations
     * @param exact   the exact explanations of the same images, same players and outputs
     * @throws IllegalArgumentException when the lists are empty or of different sizes, or two
     *                                  explanations differ in players or outputs
     */
    public static LearnedError of(List<String> ids, List<Explanation> learned, List<Explanation> exact) {
        int n = exact.size();
        if (n == 0 || learned.size() != n || ids.size() != n) {
            throw new IllegalArgumentException("the error needs as many learned explanations as exact ones and ids, "
                    + "at least one: got " + learned.size() + " learned, " + n + " exact, " + ids.size() + " ids");
        }
        int m = exact.get(0).players();
        int k = exact.get(0).outputShape().size();
        double[] sx = new double[m];
        double[] sy = new double[m];
        double[] sxx = new double[m];
        double[] syy = new double[m];
        double[] sxy = new double[m];
        double diff2 = 0;
        double exact2 = 0;
        long agree = 0;
        String worst = ids.get(0);
        double worstRms = -1;
        for (int i = 0; i < n; i++) {
            Explanation l = learned.get(i);
            Explanation e = exact.get(i);
            if (l.players() != m || e.players() != m || !l.outputShape().equals(e.outputShape())
                    || e.outputShape().size() != k) {
                throw new IllegalArgumentException("image '" + ids.get(i) + "': the learned explanation has "
                        + l.players() + " players and outputs " + l.outputShape() + ", the exact one " + e.players()
                        + " and " + e.outputShape() + "; image 0 has " + m + " players");
            }
            double[][] lv = new double[m][];
            double[][] ev = new double[m][];
            double imageDiff2 = 0;
            double imageExact2 = 0;
            for (int p = 0; p < m; p++) {
                lv[p] = l.values(p);
                ev[p] = e.values(p);
                for (int j = 0; j < k; j++) {
                    double x = lv[p][j];
                    double y = ev[p][j];
                    sx[p] += x;
                    sy[p] += y;
                    sxx[p] += x * x;
                    syy[p] += y * y;
                    sxy[p] += x * y;
                    imageDiff2 += (x - y) * (x - y);
                    imageExact2 += y * y;
                }
            }
            for (int j = 0; j < k; j++) {
                if (dominant(lv, j) == dominant(ev, j)) {
                    agree++;
                }
            }
            double imageRms = relative(imageDiff2, imageExact2);
            if (imageRms > worstRms) {
                worstRms = imageRms;
                worst = ids.get(i);
            }
            diff2 += imageDiff2;
            exact2 += imageExact2;
        }
        Double[] correlation = new Double[m];
        double count = (double) n * k;
        for (int p = 0; p < m; p++) {
            double cov = sxy[p] - sx[p] * sy[p] / count;
            double vx = sxx[p] - sx[p] * sx[p] / count;
            double vy = syy[p] - sy[p] * sy[p] / count;
            correlation[p] = vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : Double.NaN;
        }
        return new LearnedError(n, relative(diff2, exact2), List.of(correlation), agree / count, worst, worstRms);
    }

    /** sqrt(diff2 / exact2); 0 when both are 0, infinite when only the exact sum is 0. */
    private static double relative(double diff2, double exact2) {
        if (exact2 == 0) {
            return diff2 == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return Math.sqrt(diff2 / exact2);
    }

    /** The player with the largest absolute value at output j (the first on ties). */
    private static int dominant(double[][] values, int j) {
        int best = 0;
        for (int p = 1; p < values.length; p++) {
            if (Math.abs(values[p][j]) > Math.abs(values[best][j])) {
                best = p;
            }
        }
        return best;
    }

    /** One line for people, e.g. {@code relative RMS 0.041, dominant player agrees on 97.2% ...}. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "relative RMS error %.4f, per-player correlation %s, dominant "
                + "player agrees on %.1f%% of outputs, worst image '%s' (relative RMS %.4f), over %d images",
                relativeRms, playerCorrelation.stream().map(c -> String.format(java.util.Locale.ROOT, "%.3f", c))
                        .toList(), 100 * dominantAgreement, worstImage, worstRelativeRms, images);
    }
}
