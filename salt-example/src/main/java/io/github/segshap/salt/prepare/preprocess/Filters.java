package io.github.segshap.salt.prepare.preprocess;

import io.github.segshap.core.padding.BoundaryMode;
import java.util.Arrays;

/**
 * One-dimensional filters along an axis of a 2-D image, computed as SciPy's {@code ndimage}
 * computes them ({@code correlate1d}, {@code gaussian_filter1d}, {@code sobel}), including the
 * order of the arithmetic for symmetric and antisymmetric kernels, so results agree with SciPy to
 * rounding.
 *
 * <p>Images are row-major {@code double[height * width]}; {@code axis} 0 runs down the rows
 * (depth) and 1 along the columns. Inputs are not modified.
 */
public final class Filters {
    private Filters() {
    }

    /**
     * SciPy {@code correlate1d(input, weights, axis, mode=mode, origin=0)}:
     * {@code out[i] = sum_j weights[j] * in[i + j - weights.length / 2]} along {@code axis}.
     *
     * @param image   row-major image; not modified
     * @param height  number of rows
     * @param width   number of columns
     * @param axis    0 (along rows, i.e. vertical) or 1 (along columns, horizontal)
     * @param weights the kernel, not reversed (correlation, not convolution)
     * @param mode    how samples beyond the edges are taken
     * @return a new image
     */
    public static double[] correlate1d(double[] image, int height, int width, int axis, double[] weights,
                                       BoundaryMode mode) {
        checkImage(image, height, width);
        if (axis != 0 && axis != 1) {
            throw new IllegalArgumentException("axis must be 0 or 1, got " + axis);
        }
        if (weights.length == 0) {
            throw new IllegalArgumentException("empty kernel");
        }
        int size1 = weights.length / 2;
        int size2 = weights.length - size1 - 1;
        int symmetric = symmetry(weights);
        int length = axis == 0 ? height : width;
        int lines = axis == 0 ? width : height;
        int lineStride = axis == 0 ? 1 : width;
        int step = axis == 0 ? width : 1;
        double[] out = new double[image.length];
        double[] line = new double[length + size1 + size2];
        for (int l = 0; l < lines; l++) {
            int base = l * lineStride;
            for (int k = -size1; k < length + size2; k++) {
                int idx = mode.index(k, length);
                line[k + size1] = idx < 0 ? 0.0 : image[base + idx * step];
            }
            for (int i = 0; i < length; i++) {
                int c = i + size1; // centre of the kernel in the extended line
                double v;
                if (symmetric > 0) {
                    v = line[c] * weights[size1];
                    for (int j = -size1; j < 0; j++) {
                        v += (line[c + j] + line[c - j]) * weights[size1 + j];
                    }
                } else if (symmetric < 0) {
                    v = line[c] * weights[size1];
                    for (int j = -size1; j < 0; j++) {
                        v += (line[c + j] - line[c - j]) * weights[size1 + j];
                    }
                } else {
                    v = line[c + size2] * weights[size1 + size2];
                    for (int j = -size1; j < size2; j++) {
                        v += line[c + j] * weights[size1 + j];
                    }
                }
                out[base + i * step] = v;
            }
        }
        return out;
    }

    /** 1 symmetric, -1 antisymmetric, 0 neither, tested as SciPy does (odd sizes, DBL_EPSILON). */
    private static int symmetry(double[] w) {
        if ((w.length & 1) == 0) {
            return 0;
        }
        int c = w.length / 2;
        boolean sym = true;
        for (int i = 1; i <= c; i++) {
            if (Math.abs(w[c + i] - w[c - i]) > Math.ulp(1.0)) {
                sym = false;
                break;
            }
        }
        if (sym) {
            return 1;
        }
        for (int i = 1; i <= c; i++) {
            if (Math.abs(w[c + i] + w[c - i]) > Math.ulp(1.0)) {
                return 0;
            }
        }
        return -1;
    }

