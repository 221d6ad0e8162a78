package io.github.segshap.core.evaluation;

import io.github.segshap.core.explainers.ExactExplainer;
import io.github.segshap.core.explainers.KernelExplainer;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.masking.BackgroundMasker;
import io.github.segshap.core.masking.Replacements;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.players.Players;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one memory budget: owned by the model, overridable by the explainer, never changing values. */
class MemoryBudgetTest {
    private static final ImageShape SHAPE = new ImageShape(3, 2, 2);

    private static Image constant(double v) {
        double[] a = new double[SHAPE.size()];
        java.util.Arrays.fill(a, v);
        return Image.of(SHAPE, a);
    }

    private static List<Image> background(int n) {
        List<Image> bg = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            bg.add(constant(i));
        }
        return bg;
    }

    private static List<Coalition> allCoalitions() {
        List<Coalition> all = new ArrayList<>();
        for (int mask = 0; mask < 8; mask++) {
            all.add(Coalition.ofMask(3, mask));
        }
        return all;
    }

    /** A model with its own budget and per-image cost that records the size of every batch. */
    private static final class BudgetedModel implements Model {
        final List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        private final long budget;
        private final long perImage;

        BudgetedModel(long budget, long perImage) {
            this.budget = budget;
            this.perImage = perImage;
        }

        @Override
        public OutputShape outputShape(ImageShape input) {
            return OutputShape.of(1);
        }

        @Override
        public double[] predict(ImageBatch batch) {
            sizes.add(batch.count());
            double[] out = new double[batch.count()];
            for (int n = 0; n < batch.count(); n++) {
                out[n] = batch.get(n, 0, 0, 0) * batch.get(n, 1, 1, 1) + batch.get(n, 2, 0, 1);
            }
            return out;
        }

        @Override
        public boolean isThreadSafe() {
            return true;
        }

        @Override
        public long memoryBudget() {
            return budget;
        }

        @Override
        public long bytesPerImage(ImageShape input) {
            return perImage;
        }

        @Override
        public String toString() {
            return "BudgetedModel(" + budget + " bytes)";
        }
    }

    @Test
    void defaultsAreOneBudgetOf128MiB() {
        Model m = Model.of(OutputShape.of(2), batch -> new double[2 * batch.count()]);
        assertEquals(128L << 20, Model.DEFAULT_MEMORY_BUDGET);
        assertEquals(Model.DEFAULT_MEMORY_BUDGET, m.memoryBudget());
        assertEquals(Model.DEFAULT_MEMORY_BUDGET,
                Model.perImage(OutputShape.of(1), (b, n, d, o) -> d[o] = 1).memoryBudget());
        assertEquals(12L * SHAPE.size() + 8L * 2, m.bytesPerImage(SHAPE));
        assertTrue(EvaluationOptions.defaults().memoryBudget().isEmpty(), "no separate default in the options");
        assertEquals(Model.DEFAULT_MEMORY_BUDGET, EvaluationOptions.defaults().memoryBudget(m));
        assertEquals(1000, EvaluationOptions.builder().memoryBudget(1000).build().memoryBudget(m));
        assertEquals(1000, EvaluationOptions.builder().memoryBudget(1000).build().toBuilder().build().memoryBudget(m));
    }

    @Test
    void imagesWithinIsAtLeastOneAndRejectsNonPositiveSizes() {
        assertEquals(3, Model.imagesWithin(100, 30));
        assertEquals(1, Model.imagesWithin(10, 30), "one image is always sent");
        assertEquals(Integer.MAX_VALUE, Model.imagesWithin(Long.MAX_VALUE, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Model.imagesWithin(100, 0));
        assertTrue(e.getMessage().contains("0 bytes each"), e.getMessage());
    }

    @Test
    void batchesFollowTheModelsBudgetAndPerImageCost() {
        BudgetedModel m = new BudgetedModel(1000, 250);
        CoalitionEvaluator ev = new CoalitionEvaluator(m, Players.perChannel(SHAPE),
                EvaluationOptions.builder().threads(2).build());
        assertEquals(4, ev.batchImages());
        ev.values(constant(1), Replacements.uniform(background(10)), false, allCoalitions(), "budget");
        assertTrue(m.sizes.stream().allMatch(s -> s <= 4), "every batch within the model's 4 images: " + m.sizes);
        assertEquals(4, m.sizes.stream().mapToInt(Integer::intValue).max().orElseThrow());
        assertEquals(7 * 10 + 1, m.sizes.stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void anExplicitBudgetOverridesTheModels() {
        BudgetedModel m = new BudgetedModel(1000, 250);
        CoalitionEvaluator ev = new CoalitionEvaluator(m, Players.perChannel(SHAPE),
                EvaluationOptions.builder().memoryBudget(500).build());
        assertEquals(2, ev.batchImages());
        ev.values(constant(1), Replacements.uniform(background(10)), false, allCoalitions(), "override");
        assertTrue(m.sizes.stream().allMatch(s -> s <= 2), "every batch within the override's 2 images: " + m.sizes);
        assertEquals(512, new CoalitionEvaluator(new BudgetedModel(Long.MAX_VALUE, 1), Players.perChannel(SHAPE),
                EvaluationOptions.defaults()).batchImages(), "at most 512 images per call");
    }

    @Test
    void aModelWithoutAPositiveBudgetIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new CoalitionEvaluator(
                new BudgetedModel(0, 250), Players.perChannel(SHAPE), EvaluationOptions.defaults()));
        assertTrue(e.getMessage().contains("BudgetedModel(0 bytes) has a memory budget of 0 bytes"), e.getMessage());
        IllegalStateException f = assertThrows(IllegalStateException.class, () -> new CoalitionEvaluator(
                new BudgetedModel(1000, -1), Players.perChannel(SHAPE), EvaluationOptions.defaults()));
        assertTrue(f.getMessage().contains("takes -1 bytes"), f.getMessage());
    }

    @Test
    void theBudgetDoesNotChangeTheValues() {
        List<Image> bg = background(6);
        Image x = constant(7);
        Players players = Players.perChannel(SHAPE);
        List<Function<BudgetedModel, Explanation>> explain = List.of(
                m -> ExactExplainer.builder(m, players, BackgroundMasker.of(bg)).build().explain(x),
                m -> KernelExplainer.builder(m, players, BackgroundMasker.of(bg)).budget(7).seed(5).build().explain(x));
        for (Function<BudgetedModel, Explanation> f : explain) {
            BudgetedModel one = new BudgetedModel(1, 100);
            BudgetedModel three = new BudgetedModel(300, 100);
            BudgetedModel all = new BudgetedModel(Model.DEFAULT_MEMORY_BUDGET, 100);
            Explanation a = f.apply(one);
            Explanation b = f.apply(three);
            Explanation c = f.apply(all);
            assertTrue(one.sizes.stream().allMatch(s -> s == 1), "one image per call: " + one.sizes);
            assertTrue(three.sizes.stream().allMatch(s -> s <= 3), "three images per call: " + three.sizes);
            assertTrue(c.modelEvaluations() > 3 && all.sizes.stream().anyMatch(s -> s > 3), all.sizes.toString());
            for (Explanation e : List.of(b, c)) {
                assertArrayEquals(a.baseValues(), e.baseValues(), 0.0);
                for (int p = 0; p < a.players(); p++) {
                    assertArrayEquals(a.values(p), e.values(p), 0.0, "player " + p);
                }
            }
        }
    }
}
