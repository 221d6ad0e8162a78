package io.github.segshap.core.evaluation;

import io.github.segshap.core.explainers.ExactExplainer;
import io.github.segshap.core.explainers.Explainer;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.masking.BackgroundMasker;
import io.github.segshap.core.masking.Replacements;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.players.Players;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoalitionEvaluatorTest {
    private static final ImageShape SHAPE = new ImageShape(3, 2, 2);

    private static Image constant(double v) {
        double[] a = new double[SHAPE.size()];
        java.util.Arrays.fill(a, v);
        return Image.of(SHAPE, a);
    }

    @Test
    void valueIsTheWeightedMeanOverBackgroundRows() {
        AtomicLong images = new AtomicLong();
        Model m = Model.perImage(OutputShape.of(1), (batch, n, dest, off) -> {
            images.incrementAndGet();
            dest[off] = batch.get(n, 0, 0, 0) * 10 + batch.get(n, 1, 1, 1);
        });
        CoalitionEvaluator ev = new CoalitionEvaluator(m, Players.perChannel(SHAPE), EvaluationOptions.defaults());
        Replacements bg = Replacements.of(List.of(constant(1), constant(3)), new double[] {3, 1});
        Image x = constant(5);
        CoalitionValues v = ev.values(x, bg, true, List.of(Coalition.ofPlayers(3, 0), Coalition.ofPlayers(3, 0),
                Coalition.full(3)), "test");
        // player 0 present: 50 + (0.75 * 1 + 0.25 * 3)
        assertEquals(50 + 1.5, v.values()[0][0], 1e-12);
        assertEquals(55, v.values()[2][0], 1e-12);
        assertEquals(3, v.modelEvaluations(), "the repeated coalition is evaluated once, the grand coalition with one row");
        assertEquals(3, images.get());
    }

    @Test
    void baseValueIsComputedOnceForAllImages() {
        AtomicInteger calls = new AtomicInteger();
        Model m = Model.perImage(OutputShape.of(2), (batch, n, dest, off) -> {
            calls.incrementAndGet();
            dest[off] = batch.get(n, 0, 0, 0) * batch.get(n, 1, 0, 1);
            dest[off + 1] = batch.get(n, 2, 1, 0);
        });
        List<Image> bg = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            bg.add(constant(i));
        }
        Explainer e = ExactExplainer.builder(m, Players.perChannel(SHAPE), BackgroundMasker.of(bg)).build();
        Explanation first = e.explain(constant(7));
        Explanation second = e.explain(constant(8));
        // 8 coalitions: empty (5 rows), full (1 row), 6 others (5 rows each)
        assertEquals(5 + 1 + 6 * 5, first.modelEvaluations());
        assertEquals(1 + 6 * 5, second.modelEvaluations(), "the second image reuses the base value");
        assertEquals(first.baseValue(0), second.baseValue(0));
        assertEquals(5 + 1 + 6 * 5 + 1 + 6 * 5, calls.get());
    }

    @Test
    void batchesRespectTheMemoryBudget() {
        List<Integer> sizes = java.util.Collections.synchronizedList(new ArrayList<>());
        Model m = Model.of(OutputShape.of(1), batch -> {
            sizes.add(batch.count());
            return new double[batch.count()];
        });
        long perImage = 8L * (SHAPE.size() + 1) + 4L * SHAPE.size();
        EvaluationOptions opts = EvaluationOptions.builder().memoryBudget(3 * perImage).threads(2).build();
        CoalitionEvaluator ev = new CoalitionEvaluator(m, Players.perChannel(SHAPE), opts);
        List<Image> bg = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            bg.add(constant(i));
        }
        List<Coalition> all = new ArrayList<>();
        for (int mask = 0; mask < 7; mask++) {
            all.add(Coalition.ofMask(3, mask));
        }
        ev.values(constant(1), Replacements.uniform(bg), false, all, "budget");
        assertTrue(sizes.stream().allMatch(s -> s <= 3), "every batch within 3 images: " + sizes);
        assertEquals(70, sizes.stream().mapToInt(Integer::intValue).sum());
    }
}
