package io.github.segshap.core.explainers;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.masking.BackgroundMasker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.players.ChannelGroups;
import io.github.segshap.core.players.PixelRegions;
import io.github.segshap.core.players.Players;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Same seed, same numbers, whatever the thread count and batch size. */
class DeterminismTest {
    private static final ImageShape SHAPE = new ImageShape(2, 6, 6);
    private static final Model MODEL = Model.perImage(OutputShape.map(6, 6), (batch, n, dest, off) -> {
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 6; c++) {
                double a = batch.get(n, 0, r, c);
                double b = batch.get(n, 1, r, (c + 1) % 6);
                dest[off + r * 6 + c] = Math.tanh(a * b + 0.3 * a - b);
            }
        }
    });

    private static Image random(SplittableRandom r) {
        double[] v = new double[SHAPE.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(-1, 1);
        }
        return Image.of(SHAPE, v);
    }

    private static void assertSame(Explanation a, Explanation b) {
        assertArrayEquals(a.baseValues(), b.baseValues(), 0.0);
        for (int p = 0; p < a.players(); p++) {
            assertArrayEquals(a.values(p), b.values(p), 0.0, "player " + p);
        }
    }

    @Test
    void oneThreadAndFourThreadsGiveIdenticalValues() {
        SplittableRandom r = new SplittableRandom(7);
        List<Image> bg = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            bg.add(random(r));
        }
        Image x = random(r);
        Players players = Players.of(SHAPE, ChannelGroups.perChannel(2), PixelRegions.grid(6, 6, 2, 2));
        BackgroundMasker masker = BackgroundMasker.of(bg);
        List<Function<Integer, Explainer>> explainers = List.of(
                t -> ExactExplainer.builder(MODEL, players, masker).threads(t).memoryBudget(t * 3000L).build(),
                t -> KernelExplainer.builder(MODEL, players, masker).budget(60).seed(3).threads(t).memoryBudget(t * 5000L).build(),
                t -> PermutationExplainer.builder(MODEL, players, masker).permutations(4).seed(3).threads(t).build(),
                t -> PartitionExplainer.builder(MODEL, players, masker).clusterOn(bg).threads(t).build());
        for (Function<Integer, Explainer> make : explainers) {
            assertSame(make.apply(1).explain(x), make.apply(4).explain(x));
        }
    }

    @Test
    void theSeedMattersForSamplingExplainers() {
        SplittableRandom r = new SplittableRandom(8);
        List<Image> bg = List.of(random(r), random(r));
        Image x = random(r);
        Players players = Players.of(SHAPE, ChannelGroups.perChannel(2), PixelRegions.grid(6, 6, 2, 2));
        Explanation a = KernelExplainer.builder(MODEL, players, BackgroundMasker.of(bg)).budget(40).seed(1).build().explain(x);
        Explanation b = KernelExplainer.builder(MODEL, players, BackgroundMasker.of(bg)).budget(40).seed(1).build().explain(x);
        Explanation c = KernelExplainer.builder(MODEL, players, BackgroundMasker.of(bg)).budget(40).seed(2).build().explain(x);
        assertSame(a, b);
        assertNotEquals(a.value(0, 0), c.value(0, 0));
    }
}