    /**
     * SciPy's {@code _gaussian_kernel1d(sigma, order, radius)}: a sampled Gaussian normalised to
     * sum 1, times its derivative polynomial for {@code order > 0}, at offsets
     * {@code -radius..radius} (not yet reversed).
     *
     * @param sigma  standard deviation, positive
     * @param order  0 (smoothing) or 1 (first derivative)
     * @param radius half width, at least 0
     */
    public static double[] gaussianKernel(double sigma, int order, int radius) {
        if (!(sigma > 0) || order < 0 || order > 1 || radius < 0) {
            throw new IllegalArgumentException("need sigma > 0, order 0 or 1 and radius >= 0; got sigma " + sigma
                    + ", order " + order + ", radius " + radius);
        }
        double c = -0.5 / (sigma * sigma);
        double[] phi = new double[2 * radius + 1];
        double sum = 0;
        for (int i = 0; i < phi.length; i++) {
            double x = i - radius;
            phi[i] = Math.exp(c * x * x);
            sum += phi[i];
        }
        for (int i = 0; i < phi.length; i++) {
            phi[i] /= sum;
        }
        if (order == 1) {
            double d = 2 * c; // derivative of c x^2 is 2 c x = -x / sigma^2
            for (int i = 0; i < phi.length; i++) {
                phi[i] *= d * (i - radius);
            }
        }
        return phi;
    }

    /**
     * SciPy {@code gaussian_filter1d(input, sigma, axis, order, mode=mode, truncate=truncate)}:
     * the kernel radius is {@code (int) (truncate * sigma + 0.5)}.
     *
     * @param order 0 smooths; 1 gives the Gaussian-derivative gradient (positive for values
     *              increasing along the axis)
     */
    public static double[] gaussianFilter1d(double[] image, int height, int width, int axis, double sigma,
                                            int order, BoundaryMode mode, double truncate) {
        int radius = (int) (truncate * sigma + 0.5);
        double[] k = gaussianKernel(sigma, order, radius);
        double[] reversed = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            reversed[i] = k[k.length - 1 - i];
        }
        return correlate1d(image, height, width, axis, reversed, mode);
    }

    /**
     * SciPy {@code gaussian_filter(input, sigma, mode=mode, truncate=truncate)} on a 2-D image:
     * {@link #gaussianFilter1d} along axis 0 then axis 1, skipping an axis whose sigma is at most
     * 1e-15 (as SciPy does). Returns a copy when no axis is filtered.
     */
    public static double[] gaussianFilter(double[] image, int height, int width, double sigmaRows,
                                          double sigmaColumns, BoundaryMode mode, double truncate) {
        checkImage(image, height, width);
        double[] out = image;
        if (sigmaRows > 1e-15) {
            out = gaussianFilter1d(out, height, width, 0, sigmaRows, 0, mode, truncate);
        }
        if (sigmaColumns > 1e-15) {
            out = gaussianFilter1d(out, height, width, 1, sigmaColumns, 0, mode, truncate);
        }
        return out == image ? Arrays.copyOf(image, image.length) : out;
    }

    /**
     * SciPy {@code sobel(input, axis=axis, mode=mode)}: the derivative {@code [-1, 0, 1]} along
     * {@code axis}, then the smoothing {@code [1, 2, 1]} along the other axis.
     */
    public static double[] sobel(double[] image, int height, int width, int axis, BoundaryMode mode) {
        double[] d = correlate1d(image, height, width, axis, new double[] {-1, 0, 1}, mode);
        return correlate1d(d, height, width, 1 - axis, new double[] {1, 2, 1}, mode);
    }

    static void checkImage(double[] image, int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + height + " x " + width);
        }
        if (image.length != height * width) {
            throw new IllegalArgumentException("a " + height + " x " + width + " image needs " + height * width
                    + " values, got " + image.length);
        }
    }
}
