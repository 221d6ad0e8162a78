package io.github.segshap.spark.job;

import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.spark.model.ModelFactory;

import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A small nonlinear per-pixel model whose weights live in a {@code .npy} file (so the job ships a
 * real file): {@code out = tanh(sum_c w_c x_c + w_C x_0 x_1)} at every pixel, one output plane.
 */
final class TinyModel implements Model {
    private final double[] w;

    private TinyModel(double[] w) {
        this.w = w;
    }

    /** Writes the weights of a model of {@code channels} inputs. */
    static Path write(Path file, int channels, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = new double[channels + 1];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextDouble(-1.5, 1.5);
        }
        Npy.write(file, w, w.length);
        return file;
    }

    /** The model of a weights file. */
    static TinyModel load(Path file) {
        return new TinyModel(Npy.read(file).toDoubles());
    }

    /** The factory the job ships: loads the weights file on each executor. */
    record Factory() implements ModelFactory {
        @Override
        public Model create(Path file) {
            return load(file);
        }
    }

    @Override
    public OutputShape outputShape(ImageShape input) {
        return OutputShape.of(1, input.height(), input.width());
    }

    @Override
    public double[] predict(ImageBatch batch) {
        ImageShape s = batch.shape();
        int c = s.channels();
        if (c + 1 != w.length) {
            throw new IllegalArgumentException("the model takes " + (w.length - 1) + " channels, not " + c);
        }
        int px = s.pixels();
        double[] v = batch.values();
        double[] out = new double[batch.count() * px];
        for (int n = 0; n < batch.count(); n++) {
            for (int p = 0; p < px; p++) {
                double z = 0;
                for (int ch = 0; ch < c; ch++) {
                    z += w[ch] * v[(n * c + ch) * px + p];
                }
                z += w[c] * v[(n * c) * px + p] * v[(n * c + Math.min(1, c - 1)) * px + p];
                out[n * px + p] = Math.tanh(z);
            }
        }
        return out;
    }

    @Override
    public boolean isThreadSafe() {
        return true;
    }
}
