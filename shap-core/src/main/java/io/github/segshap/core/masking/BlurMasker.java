package io.github.segshap.core.masking;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;

import java.util.List;

/**
 * Masking by blurring: an absent region takes a Gaussian blur of the explained image itself
 * (each channel separately, edges mirrored), so removing a player removes its detail but keeps
 * its local level. The base value therefore depends on the image.
 */
public final class BlurMasker implements Masker {
    private final double sigma;

    private BlurMasker(double sigma) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("blur sigma must be finite and > 0, got " + sigma);
        }
        this.sigma = sigma;
    }

    /** A Gaussian blur with standard deviation {@code sigma} pixels (kernel radius 4 sigma). */
    public static BlurMasker gaussian(double sigma) {
        return new BlurMasker(sigma);
    }

    /** The blur's standard deviation in pixels. */
    public double sigma() {
        return sigma;
    }

    @Override
    public Replacements replacementsFor(Image image) {
        return Replacements.uniform(List.of(blur(image)));
    }

    /** The image blurred channel by channel with this masker's Gaussian. */
    public Image blur(Image image) {
        ImageShape s = image.shape();
        int radius = Math.max(1, (int) (4 * sigma + 0.5));
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        double[] in = image.toArray();
        double[] tmp = new double[in.length];
        double[] out = new double[in.length];
        int h = s.height();
        int w = s.width();
        for (int c = 0; c < s.channels(); c++) {
            int base = c * s.pixels();
            for (int r = 0; r < h; r++) {
                for (int col = 0; col < w; col++) {
                    double acc = 0;
                    for (int k = -radius; k <= radius; k++) {
                        acc += kernel[k + radius] * in[base + r * w + mirror(col + k, w)];
                    }
                    tmp[base + r * w + col] = acc;
                }
            }
            for (int r = 0; r < h; r++) {
                for (int col = 0; col < w; col++) {
                    double acc = 0;
                    for (int k = -radius; k <= radius; k++) {
                        acc += kernel[k + radius] * tmp[base + mirror(r + k, h) * w + col];
                    }
                    out[base + r * w + col] = acc;
                }
            }
        }
        return Image.of(s, out);
    }

    /** Index reflected about the edges, edge sample repeated (SciPy's "reflect"). */
    private static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }

    @Override
    public boolean isImageIndependent() {
        return false;
    }
}
