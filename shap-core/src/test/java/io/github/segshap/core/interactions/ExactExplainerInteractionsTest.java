package io.github.segshap.core.interactions;

import io.github.segshap.core.explainers.ExactExplainer;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.masking.BackgroundMasker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.players.Players;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interaction maps of a small model explained by {@link ExactExplainer}, against the brute-force
 * formulas over the same model's coalition values (masked images built here, one by one), at no
 * extra model call.
 */
class ExactExplainerInteractionsTest {
    private static final int WIDTH = 5;

    /** M channels of a 1 x 5 image; a per-pixel model with products of channels and a nonlinearity. */
    private static final class SmallModel {
        final int m;
        final ImageShape shape;
        final double[][] pair;
        final AtomicLong images = new AtomicLong();

        SmallModel(int m, long seed) {
            this.m = m;
            this.shape = new ImageShape(m, 1, WIDTH);
            SplittableRandom r = new SplittableRandom(seed);
            pair = new double[m][m];
            for (int i = 0; i < m; i++) {
                for (int j = i; j < m; j++) {
                    pair[i][j] = r.nextDouble(-1, 1);
                }
            }
        }

        double f(double[] x, int px) {
            double s = 0.05 * px;
            for (int i = 0; i < m; i++) {
                for (int j = i; j < m; j++) {
                    s += pair[i][j] * x[i] * (i == j ? 1 : x[j]);
                }
            }
            return Math.tanh(s) + 0.2 * s * s;
        }

        Model model() {
            return Model.perImage(OutputShape.map(1, WIDTH), (batch, n, dest, off) -> {
                if (n == 0) {
                    images.addAndGet(batch.count());
                }
                double[] x = new double[m];
                for (int px = 0; px < WIDTH; px++) {
                    for (int c = 0; c < m; c++) {
                        x[c] = batch.get(n, c, 0, px);
                    }
                    dest[off + px] = f(x, px);
                }
            });
        }
    }

    private static Image random(ImageShape shape, SplittableRandom r) {
        double[] v = new double[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(-1.5, 1.5);
        }
        return Image.of(shape, v);
    }

    /** v(S) at every output: the mean over the background rows of f(x on S, row elsewhere). */
    private static double[][] table(SmallModel g, Image image, List<Image> background) {
        double[][] t = new double[1 << g.m][WIDTH];
        for (int s = 0; s < 1 << g.m; s++) {
            for (Image row : background) {
                for (int px = 0; px < WIDTH; px++) {
                    double[] x = new double[g.m];
                    for (int c = 0; c < g.m; c++) {
                        x[c] = ((s >> c & 1) != 0 ? image : row).get(c, 0, px);
                    }
                    t[s][px] += g.f(x, px) / background.size();
                }
            }
        }
        return t;
    }

    @Property(tries = 25)
    void explainerInteractionsEqualBruteForceOverTheSameModel(@ForAll @IntRange(min = 1, max = 6) int m,
                                                             @ForAll long seed) {
        SmallModel g = new SmallModel(m, seed);
        SplittableRandom r = new SplittableRandom(seed + 1);
        Image image = random(g.shape, r);
        List<Image> background = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            background.add(random(g.shape, r));
        }
        Players players = Players.perChannel(g.shape);
        Explanation e = ExactExplainer.builder(g.model(), players, BackgroundMasker.of(background))
                .moebiusDividends(true).threads(1).build().explain(image);
        InteractionMaps maps = e.interactions().orElseThrow();
        assertEquals(players.names(), maps.playerNames());
        double[][] t = table(g, image, background);
        for (int px = 0; px < WIDTH; px++) {
            double[][] want = BruteForce.shapMatrix(t, m, px);
            for (int i = 0; i < m; i++) {
                assertEquals(BruteForce.shapley(t, m, i, px), e.value(i, px), 1e-10, "phi_" + i + " at pixel " + px);
                for (int j = 0; j < m; j++) {
                    assertEquals(want[i][j], maps.value(i, j, px), 1e-10, "Phi_" + i + j + " at pixel " + px);
                }
            }
            assertEquals(e.output(px) - e.baseValue(px), maps.total(px), 1e-10, "sum rule at pixel " + px);
            for (int s = 0; s < 1 << m; s++) {
                assertEquals(BruteForce.moebius(t, s, px), maps.moebiusDividend(s)[px], 1e-10,
                        "dividend of " + s + " at pixel " + px);
            }
        }
        double[][] map = maps.pairMap(0, m - 1, 0);
        assertEquals(1, map.length);
        assertEquals(maps.value(0, m - 1, WIDTH - 1), map[0][WIDTH - 1], 0.0);
    }

    @Test
    void interactionsCostNoExtraModelCallAndAreOptIn() {
        SmallModel g = new SmallModel(4, 7);
        SplittableRandom r = new SplittableRandom(8);
        Image image = random(g.shape, r);
        List<Image> background = List.of(random(g.shape, r), random(g.shape, r));
        Players players = Players.perChannel(g.shape);
        Model model = g.model();
        Explanation plain = ExactExplainer.builder(model, players, BackgroundMasker.of(background)).threads(1).build()
                .explain(image);
        long plainImages = g.images.getAndSet(0);
        Explanation with = ExactExplainer.builder(model, players, BackgroundMasker.of(background))
                .interactions(true).threads(1).build().explain(image);
        long withImages = g.images.get();
        assertTrue(plainImages > 0, "the model was called");
        assertEquals(plainImages, withImages, "masked images predicted with and without interactions");
        assertEquals(plain.modelEvaluations(), with.modelEvaluations());
        assertFalse(plain.interactions().isPresent(), "interactions are opt-in");
        InteractionMaps maps = with.interactions().orElseThrow();
        assertFalse(maps.hasMoebiusDividends());
        for (int p = 0; p < 4; p++) {
            for (int k = 0; k < WIDTH; k++) {
                assertEquals(plain.value(p, k), with.value(p, k), 0.0, "the values do not change");
                double row = 0;
                for (int j = 0; j < 4; j++) {
                    row += maps.value(p, j, k);
                }
                assertEquals(with.value(p, k), row, 1e-12, "row " + p + " of the matrix sums to phi_" + p);
            }
        }
    }

    @Test
    void moebiusDividendsOfTooManyPlayersAreRefused() {
        ImageShape shape = new ImageShape(9, 1, 1);
        Model model = Model.perImage(OutputShape.map(1, 1), (batch, n, dest, off) -> dest[off] = batch.get(n, 0, 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExactExplainer.builder(model, Players.perChannel(shape),
                        BackgroundMasker.of(List.of(Image.of(shape, new double[9])))).moebiusDividends(true).build());
        assertTrue(e.getMessage().contains("9 players") && e.getMessage().contains("at most 8"), e.getMessage());
    }
}
