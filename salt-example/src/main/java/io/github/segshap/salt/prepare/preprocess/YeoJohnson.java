package io.github.segshap.salt.prepare.preprocess;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.segshap.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BracketFinder;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;

/**
 * A fitted Yeo-Johnson power transform with standardisation, per channel: scikit-learn's
 * {@code PowerTransformer(method='yeo-johnson', standardize=True)}. Immutable.
 *
 * <p>For each channel, {@code y = (psi(x, lambda) - mean) / scale} where {@code psi} is the
 * Yeo-Johnson transform
 * <pre>
 *   x >= 0, lambda != 0:  ((x + 1)^lambda - 1) / lambda        x >= 0, lambda == 0:  log(x + 1)
 *   x <  0, lambda != 2:  -((1 - x)^(2 - lambda) - 1) / (2 - lambda)   x < 0, lambda == 2:  -log(1 - x)
 * </pre>
 * {@link #fit} chooses lambda by maximum likelihood as scikit-learn 1.2 does: it minimises
 * {@code n/2 log var(psi(x)) - (lambda - 1) sum sign(x) log(1 + |x|)} with Brent's method started
 * from the bracket (-2, 2) (Commons Math {@link BracketFinder} then {@link BrentOptimizer}; like
 * SciPy's {@code brent(brack=(-2, 2))} the bracket may grow, so lambda can lie outside [-2, 2]).
 * {@code mean} and {@code scale} are the mean and population standard deviation of the transformed
 * training values (a zero scale becomes 1). NaN values are ignored when fitting and stay NaN.
 *
 * <p>Fitting evaluates the likelihood on all pooled values; when a channel holds few distinct
 * values (8-bit images, integer Sobel values) it works on the distinct values with their counts,
 * which gives the same likelihood faster. Results are deterministic regardless of the number of
 * threads.
 *
 * <p>Saved as JSON ({@link #toJson()}, {@link #write(Path)}, {@link #read(Path)}).
 */
public final class YeoJohnson {
    /** The JSON schema name written by {@link #toJson()}. */
    public static final String SCHEMA = "segshap-yeo-johnson/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final double EPS = Math.ulp(1.0);
    private static final int CHUNK = 1 << 14;
    /** Default bound on the values per channel the lambda search uses: 2^23 = 8,388,608. */
    public static final int DEFAULT_MAX_LAMBDA_VALUES = 1 << 23;

    private final List<String> channels;
    private final double[] lambdas;
    private final double[] means;
    private final double[] scales;
    private final long[] counts;

    private YeoJohnson(List<String> channels, double[] lambdas, double[] means, double[] scales, long[] counts) {
        int c = lambdas.length;
        if (channels.size() != c || means.length != c || scales.length != c || counts.length != c) {
            throw new IllegalArgumentException("channels, lambdas, means, scales and counts must have one entry per "
                    + "channel: " + channels.size() + ", " + c + ", " + means.length + ", " + scales.length + ", "
                    + counts.length);
        }
        for (int i = 0; i < c; i++) {
            if (!Double.isFinite(lambdas[i]) || !Double.isFinite(means[i]) || !(scales[i] > 0)
                    || !Double.isFinite(scales[i])) {
                throw new IllegalArgumentException("channel " + channels.get(i) + ": lambda " + lambdas[i] + ", mean "
                        + means[i] + ", scale " + scales[i] + " (need finite values and a positive scale)");
            }
        }
        this.channels = List.copyOf(channels);
        this.lambdas = lambdas.clone();
        this.means = means.clone();
        this.scales = scales.clone();
        this.counts = counts.clone();
    }

    /**
     * A transform from known parameters (for example read from another tool).
     *
     * @param channels channel names, one per parameter
     */
    public static YeoJohnson of(List<String> channels, double[] lambdas, double[] means, double[] scales) {
        return new YeoJohnson(channels, lambdas, means, scales, new long[lambdas.length]);
    }

