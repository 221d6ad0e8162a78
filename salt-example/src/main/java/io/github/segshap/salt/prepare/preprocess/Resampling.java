package io.github.segshap.salt.prepare.preprocess;

import io.github.segshap.core.padding.BoundaryMode;

/**
 * Changes of image size: decimation by an integer step and scikit-image's anti-aliased
 * {@code resize}.
 *
 * <p>Images are row-major {@code double[height * width]}; inputs are not modified.
 */
public final class Resampling {
    /** SciPy's default Gaussian truncation, in standard deviations. */
    private static final double TRUNCATE = 4.0;

    private Resampling() {
    }

    /**
     * Every {@code step}-th sample in both axes starting at (0, 0), NumPy's {@code image[::step, ::step]}:
     * a {@code h x w} image becomes {@code ceil(h / step) x ceil(w / step)} (101 -> 51, 48 -> 24
     * for step 2).
     */
    public static double[] decimate(double[] image, int height, int width, int step) {
        Filters.checkImage(image, height, width);
        if (step < 1) {
            throw new IllegalArgumentException("decimation step must be at least 1, got " + step);
        }
        int h = decimatedSize(height, step);
        int w = decimatedSize(width, step);
        double[] out = new double[h * w];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                out[r * w + c] = image[r * step * width + c * step];
            }
        }
        return out;
    }

    /** The length of an axis of {@code length} samples after {@link #decimate}: {@code ceil(length / step)}. */
    public static int decimatedSize(int length, int step) {
        return (length + step - 1) / step;
    }

    /**
     * scikit-image 0.19 {@code resize(image, (outHeight, outWidth), order=1, mode='reflect',
     * anti_aliasing=True, clip=True, preserve_range=True)} of a 2-D float image.
     *
     * <p>Steps, as scikit-image and SciPy perform them:
     * <ol>
     *   <li>anti-aliasing: a Gaussian filter with {@code sigma = max(0, (in / out - 1) / 2)} per
     *       axis, kernel radius {@code (int) (4 * sigma + 0.5)}, edges in SciPy's {@code 'mirror'}
     *       mode (scikit-image's {@code 'reflect'}); an axis with {@code sigma <= 1e-15} is not
     *       filtered. For 51 -> 48 sigma is 0.03125 and the radius 0, so nothing is smoothed;</li>
     *   <li>SciPy {@code zoom(order=1, mode='mirror', grid_mode=True)}: output sample {@code o}
     *       takes the input at coordinate {@code t = (o + 0.5) * in / out - 0.5}, mirrored into
     *       {@code [0, in - 1]} when outside, by bilinear interpolation
     *       {@code sum_ab v[a][b] * wr[a] * wc[b]};</li>
     *   <li>clip to the minimum and maximum of the input image.</li>
     * </ol>
     * With the values not rescaled (float input, as in the original pipeline).
     *
     * @return a new {@code outHeight x outWidth} image
     */
    public static double[] resize(double[] image, int height, int width, int outHeight, int outWidth) {
        Filters.checkImage(image, height, width);
        if (outHeight < 1 || outWidth < 1) {
            throw new IllegalArgumentException("output size must be positive, got " + outHeight + " x " + outWidth);
        }
        double fr = (double) height / outHeight;
        double fc = (double) width / outWidth;
        double[] filtered = Filters.gaussianFilter(image, height, width, Math.max(0, (fr - 1) / 2),
                Math.max(0, (fc - 1) / 2), BoundaryMode.MIRROR, TRUNCATE);
        int[] r0 = new int[outHeight];
        int[] r1 = new int[outHeight];
        double[] wr0 = new double[outHeight];
        double[] wr1 = new double[outHeight];
        linearTaps(height, outHeight, r0, r1, wr0, wr1);
        int[] c0 = new int[outWidth];
        int[] c1 = new int[outWidth];
        double[] wc0 = new double[outWidth];
        double[] wc1 = new double[outWidth];
        linearTaps(width, outWidth, c0, c1, wc0, wc1);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : image) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double[] out = new double[outHeight * outWidth];
        for (int o = 0; o < outHeight; o++) {
            int a0 = r0[o] * width;
            int a1 = r1[o] * width;
            for (int p = 0; p < outWidth; p++) {
                double t = 0;
                t += filtered[a0 + c0[p]] * wr0[o] * wc0[p];
                t += filtered[a0 + c1[p]] * wr0[o] * wc1[p];
                t += filtered[a1 + c0[p]] * wr1[o] * wc0[p];
                t += filtered[a1 + c1[p]] * wr1[o] * wc1[p];
                out[o * outWidth + p] = Math.min(max, Math.max(min, t));
            }
        }
        return out;
    }

    /** Linear-spline taps of SciPy's grid-mode zoom with mirrored edges. */
    private static void linearTaps(int in, int out, int[] i0, int[] i1, double[] w0, double[] w1) {
        double zoom = (double) in / out;
        for (int o = 0; o < out; o++) {
            double t = (o + 0.5) * zoom - 0.5;
            t = mirrorCoordinate(t, in);
            int start = (int) Math.floor(t);
            double f = t - start;
            i0[o] = BoundaryMode.MIRROR.index(start, in);
            i1[o] = BoundaryMode.MIRROR.index(start + 1, in);
            w0[o] = 1 - f;
            w1[o] = f;
        }
    }

    /** SciPy's {@code map_coordinate} for the mirror mode: folds {@code t} into {@code [0, n - 1]}. */
    private static double mirrorCoordinate(double t, int n) {
        if (n <= 1) {
            return 0;
        }
        double period = 2.0 * n - 2;
        if (t < 0 || t > n - 1) {
            double k = t - period * Math.floor(t / period);
            t = k <= n - 1 ? k : period - k;
        }
        return t;
    }
}
