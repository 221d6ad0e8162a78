package io.github.segshap.salt.prepare.preprocess;

import io.github.segshap.core.padding.BoundaryMode;
import java.util.List;

/**
 * The four input channels of the salt model, in this order: the seismic image itself, energy,
 * gradient-structure-tensor (GST) similarity and Sobel. Each matches the original pipeline's
 * Python call (bruges 0.5.4, SciPy 1.10) to rounding; see {@code shared/reference/attributes}.
 *
 * <p>Images are row-major {@code double[height * width]}; inputs are not modified. The
 * {@link AttributeAxis} says along which image axis the directional attributes run.
 */
public final class Attributes {
    /** Channel names in stack order. */
    public static final List<String> CHANNELS = List.of("seismic", "energy", "gst", "sobel");
    /** Number of channels in a stack. */
    public static final int CHANNEL_COUNT = 4;
    /** Energy window length in samples (bruges {@code duration=5, dt=1}). */
    public static final int ENERGY_WINDOW = 5;
    /** GST window length along the attribute axis (bruges {@code duration=5}). */
    public static final int GST_WINDOW_ALONG = 5;
    /** GST window length across the attribute axis (bruges {@code step_out=3}: 2 * 3 + 1). */
    public static final int GST_WINDOW_ACROSS = 7;
    /** Standard deviation of the Gaussian-derivative gradients of the GST. */
    public static final double GST_SIGMA = 1.0;

    private Attributes() {
    }

    /**
     * The 4-channel stack {@code [seismic, energy, gst, sobel]}, channel-major
     * ({@code [channel * height * width + row * width + column]}).
     */
    public static double[] stack(double[] image, int height, int width, AttributeAxis axis) {
        Filters.checkImage(image, height, width);
        int n = height * width;
        double[] out = new double[CHANNEL_COUNT * n];
        System.arraycopy(image, 0, out, 0, n);
        System.arraycopy(energy(image, height, width, axis), 0, out, n, n);
        System.arraycopy(gst(image, height, width, axis), 0, out, 2 * n, n);
        System.arraycopy(sobel(image, height, width, axis), 0, out, 3 * n, n);
        return out;
    }

    /**
     * Energy, bruges {@code energy(x, duration=5, dt=1)}: the mean of the squared samples over a
     * centred window of 5 along the axis, zeros beyond the edges ({@code np.convolve(x**2,
     * ones(5) / 5, mode='same')} per row for {@link AttributeAxis#HORIZONTAL}, per column for
     * {@link AttributeAxis#VERTICAL}).
     */
    public static double[] energy(double[] image, int height, int width, AttributeAxis axis) {
        Filters.checkImage(image, height, width);
        double[] sq = new double[image.length];
        for (int i = 0; i < sq.length; i++) {
            sq[i] = image[i] * image[i];
        }
        double[] box = new double[ENERGY_WINDOW];
        java.util.Arrays.fill(box, 1.0 / ENERGY_WINDOW);
        return Filters.correlate1d(sq, height, width, axis.arrayAxis(), box, BoundaryMode.ZERO);
    }

    /**
     * Sobel, SciPy {@code sobel(x, axis=-1)} for {@link AttributeAxis#HORIZONTAL} (derivative
     * along columns, smoothing along rows) or {@code sobel(x, axis=0)} for
     * {@link AttributeAxis#VERTICAL}; SciPy {@code 'reflect'} edges.
     */
    public static double[] sobel(double[] image, int height, int width, AttributeAxis axis) {
        return Filters.sobel(image, height, width, axis.arrayAxis(), BoundaryMode.SYMMETRIC);
    }

    /**
     * GST similarity, bruges 0.5.4 {@code similarity(x.reshape(1, H, W), duration=5, dt=1,
     * step_out=3, kind='gst')}:
     * <ol>
     *   <li>gradients along rows and columns by SciPy {@code gaussian_filter1d(sigma=1, order=1,
     *       truncate=4, mode='reflect')} (the singleton axis of the original's volume has gradient 0);</li>
     *   <li>the structure tensor {@code G = sum g g^T} over a window of 5 samples along the
     *       attribute axis and 7 across it (rows x columns: 5 x 7 horizontal, 7 x 5 vertical),
     *       with NumPy {@code pad(mode='reflect')} (edge sample not repeated) at the borders;</li>
     *   <li>the value {@code (l1 - l2) / (l1 + l2)} of the two eigenvalues of G, in [0, 1]: 1 for
     *       perfectly aligned gradients, 0 for isotropic ones.</li>
     * </ol>
     * Where every gradient in the window is 0 (for example everywhere in a constant image)
     * {@code l1 + l2 = 0} and the value is NaN, as in bruges.
     */
    public static double[] gst(double[] image, int height, int width, AttributeAxis axis) {
        Filters.checkImage(image, height, width);
        double[] gr = Filters.gaussianFilter1d(image, height, width, 0, GST_SIGMA, 1, BoundaryMode.SYMMETRIC, 4.0);
        double[] gc = Filters.gaussianFilter1d(image, height, width, 1, GST_SIGMA, 1, BoundaryMode.SYMMETRIC, 4.0);
        int n = image.length;
        double[] a = new double[n];
        double[] b = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = gr[i] * gr[i];
            b[i] = gr[i] * gc[i];
            c[i] = gc[i] * gc[i];
        }
        int rows = axis == AttributeAxis.HORIZONTAL ? GST_WINDOW_ALONG : GST_WINDOW_ACROSS;
        int cols = axis == AttributeAxis.HORIZONTAL ? GST_WINDOW_ACROSS : GST_WINDOW_ALONG;
        double[] sa = windowSum(a, height, width, rows, cols);
        double[] sb = windowSum(b, height, width, rows, cols);
        double[] sc = windowSum(c, height, width, rows, cols);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = similarity(sa[i], sb[i], sc[i]);
        }
        return out;
    }

    /**
     * {@code (l1 - l2) / (l1 + l2)} for the eigenvalues {@code l1 >= l2} of the symmetric
     * positive semi-definite matrix {@code [[a, b], [b, c]]}: {@code sqrt((a - c)^2 + 4 b^2) / (a + c)};
     * NaN when {@code a + c = 0}.
     */
    static double similarity(double a, double b, double c) {
        double trace = a + c;
        if (trace == 0) {
            return Double.NaN;
        }
        double d = a - c;
        return Math.sqrt(d * d + 4 * b * b) / trace;
    }

    /** Sum over a centred {@code rows x cols} window with NumPy-'reflect' (SciPy 'mirror') edges. */
    private static double[] windowSum(double[] v, int height, int width, int rows, int cols) {
        double[] ones = new double[cols];
        java.util.Arrays.fill(ones, 1.0);
        double[] horizontal = Filters.correlate1d(v, height, width, 1, ones, BoundaryMode.MIRROR);
        double[] onesR = new double[rows];
        java.util.Arrays.fill(onesR, 1.0);
        return Filters.correlate1d(horizontal, height, width, 0, onesR, BoundaryMode.MIRROR);
    }
}