    /**
     * Fits one transform per column.
     *
     * @param channels names of the columns
     * @param columns  {@code columns[c]} holds every training value of channel {@code c}; NaN values are
     *                 ignored; not modified
     * @throws IllegalArgumentException if a column has no finite value
     */
    public static YeoJohnson fit(List<String> channels, double[][] columns) {
        int c = columns.length;
        double[] lambdas = new double[c];
        double[] means = new double[c];
        double[] scales = new double[c];
        long[] counts = new long[c];
        for (int ch = 0; ch < c; ch++) {
            double[] finite = Arrays.stream(columns[ch]).filter(v -> !Double.isNaN(v)).toArray();
            fitChannel(channels.get(ch), Distinct.of(finite, null), ch, lambdas, means, scales, counts);
        }
        return new YeoJohnson(channels, lambdas, means, scales, counts);
    }

    /**
     * Fits one transform per channel on NCHW single-precision images, pooling all pixels of all
     * images per channel (as the original pooled its training pixels).
     *
     * @param channels names, one per channel
     * @param images   NCHW values, {@code count * channels.size() * plane}; NaN ignored; not modified
     * @param count    number of images
     * @param plane    pixels per channel of one image (height * width)
     */
    public static YeoJohnson fitImages(List<String> channels, float[] images, int count, int plane) {
        return fitImages(channels, images, count, plane, DEFAULT_MAX_LAMBDA_VALUES);
    }

    /**
     * As {@link #fitImages(List, float[], int, int)}, but lambda is searched on an evenly strided
     * subsample (every {@code k}-th finite value in NCHW order, {@code k = ceil(n / maxLambdaValues)})
     * when a channel has more than {@code maxLambdaValues} finite values; the mean and scale always
     * use every value. The default {@value #DEFAULT_MAX_LAMBDA_VALUES} keeps the SEED mode's 48 x 48
     * fit exact (about 5.9 million values per channel) and bounds the FULL mode's (about 26 million).
     *
     * @param maxLambdaValues at least 1
     */
    public static YeoJohnson fitImages(List<String> channels, float[] images, int count, int plane,
                                       int maxLambdaValues) {
        if (maxLambdaValues < 1) {
            throw new IllegalArgumentException("maxLambdaValues must be at least 1, got " + maxLambdaValues);
        }
        int c = channels.size();
        if ((long) count * c * plane != images.length) {
            throw new IllegalArgumentException(count + " images of " + c + " x " + plane + " values need "
                    + (long) count * c * plane + " values, got " + images.length);
        }
        double[] lambdas = new double[c];
        double[] means = new double[c];
        double[] scales = new double[c];
        long[] counts = new long[c];
        for (int ch = 0; ch < c; ch++) {
            float[] values = new float[count * plane];
            final int channel = ch;
            IntStream.range(0, count).parallel().forEach(n ->
                    System.arraycopy(images, (n * c + channel) * plane, values, n * plane, plane));
            int finite = 0;
            for (float v : values) {
                if (!Float.isNaN(v)) {
                    values[finite++] = v;
                }
            }
            float[] all = Arrays.copyOf(values, finite);
            if (finite > maxLambdaValues) {
                int k = (finite + maxLambdaValues - 1) / maxLambdaValues;
                float[] sub = new float[(finite + k - 1) / k];
                for (int i = 0; i < sub.length; i++) {
                    sub[i] = all[i * k];
                }
                Distinct forLambda = Distinct.of(null, sub);
                if (forLambda.total == 0) {
                    throw new IllegalArgumentException("channel " + channels.get(ch) + " has no finite value to fit");
                }
                double lambda = forLambda.optimiseLambda();
                double[] meanVar = Distinct.of(null, all).meanVariance(lambda);
                lambdas[ch] = lambda;
                means[ch] = meanVar[0];
                double scale = Math.sqrt(meanVar[1]);
                scales[ch] = scale < 10 * EPS ? 1.0 : scale;
                counts[ch] = finite;
            } else {
                fitChannel(channels.get(ch), Distinct.of(null, all), ch, lambdas, means, scales, counts);
            }
        }
        return new YeoJohnson(channels, lambdas, means, scales, counts);
    }

    private static void fitChannel(String name, Distinct d, int ch, double[] lambdas, double[] means,
                                   double[] scales, long[] counts) {
        if (d.total == 0) {
            throw new IllegalArgumentException("channel " + name + " has no finite value to fit");
        }
        double lambda = d.optimiseLambda();
        double[] meanVar = d.meanVariance(lambda);
        lambdas[ch] = lambda;
        means[ch] = meanVar[0];
        double scale = Math.sqrt(meanVar[1]);
        scales[ch] = scale < 10 * EPS ? 1.0 : scale;
        counts[ch] = d.total;
    }

