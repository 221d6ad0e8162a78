package io.github.segshap.salt.prepare.preprocess;

import io.github.segshap.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

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
 * from the bracket (-2, 2) (Commons Math's {@code BracketFinder} then {@code BrentOptimizer}; like
 * SciPy's {@code brent(brack=(-2, 2))} the bracket may grow, so lambda can lie outside [-2, 2]).
 * {@code mean} and {@code scale} are the mean and population standard deviation of the transformed
 * training values (a zero scale becomes 1). NaN values are ignored when fitting and stay NaN.
 *
 * <p>Fitting evaluates the likelihood on all pooled values; when a channel holds few distinct
 * values (8-bit images, integer Sobel values) it works on the distinct values with their counts,
 * which gives the same likelihood faster. Results are deterministic regardless of the number of
 * threads.
 *
 * <p>Saved as JSON ({@link #toJson()}, {@link #write(Path)}, {@link #read(Path)}). The fit lives in
 * {@code YeoJohnsonFit} and {@code YeoJohnsonLikelihood}, the JSON record in {@code YeoJohnsonJson}.
 */
public final class YeoJohnson {
    /** The JSON schema name written by {@link #toJson()}. */
    public static final String SCHEMA = "segshap-yeo-johnson/1";
    /** Below this distance lambda counts as 0 (or 2): the log branches of the transform. */
    static final double EPS = Math.ulp(1.0);
    /** Default bound on the values per channel the lambda search uses: 2^23 = 8,388,608. */
    public static final int DEFAULT_MAX_LAMBDA_VALUES = 1 << 23;

    private final List<String> channels;
    private final double[] lambdas;
    private final double[] means;
    private final double[] scales;
    private final long[] counts;

    YeoJohnson(List<String> channels, double[] lambdas, double[] means, double[] scales, long[] counts) {
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
        return YeoJohnsonFit.columns(channels, columns);
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
        return YeoJohnsonFit.images(channels, images, count, plane, maxLambdaValues);
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
        checkImages(images, count, c, plane);
        IntStream.range(0, count * c).parallel().forEach(p -> {
            int ch = p % c;
            int base = p * plane;
            for (int i = base; i < base + plane; i++) {
                images[i] = (float) (inverse ? inverse(ch, images[i]) : transform(ch, images[i]));
            }
        });
    }

    /**
     * Checks that {@code images} holds {@code count} NCHW images of {@code c} planes of {@code plane} values.
     *
     * @throws IllegalArgumentException naming the counts when it does not
     */
    static void checkImages(float[] images, int count, int c, int plane) {
        if ((long) count * c * plane != images.length) {
            throw new IllegalArgumentException(count + " images of " + c + " x " + plane + " values need "
                    + (long) count * c * plane + " values, got " + images.length);
        }
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
        return YeoJohnsonJson.write(channels, lambdas, means, scales, counts);
    }

    /**
     * Reads a transform written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException if the text is not such a transform
     */
    public static YeoJohnson fromJson(String json) {
        return YeoJohnsonJson.read(json);
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
}
