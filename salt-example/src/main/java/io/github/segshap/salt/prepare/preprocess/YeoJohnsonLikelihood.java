package io.github.segshap.salt.prepare.preprocess;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
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
 * The Yeo-Johnson likelihood of one channel's finite values, as {@link YeoJohnsonFit} maximises it:
 * the values are kept as {@code sign(x) log(1 + |x|)}, de-duplicated with counts when that pays
 * (quantised data: 8-bit images, integer Sobel values), which gives the same likelihood faster.
 * Sums are merged over fixed chunks in order, so results do not depend on the number of threads.
 */
final class YeoJohnsonLikelihood {
    /** Values per chunk of the parallel mean and variance. */
    private static final int CHUNK = 1 << 14;
    /** Below this share of distinct values in a sample, values are de-duplicated. */
    private static final double DEDUPLICATE_BELOW = 0.25;
    private static final int SAMPLE = 1 << 16;
    private final double[] signedLogs;
    private final double[] weights; // null: every weight is 1
    private final long total;
    private final double signedLogSum;

    private YeoJohnsonLikelihood(double[] signedLogs, double[] weights, long total) {
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
    static YeoJohnsonLikelihood of(double[] doubles, float[] floats) {
        int n = doubles != null ? doubles.length : floats.length;
        IntToDoubleFunction get = doubles != null ? i -> doubles[i] : i -> floats[i];
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
            return new YeoJohnsonLikelihood(logs, Arrays.copyOf(w, k), n);
        }
        double[] logs = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> logs[i] = signedLog(get.applyAsDouble(i)));
        return new YeoJohnsonLikelihood(logs, null, n);
    }

    /** How many finite values there are (counted with their repeats). */
    long total() {
        return total;
    }

    private static boolean fewDistinct(IntToDoubleFunction get, int n) {
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
        return x >= 0 ? YeoJohnson.log1p(x) : -YeoJohnson.log1p(-x);
    }

    /** psi from {@code sign(x) log1p(|x|)} (its sign is the sign of x). */
    private static double psiFromLog(double sl, double lambda) {
        if (sl >= 0) {
            return Math.abs(lambda) < YeoJohnson.EPS ? sl : (Math.exp(lambda * sl) - 1) / lambda;
        }
        return Math.abs(lambda - 2) > YeoJohnson.EPS ? -(Math.exp(-(2 - lambda) * sl) - 1) / (2 - lambda) : sl;
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

    /** {@code n/2 log var(psi(x)) - (lambda - 1) sum sign(x) log(1 + |x|)}; a vanishing variance is the largest value. */
    double negativeLogLikelihood(double lambda) {
        double var = meanVariance(lambda)[1];
        if (!(var >= Double.MIN_NORMAL)) {
            return Double.MAX_VALUE;
        }
        return total / 2.0 * Math.log(var) - (lambda - 1) * signedLogSum;
    }

    /**
     * The lambda minimising {@link #negativeLogLikelihood}: Brent's method started from the
     * bracket (-2, 2), which may grow (SciPy's {@code brent(brack=(-2, 2))}).
     */
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