    /** Channel names. */
    public List<String> channels() {
        return channels;
    }

    /** Number of channels. */
    public int channelCount() {
        return lambdas.length;
    }

    /** Lambda per channel (a copy). */
    public double[] lambdas() {
        return lambdas.clone();
    }

    /** Mean of the transformed training values per channel (a copy). */
    public double[] means() {
        return means.clone();
    }

    /** Standard deviation of the transformed training values per channel (a copy). */
    public double[] scales() {
        return scales.clone();
    }

    /** Number of finite training values per channel the fit used (0 when built by {@link #of}). */
    public long[] counts() {
        return counts.clone();
    }

    /** The standardised transform of {@code x} in channel {@code channel}; NaN stays NaN. */
    public double transform(int channel, double x) {
        return (psi(x, lambdas[channel]) - means[channel]) / scales[channel];
    }

    /** The inverse of {@link #transform}: the original value for a standardised {@code y}. */
    public double inverse(int channel, double y) {
        return psiInverse(y * scales[channel] + means[channel], lambdas[channel]);
    }

    /**
     * Transforms NCHW images in place, in parallel over images.
     *
     * @param images NCHW, {@code count * channelCount() * plane} values; Modified
     * @param count  number of images
     * @param plane  height * width
     */
    public void transformInPlace(float[] images, int count, int plane) {
        apply(images, count, plane, false);
    }

    /** Inverts {@link #transformInPlace}; {@code images} is modified. */
    public void inverseInPlace(float[] images, int count, int plane) {
        apply(images, count, plane, true);
    }

    private void apply(float[] images, int count, int plane, boolean inverse) {
        int c = lambdas.length;
        if ((long) count * c * plane != images.length) {
            throw new IllegalArgumentException(count + " images of " + c + " x " + plane + " values need "
                    + (long) count * c * plane + " values, got " + images.length);
        }
        IntStream.range(0, count * c).parallel().forEach(p -> {
            int ch = p % c;
            int base = p * plane;
            for (int i = base; i < base + plane; i++) {
                images[i] = (float) (inverse ? inverse(ch, images[i]) : transform(ch, images[i]));
            }
        });
    }

    /**
     * The Yeo-Johnson transform {@code psi(x, lambda)} without standardisation (scikit-learn's
     * formula, with {@code (x + 1)^lambda} computed as {@code exp(lambda log1p(x))}).
     */
    public static double psi(double x, double lambda) {
        if (x >= 0) {
            return Math.abs(lambda) < EPS ? Math.log1p(x) : (Math.exp(lambda * log1p(x)) - 1) / lambda;
        }
        if (Double.isNaN(x)) {
            return x;
        }
        return Math.abs(lambda - 2) > EPS ? -(Math.exp((2 - lambda) * log1p(-x)) - 1) / (2 - lambda)
                : -Math.log1p(-x);
    }

    /**
     * {@code log(1 + x)} for {@code x >= 0}: {@link Math#log1p} below 1e-4, else the faster
     * intrinsic {@code Math.log(1 + x)} (absolute error below 2e-16, relative below 2e-12).
     */
    static double log1p(double x) {
        return x < 1e-4 ? Math.log1p(x) : Math.log(1 + x);
    }

    /** The inverse of {@link #psi} (scikit-learn's {@code _yeo_johnson_inverse_transform}). */
    public static double psiInverse(double y, double lambda) {
        if (y >= 0) {
            return Math.abs(lambda) < EPS ? Math.expm1(y) : Math.pow(y * lambda + 1, 1 / lambda) - 1;
        }
        if (Double.isNaN(y)) {
            return y;
        }
        return Math.abs(lambda - 2) > EPS ? 1 - Math.pow(-(2 - lambda) * y + 1, 1 / (2 - lambda))
                : 1 - Math.exp(-y);
    }

