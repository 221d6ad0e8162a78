package io.github.segshap.core.memory;

import io.github.segshap.core.explainers.ExactExplainer;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.masking.BaselineMasker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.players.Players;

/** Explains one 4 x N x N image with a cheap model; run by {@link LargeImageMemoryTest} in a small heap. */
public final class LargeImageMain {
    private LargeImageMain() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        ImageShape shape = new ImageShape(4, n, n);
        int pixels = n * n;
        double[] x = new double[shape.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(i * 1e-3);
        }
        Image image = Image.of(shape, x);
        x = null;
        Model model = Model.perImage(OutputShape.map(n, n), (batch, i, out, offset) -> {
            double[] v = batch.values();
            int first = i * 4 * pixels;
            for (int k = 0; k < pixels; k++) {
                out[offset + k] = v[first + k] * v[first + pixels + k] + 0.5 * v[first + 3 * pixels + k];
            }
        });
        Explanation e = ExactExplainer.builder(model, Players.perChannel(shape), BaselineMasker.zeros()).threads(1)
                .build().explain(image);
        System.out.println("explained " + e.outputShape() + ", max |residual| " + e.maxAbsResidual());
    }
}
