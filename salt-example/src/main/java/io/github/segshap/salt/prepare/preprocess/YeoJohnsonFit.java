package io.github.segshap.salt.prepare.preprocess;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Fitting a {@link YeoJohnson} transform, channel by channel: lambda by maximum likelihood
 * ({@link YeoJohnsonLikelihood#optimiseLambda()}), then the mean and population standard deviation
 * of the transformed values (a scale below {@code 10 ulp(1)} becomes 1). NaN values are ignored.
 */
final class YeoJohnsonFit {
    private final List<String> channels;
    private final double[] lambdas;
    private final double[] means;
    private final double[] scales;
    private final long[] counts;

    /** Room for {@code c} fitted channels (the transform checks that they match the names). */
    private YeoJohnsonFit(List<String> channels, int c) {
        this.channels = channels;
        this.lambdas = new double[c];
        this.means = new double[c];
        this.scales = new double[c];
        this.counts = new long[c];
    }

    /** As {@link YeoJohnson#fit}: one transform per column of values. */
    static YeoJohnson columns(List<String> channels, double[][] columns) {
        YeoJohnsonFit fit = new YeoJohnsonFit(channels, columns.length);
        for (int ch = 0; ch < columns.length; ch++) {
            double[] finite = Arrays.stream(columns[ch]).filter(v -> !Double.isNaN(v)).toArray();
            YeoJohnsonLikelihood all = YeoJohnsonLikelihood.of(finite, null);
            fit.channel(ch, all, () -> all);
        }
        return fit.result();
    }

    /** As {@link YeoJohnson#fitImages(List, float[], int, int, int)}: one transform per channel of NCHW images. */
    static YeoJohnson images(List<String> channels, float[] images, int count, int plane, int maxLambdaValues) {
        if (maxLambdaValues < 1) {
            throw new IllegalArgumentException("maxLambdaValues must be at least 1, got " + maxLambdaValues);
        }
        int c = channels.size();
        YeoJohnson.checkImages(images, count, c, plane);
        YeoJohnsonFit fit = new YeoJohnsonFit(channels, c);
        for (int ch = 0; ch < c; ch++) {
            float[] all = finiteValues(images, count, c, plane, ch);
            if (all.length > maxLambdaValues) {
                int k = (all.length + maxLambdaValues - 1) / maxLambdaValues;
                float[] sub = new float[(all.length + k - 1) / k];
                for (int i = 0; i < sub.length; i++) {
                    sub[i] = all[i * k];
                }
                fit.channel(ch, YeoJohnsonLikelihood.of(null, sub), () -> YeoJohnsonLikelihood.of(null, all));
            } else {
                YeoJohnsonLikelihood every = YeoJohnsonLikelihood.of(null, all);
                fit.channel(ch, every, () -> every);
            }
        }
        return fit.result();
    }

    /** The finite values of channel {@code ch} of every image, in NCHW order. */
    private static float[] finiteValues(float[] images, int count, int c, int plane, int ch) {
        float[] values = new float[count * plane];
        IntStream.range(0, count).parallel().forEach(n ->
                System.arraycopy(images, (n * c + ch) * plane, values, n * plane, plane));
        int finite = 0;
        for (float v : values) {
            if (!Float.isNaN(v)) {
                values[finite++] = v;
            }
        }
        return Arrays.copyOf(values, finite);
    }

    /**
     * Fits channel {@code ch}: lambda on {@code forLambda}, the mean and scale on every value.
     *
     * @param every the likelihood of every finite value (made after the lambda search)
     */
    private void channel(int ch, YeoJohnsonLikelihood forLambda, Supplier<YeoJohnsonLikelihood> every) {
        if (forLambda.total() == 0) {
            throw new IllegalArgumentException("channel " + channels.get(ch) + " has no finite value to fit");
        }
        double lambda = forLambda.optimiseLambda();
        YeoJohnsonLikelihood all = every.get();
        double[] meanVar = all.meanVariance(lambda);
        lambdas[ch] = lambda;
        means[ch] = meanVar[0];
        double scale = Math.sqrt(meanVar[1]);
        scales[ch] = scale < 10 * YeoJohnson.EPS ? 1.0 : scale;
        counts[ch] = all.total();
    }

    private YeoJohnson result() {
        return new YeoJohnson(channels, lambdas, means, scales, counts);
    }
}