    /** The transform as JSON (schema {@value #SCHEMA}). */
    public String toJson() {
        try {
            return JSON.writeValueAsString(new Dto(SCHEMA, "yeo-johnson", true, channels, lambdas, means, scales,
                    counts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a transform written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException if the text is not such a transform
     */
    public static YeoJohnson fromJson(String json) {
        Dto d;
        try {
            d = JSON.readValue(json, Dto.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a Yeo-Johnson transform: " + e.getMessage(), e);
        }
        if (!SCHEMA.equals(d.schema) || !"yeo-johnson".equals(d.method) || !d.standardize) {
            throw new IllegalArgumentException("expected schema " + SCHEMA + " (yeo-johnson, standardize), got "
                    + d.schema + " (" + d.method + ", standardize " + d.standardize + ")");
        }
        if (d.channels == null || d.lambdas == null || d.means == null || d.scales == null) {
            throw new IllegalArgumentException("Yeo-Johnson JSON lacks channels, lambdas, means or scales");
        }
        long[] counts = d.counts == null ? new long[d.lambdas.length] : d.counts;
        return new YeoJohnson(d.channels, d.lambdas, d.means, d.scales, counts);
    }

    /** Writes {@link #toJson()} to {@code file} atomically. */
    public void write(Path file) {
        Path target = file.toAbsolutePath();
        try {
            AtomicFiles.write(target, toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Reads a transform saved by {@link #write(Path)}. */
    public static YeoJohnson read(Path file) {
        try {
            return fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof YeoJohnson && channels.equals(((YeoJohnson) o).channels)
                && Arrays.equals(lambdas, ((YeoJohnson) o).lambdas) && Arrays.equals(means, ((YeoJohnson) o).means)
                && Arrays.equals(scales, ((YeoJohnson) o).scales);
    }

    @Override
    public int hashCode() {
        return 31 * channels.hashCode() + Arrays.hashCode(lambdas) + 7 * Arrays.hashCode(means);
    }

    @Override
    public String toString() {
        return "YeoJohnson" + channels + " lambdas " + Arrays.toString(lambdas) + " means " + Arrays.toString(means)
                + " scales " + Arrays.toString(scales);
    }

    /** JSON form. */
    private static final class Dto {
        @JsonProperty public String schema;
        @JsonProperty public String method;
        @JsonProperty public boolean standardize;
        @JsonProperty public List<String> channels;
        @JsonProperty public double[] lambdas;
        @JsonProperty public double[] means;
        @JsonProperty public double[] scales;
        @JsonProperty public long[] counts;

        Dto() {
        }

        Dto(String schema, String method, boolean standardize, List<String> channels, double[] lambdas,
            double[] means, double[] scales, long[] counts) {
            this.schema = schema;
            this.method = method;
            this.standardize = standardize;
            this.channels = channels;
            this.lambdas = lambdas;
            this.means = means;
            this.scales = scales;
            this.counts = counts;
        }
    }

    /**
     * The finite values of one channel as {@code sign(x) log(1 + |x|)}, de-duplicated with counts
     * when that pays (quantised data), and the likelihood over them.
     */
    private static final class Distinct {
        /** Below this share of distinct values in a sample, values are de-duplicated. */
        private static final double DEDUPLICATE_BELOW = 0.25;
        private static final int SAMPLE = 1 << 16;
        final double[] signedLogs;
        final double[] weights; // null: every weight is 1
        final long total;
        final double signedLogSum;

        private Distinct(double[] signedLogs, double[] weights, long total) {
            this.signedLogs = signedLogs;
            this.weights = weights;
            this.total = total;
            double s = 0;
            for (int i = 0; i < signedLogs.length; i++) {
                s += (weights == null ? 1 : weights[i]) * signedLogs[i];
            }
            this.signedLogSum = s;
        }

        /** From finite doubles or finite floats (exactly one of the two non-null). */
        static Distinct of(double[] doubles, float[] floats) {
            int n = doubles != null ? doubles.length : floats.length;
            java.util.function.IntToDoubleFunction get = doubles != null ? i -> doubles[i] : i -> floats[i];
            if (n > 0 && fewDistinct(get, n)) {
                double[] sorted = new double[n];
                IntStream.range(0, n).parallel().forEach(i -> sorted[i] = get.applyAsDouble(i));
                Arrays.parallelSort(sorted);
                int k = 0;
                double[] w = new double[n];
                for (int i = 0; i < n; i++) {
                    if (k > 0 && sorted[k - 1] == sorted[i]) {
                        w[k - 1]++;
                    } else {
                        sorted[k] = sorted[i];
                        w[k++] = 1;
                    }
                }
                double[] logs = new double[k];
                for (int i = 0; i < k; i++) {
                    logs[i] = signedLog(sorted[i]);
                }
                return new Distinct(logs, Arrays.copyOf(w, k), n);
            }
            double[] logs = new double[n];
            IntStream.range(0, n).parallel().forEach(i -> logs[i] = signedLog(get.applyAsDouble(i)));
            return new Distinct(logs, null, n);
        }

        private static boolean fewDistinct(java.util.function.IntToDoubleFunction get, int n) {
            int m = Math.min(n, SAMPLE);
            double[] sample = new double[m];
            long stride = Math.max(1, n / m);
            for (int i = 0; i < m; i++) {
                sample[i] = get.applyAsDouble((int) Math.min(n - 1, i * stride));
            }
            Arrays.sort(sample);
            int distinct = 1;
            for (int i = 1; i < m; i++) {
                if (sample[i] != sample[i - 1]) {
                    distinct++;
                }
            }
            return distinct < DEDUPLICATE_BELOW * m;
        }

        private static double signedLog(double x) {
            return x >= 0 ? log1p(x) : -log1p(-x);
        }

        /** psi from {@code sign(x) log1p(|x|)} (its sign is the sign of x). */
        private static double psiFromLog(double sl, double lambda) {
            if (sl >= 0) {
                return Math.abs(lambda) < EPS ? sl : (Math.exp(lambda * sl) - 1) / lambda;
            }
            return Math.abs(lambda - 2) > EPS ? -(Math.exp(-(2 - lambda) * sl) - 1) / (2 - lambda) : sl;
        }

        /** {mean, population variance} of psi(x, lambda), merged over fixed chunks in order (Chan et al.). */
        double[] meanVariance(double lambda) {
            int chunks = (signedLogs.length + CHUNK - 1) / CHUNK;
            double[][] parts = new double[chunks][];
            IntStream.range(0, chunks).parallel().forEach(j -> {
                int from = j * CHUNK;
                int to = Math.min(signedLogs.length, from + CHUNK);
                double n = 0;
                double sum = 0;
                double[] t = new double[to - from];
                for (int i = from; i < to; i++) {
                    double w = weights == null ? 1 : weights[i];
                    t[i - from] = psiFromLog(signedLogs[i], lambda);
                    n += w;
                    sum += w * t[i - from];
                }
                double mean = sum / n;
                double m2 = 0;
                for (int i = from; i < to; i++) {
                    double d = t[i - from] - mean;
                    m2 += (weights == null ? 1 : weights[i]) * d * d;
                }
                parts[j] = new double[] {n, mean, m2};
            });
            double n = 0;
            double mean = 0;
            double m2 = 0;
            for (double[] p : parts) {
                double nb = p[0];
                double delta = p[1] - mean;
                double nt = n + nb;
                mean += delta * nb / nt;
                m2 += p[2] + delta * delta * n * nb / nt;
                n = nt;
            }
            return new double[] {mean, m2 / n};
        }

        double negativeLogLikelihood(double lambda) {
            double var = meanVariance(lambda)[1];
            if (!(var >= Double.MIN_NORMAL)) {
                return Double.MAX_VALUE;
            }
            return total / 2.0 * Math.log(var) - (lambda - 1) * signedLogSum;
        }

        double optimiseLambda() {
            UnivariateFunction f = this::negativeLogLikelihood;
            BracketFinder bracket = new BracketFinder(100, 500);
            bracket.search(f, GoalType.MINIMIZE, -2, 2);
            double lo = Math.min(bracket.getLo(), bracket.getHi());
            double hi = Math.max(bracket.getLo(), bracket.getHi());
            BrentOptimizer brent = new BrentOptimizer(1.48e-8, 1e-11);
            UnivariatePointValuePair best = brent.optimize(new MaxEval(500), new UnivariateObjectiveFunction(f),
                    GoalType.MINIMIZE, new SearchInterval(lo, hi, bracket.getMid()));
            return best.getPoint();
        }
    }
}
