package io.github.segshap.core.learned;

import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.segmentation.ExplainerKind;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.segmentation.ImageExplainer;
import io.github.segshap.core.testing.GaussianImages;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A per-pixel linear model {@code f(x)(p) = b + sum_c w_c x_c(p)} with channel players, whose Shapley
 * value of channel c at pixel p is known in closed form: {@code w_c (x_c(p) - mean_b x_c(p))} over the
 * background rows b (constant rows here, see {@link #constantRows}). Shared by the learned explainer's tests.
 */
public final class LinearGame {
    /** The model's fingerprint in the tests. */
    public static final String MODEL = "sha256:linear-model";
    public final double[] weights;
    public final double bias;
    public final ImageShape shape;
    public final List<Image> background;

    public LinearGame(ImageShape shape, long seed) {
        Random r = new Random(seed);
        this.shape = shape;
        this.weights = new double[shape.channels()];
        for (int c = 0; c < weights.length; c++) {
            weights[c] = r.nextGaussian();
        }
        this.bias = r.nextGaussian();
        this.background = constantRows(6, seed + 1);
    }

    /**
     * Background rows constant over the pixels (one random value per row and channel), so the base
     * value and the Shapley values' offset are the same at every pixel: the values are then a
     * translation-invariant affine function of the input, which a convolutional network can represent.
     */
    private List<Image> constantRows(int count, long seed) {
        Random r = new Random(seed);
        List<Image> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] v = new double[shape.size()];
            for (int c = 0; c < shape.channels(); c++) {
                java.util.Arrays.fill(v, c * shape.pixels(), (c + 1) * shape.pixels(), r.nextGaussian());
            }
            out.add(Image.of(shape, v));
        }
        return out;
    }

    /** The model, thread-safe. */
    public Model model() {
        int hw = shape.pixels();
        return Model.perImage(OutputShape.of(1, shape.height(), shape.width()), (batch, n, dest, off) -> {
            double[] v = batch.values();
            int base = n * shape.size();
            for (int p = 0; p < hw; p++) {
                double s = bias;
                for (int c = 0; c < weights.length; c++) {
                    s += weights[c] * v[base + c * hw + p];
                }
                dest[off + p] = s;
            }
        });
    }

    /** {@code count} images of standard normal values. */
    public List<Image> images(int count, long seed) {
        return GaussianImages.of(count, shape, seed);
    }

    /** The exact options: channel players, this background, the model's fingerprint, one thread. */
    public ExplanationOptions exactOptions() {
        return ExplanationOptions.builder().explainer(ExplainerKind.EXACT).background(background).threads(1)
                .model("linear", MODEL).build();
    }

    /** Exact explanations of {@code images}. */
    public Explanations exact(List<String> ids, List<Image> images) {
        return ImageExplainer.of(model(), exactOptions()).explain(ids, images);
    }

    /** The closed-form Shapley value of channel c at flat pixel p. */
    public double shapley(Image x, int c, int p) {
        double mean = 0;
        for (Image b : background) {
            mean += b.valueAt(c * shape.pixels() + p);
        }
        mean /= background.size();
        return weights[c] * (x.valueAt(c * shape.pixels() + p) - mean);
    }
}
