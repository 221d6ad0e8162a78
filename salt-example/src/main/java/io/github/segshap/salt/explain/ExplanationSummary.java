package io.github.segshap.salt.explain;

import io.github.segshap.salt.report.ExplainedSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Statistics over all explained samples - what the original's global analysis showed, as numbers:
 * per channel the mean |contribution| and the mean contribution over all pixels, inside the true
 * salt and outside it, the correlation of input value and contribution, and how the contribution
 * depends on the input value in {@link #BIN_EDGES bins}. The inputs are power-transformed and
 * standardised (Yeo-Johnson, fitted on the training pixels), so fixed bins of half a standard
 * deviation from -3 to 3, plus one open bin at each end, suit every channel.
 *
 * <p>Build with {@link #builder(List)} and {@link Builder#add(ExplainedSample)} one sample at a time
 * (nothing is kept per pixel), or {@link #of(List)}. Immutable once built; {@link #asMap()} is the
 * JSON form written to {@code explanations/summary.json}.
 */
public final class ExplanationSummary {
    /** Inner bin edges of the input value (standardised units): -3, -2.5, ..., 3. */
    public static final double[] BIN_EDGES = edges();

    private final List<String> channels;
    private final int samples;
    private final long saltPixels;
    private final long otherPixels;
    private final double meanBaseValue;
    private final double meanPrediction;
    private final double maxResidual;
    private final List<ChannelStats> stats;

    private ExplanationSummary(Builder b) {
        this.channels = b.channels;
        this.samples = b.samples;
        this.saltPixels = b.n[1];
        this.otherPixels = b.n[0];
        long all = b.n[0] + b.n[1];
        this.meanBaseValue = all == 0 ? Double.NaN : b.baseSum / all;
        this.meanPrediction = all == 0 ? Double.NaN : b.predictionSum / all;
        this.maxResidual = b.maxResidual;
        List<ChannelStats> s = new ArrayList<>();
        for (int k = 0; k < channels.size(); k++) {
            s.add(b.acc[k].stats(channels.get(k)));
        }
        this.stats = List.copyOf(s);
    }

    /** A summary of these samples. */
    public static ExplanationSummary of(List<ExplainedSample> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no explained samples to summarise");
        }
        Builder b = builder(samples.get(0).channelNames());
        samples.forEach(b::add);
        return b.build();
    }

    /** An empty accumulator for samples with these channels. */
    public static Builder builder(List<String> channels) {
        return new Builder(channels);
    }

    /** Channel names. */
    public List<String> channels() {
        return channels;
    }

    /** Number of samples summarised. */
    public int samples() {
        return samples;
    }

    /** Pixels inside the true salt. */
    public long saltPixels() {
        return saltPixels;
    }

    /** Pixels outside the true salt. */
    public long otherPixels() {
        return otherPixels;
    }

    /** Mean of the base values over all pixels. */
    public double meanBaseValue() {
        return meanBaseValue;
    }

    /** Mean predicted probability over all pixels. */
    public double meanPrediction() {
        return meanPrediction;
    }

    /** Largest |base + sum of contributions - prediction| over all pixels. */
    public double maxResidual() {
        return maxResidual;
    }

    /** Statistics per channel, in channel order. */
    public List<ChannelStats> channelStats() {
        return stats;
    }

    /** The summary as nested maps and lists (the JSON form). */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", samples);
        m.put("salt_pixels", saltPixels);
        m.put("other_pixels", otherPixels);
        m.put("mean_base_value", meanBaseValue);
        m.put("mean_prediction", meanPrediction);
        m.put("max_abs_residual", maxResidual);
        m.put("bin_edges", BIN_EDGES);
        List<Object> ch = new ArrayList<>();
        for (ChannelStats s : stats) {
            ch.add(s.asMap());
        }
        m.put("channels", ch);
        return m;
    }

    /**
     * One channel's statistics.
     *
     * @param name             channel name
     * @param meanAbs          mean |contribution| over all pixels
     * @param meanAbsSalt      mean |contribution| inside the true salt (NaN without salt pixels)
     * @param meanAbsOther     mean |contribution| outside the true salt
     * @param meanSalt         mean (signed) contribution inside the true salt
     * @param meanOther        mean (signed) contribution outside the true salt
     * @param correlation      Pearson correlation of input value and contribution over all pixels
     * @param bins             contribution by input-value bin, {@code BIN_EDGES.length + 1} bins
     */
    public record ChannelStats(String name, double meanAbs, double meanAbsSalt, double meanAbsOther,
                               double meanSalt, double meanOther, double correlation, List<Bin> bins) {
        /** The JSON form. */
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("mean_abs", meanAbs);
            m.put("mean_abs_salt", meanAbsSalt);
            m.put("mean_abs_not_salt", meanAbsOther);
            m.put("mean_salt", meanSalt);
            m.put("mean_not_salt", meanOther);
            m.put("correlation_input_contribution", correlation);
            List<Object> b = new ArrayList<>();
            for (Bin bin : bins) {
                b.add(bin.asMap());
            }
            m.put("bins", b);
            return m;
        }
    }

    /**
     * Contributions of the pixels whose input value lies in {@code [lower, upper)}.
     *
     * @param lower          lower edge (-infinity for the first bin)
     * @param upper          upper edge (+infinity for the last bin)
     * @param saltPixels     pixels inside the true salt
     * @param otherPixels    pixels outside
     * @param meanInput      mean input value in the bin (NaN when empty)
     * @param meanSalt       mean contribution of the salt pixels (NaN when none)
     * @param meanOther      mean contribution of the other pixels (NaN when none)
     * @param meanAbs        mean |contribution| of all pixels in the bin (NaN when empty)
     */
    public record Bin(double lower, double upper, long saltPixels, long otherPixels, double meanInput,
                      double meanSalt, double meanOther, double meanAbs) {
        /** The JSON form (infinite edges as null). */
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lower", Double.isInfinite(lower) ? null : lower);
            m.put("upper", Double.isInfinite(upper) ? null : upper);
            m.put("salt_pixels", saltPixels);
            m.put("not_salt_pixels", otherPixels);
            m.put("mean_input", nullIfNaN(meanInput));
            m.put("mean_contribution_salt", nullIfNaN(meanSalt));
            m.put("mean_contribution_not_salt", nullIfNaN(meanOther));
            m.put("mean_abs_contribution", nullIfNaN(meanAbs));
            return m;
        }
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** Index of the bin of value x. */
    static int bin(double x) {
        int i = 0;
        while (i < BIN_EDGES.length && x >= BIN_EDGES[i]) {
            i++;
        }
        return i;
    }

    private static double[] edges() {
        double[] e = new double[13];
        for (int i = 0; i < e.length; i++) {
            e[i] = -3 + 0.5 * i;
        }
        return e;
    }

    /** Accumulates samples one at a time. Not thread-safe. */
    public static final class Builder {
        private final List<String> channels;
        private final Acc[] acc;
        private final long[] n = new long[2];
        private int samples;
        private double baseSum;
        private double predictionSum;
        private double maxResidual;

        private Builder(List<String> channels) {
            this.channels = List.copyOf(channels);
            this.acc = new Acc[this.channels.size()];
            for (int k = 0; k < acc.length; k++) {
                acc[k] = new Acc();
            }
        }

        /**
         * Adds one sample.
         *
         * @throws IllegalArgumentException if its channels differ from the builder's
         */
        public Builder add(ExplainedSample s) {
            Objects.requireNonNull(s, "sample");
            if (!s.channelNames().equals(channels)) {
                throw new IllegalArgumentException("sample " + s.id() + " has channels " + s.channelNames()
                        + " but the summary has " + channels);
            }
            samples++;
            maxResidual = Math.max(maxResidual, s.maxAdditivityResidual());
            for (int i = 0; i < s.height(); i++) {
                for (int j = 0; j < s.width(); j++) {
                    int g = s.truth()[i][j] > 0.5 ? 1 : 0;
                    n[g]++;
                    baseSum += s.baseValues()[i][j];
                    predictionSum += s.prediction()[i][j];
                    for (int k = 0; k < acc.length; k++) {
                        acc[k].add(s.inputs()[k][i][j], s.contributions()[k][i][j], g);
                    }
                }
            }
            return this;
        }

        /** The summary of the samples added so far. */
        public ExplanationSummary build() {
            return new ExplanationSummary(this);
        }
    }

    /** Running sums of one channel. */
    private static final class Acc {
        final double[] abs = new double[2];
        final double[] sum = new double[2];
        final long[] n = new long[2];
        double sx;
        double sy;
        double sxx;
        double syy;
        double sxy;
        final long[][] binN = new long[BIN_EDGES.length + 1][2];
        final double[][] binSum = new double[BIN_EDGES.length + 1][2];
        final double[] binAbs = new double[BIN_EDGES.length + 1];
        final double[] binX = new double[BIN_EDGES.length + 1];

        void add(double x, double c, int g) {
            abs[g] += Math.abs(c);
            sum[g] += c;
            n[g]++;
            sx += x;
            sy += c;
            sxx += x * x;
            syy += c * c;
            sxy += x * c;
            int b = bin(x);
            binN[b][g]++;
            binSum[b][g] += c;
            binAbs[b] += Math.abs(c);
            binX[b] += x;
        }

        ChannelStats stats(String name) {
            long all = n[0] + n[1];
            double cov = sxy / all - (sx / all) * (sy / all);
            double vx = sxx / all - (sx / all) * (sx / all);
            double vy = syy / all - (sy / all) * (sy / all);
            double corr = vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : Double.NaN;
            List<Bin> bins = new ArrayList<>();
            for (int b = 0; b <= BIN_EDGES.length; b++) {
                long nb = binN[b][0] + binN[b][1];
                bins.add(new Bin(b == 0 ? Double.NEGATIVE_INFINITY : BIN_EDGES[b - 1],
                        b == BIN_EDGES.length ? Double.POSITIVE_INFINITY : BIN_EDGES[b], binN[b][1], binN[b][0],
                        div(binX[b], nb), div(binSum[b][1], binN[b][1]), div(binSum[b][0], binN[b][0]),
                        div(binAbs[b], nb)));
            }
            return new ChannelStats(name, div(abs[0] + abs[1], all), div(abs[1], n[1]), div(abs[0], n[0]),
                    div(sum[1], n[1]), div(sum[0], n[0]), corr, List.copyOf(bins));
        }

        private static double div(double s, long n) {
            return n == 0 ? Double.NaN : s / n;
        }
    }
}
