package io.github.segshap.core.sections;

import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;

import java.util.Random;

/**
 * A translation-equivariant test model: one output map {@code tanh(bias + sum_c (k_c * x_c))}, a
 * {@code (2r+1) x (2r+1)} convolution per channel with zero padding ("same" size), on images of
 * any size. Away from an image's border (farther than {@code r}) its output at a sample depends
 * only on the samples around it, wherever the image was cut.
 */
final class Convolution implements Model {
    private final int channels;
    private final int radius;
    private final double[] kernel;
    private final double bias;

    Convolution(int channels, int radius, long seed) {
        this.channels = channels;
        this.radius = radius;
        int side = 2 * radius + 1;
        Random r = new Random(seed);
        this.kernel = new double[channels * side * side];
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = 0.3 * r.nextGaussian();
        }
        this.bias = 0.1;
    }

    int radius() {
        return radius;
    }

    @Override
    public OutputShape outputShape(ImageShape input) {
        return OutputShape.map(input.height(), input.width());
    }

    @Override
    public boolean isThreadSafe() {
        return true;
    }

    @Override
    public double[] predict(ImageBatch batch) {
        ImageShape s = batch.shape();
        if (s.channels() != channels) {
            throw new IllegalArgumentException(s.channels() + " channels for a convolution of " + channels);
        }
        int h = s.height();
        int w = s.width();
        int side = 2 * radius + 1;
        double[] out = new double[batch.count() * h * w];
        for (int n = 0; n < batch.count(); n++) {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    double v = bias;
                    for (int ch = 0; ch < channels; ch++) {
                        for (int dr = -radius; dr <= radius; dr++) {
                            int rr = r + dr;
                            if (rr < 0 || rr >= h) {
                                continue;
                            }
                            for (int dc = -radius; dc <= radius; dc++) {
                                int cc = c + dc;
                                if (cc >= 0 && cc < w) {
                                    v += kernel[(ch * side + dr + radius) * side + dc + radius]
                                            * batch.get(n, ch, rr, cc);
                                }
                            }
                        }
                    }
                    out[(n * h + r) * w + c] = Math.tanh(v);
                }
            }
        }
        return out;
    }
}
