package io.github.segshap.core.explainers;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.masking.BackgroundMasker;
import io.github.segshap.core.masking.Masker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.players.Players;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A random small game for property tests: M channels of a 1 x 3 image, one player per channel, a
 * random nonlinear per-pixel model with pairwise interactions, 3 random background rows.
 */
final class RandomGame {
    final int m;
    final ImageShape shape;
    final double[] linear;
    final double[][] pairs;
    final double[] squares;
    final Image image;
    final List<Image> background = new ArrayList<>();

    RandomGame(int m, long seed) {
        this.m = m;
        this.shape = new ImageShape(m, 1, 3);
        SplittableRandom r = new SplittableRandom(seed);
        linear = new double[m];
        squares = new double[m];
        pairs = new double[m][m];
        for (int i = 0; i < m; i++) {
            linear[i] = r.nextDouble(-2, 2);
            squares[i] = r.nextDouble(-1, 1);
            for (int j = i + 1; j < m; j++) {
                pairs[i][j] = r.nextDouble(-1.5, 1.5);
            }
        }
        image = randomImage(r);
        for (int b = 0; b < 3; b++) {
            background.add(randomImage(r));
        }
    }

    private Image randomImage(SplittableRandom r) {
        double[] v = new double[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(-1, 1);
        }
        return Image.of(shape, v);
    }

    Players players() {
        return Players.perChannel(shape);
    }

    Masker masker() {
        return BackgroundMasker.of(background);
    }

    /** The model, scaled by {@code scale}, ignoring the channels in {@code ignored}. */
    Model model(double scale, int... ignored) {
        boolean[] skip = new boolean[m];
        for (int i : ignored) {
            skip[i] = true;
        }
        return Model.perImage(OutputShape.map(1, 3), (batch, n, dest, off) -> {
            for (int px = 0; px < 3; px++) {
                double[] x = new double[m];
                for (int c = 0; c < m; c++) {
                    x[c] = skip[c] ? 0 : batch.get(n, c, 0, px);
                }
                dest[off + px] = scale * value(x, px);
            }
        });
    }

    Model model() {
        return model(1.0);
    }

    double value(double[] x, int px) {
        double s = 0.1 * px;
        for (int i = 0; i < m; i++) {
            s += linear[i] * x[i] + squares[i] * x[i] * x[i];
            for (int j = i + 1; j < m; j++) {
                s += pairs[i][j] * x[i] * x[j];
            }
        }
        return Math.tanh(s) + 0.3 * s;
    }
}
