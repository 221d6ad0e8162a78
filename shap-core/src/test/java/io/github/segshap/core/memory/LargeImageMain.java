package io.github.segshap.core.memory;

import io.github.segshap.core.explainers.ExactExplainer;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.masking.BaselineMasker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.players.Players;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Explains one 4 x N x N image with a cheap model on T threads; run by {@link LargeImageMemoryTest}
 * in a small heap. {@code args}: N [T [W]], T = 1 by default; W = working memory per image in MiB
 * (0 by default): the model then allocates W MiB per image in each call, as a network's activations
 * do, says so in {@link Model#bytesPerImage}, and counts the calls that run at once (printed last).
 */
public final class LargeImageMain {
    private LargeImageMain() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        long work = args.length > 2 ? Long.parseLong(args[2]) << 20 : 0;
        ImageShape shape = new ImageShape(4, n, n);
        int pixels = n * n;
        double[] x = new double[shape.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(i * 1e-3);
        }
        Image image = Image.of(shape, x);
        x = null;
        Model cheap = Model.perImage(OutputShape.map(n, n), (batch, i, out, offset) -> {
            double[] v = batch.values();
            int first = i * 4 * pixels;
            for (int k = 0; k < pixels; k++) {
                out[offset + k] = v[first + k] * v[first + pixels + k] + 0.5 * v[first + 3 * pixels + k];
            }
        });
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Model model = work == 0 ? cheap : new Model() {
            @Override
            public OutputShape outputShape(ImageShape input) {
                return cheap.outputShape(input);
            }

            @Override
            public double[] predict(ImageBatch batch) {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                long[] activations = new long[(int) (batch.count() * work / 8)];
                activations[activations.length - 1] = 1;
                double[] out = cheap.predict(batch);
                out[0] += activations[activations.length - 1] - 1; // kept live for the whole call
                running.decrementAndGet();
                return out;
            }

            @Override
            public boolean isThreadSafe() {
                return true;
            }

            @Override
            public long bytesPerImage(ImageShape input) {
                return cheap.bytesPerImage(input) + work;
            }
        };
        Explanation e = ExactExplainer.builder(model, Players.perChannel(shape), BaselineMasker.zeros()).threads(threads)
                .build().explain(image);
        System.out.println("explained " + e.outputShape() + ", calls at once " + mostAtOnce.get() + ", max |residual| "
                + e.maxAbsResidual());
    }
}
