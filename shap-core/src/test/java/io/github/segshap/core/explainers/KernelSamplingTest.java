package io.github.segshap.core.explainers;

import io.github.segshap.core.evaluation.Coalition;
import io.github.segshap.core.explanation.Explanation;
import org.apache.commons.math3.util.CombinatoricsUtils;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Leverage SHAP's sampling ({@link KernelSampling#LEVERAGE}) against shap's kernel-weight allocation. */
class KernelSamplingTest {

    private static int[] rowsPerSize(KernelDesign d, int m) {
        int[] rows = new int[m + 1];
        for (Coalition c : d.fixed) {
            rows[c.size()]++;
        }
        for (Coalition[] draw : d.draws) {
            for (Coalition c : draw) {
                rows[c.size()]++;
            }
        }
        return rows;
    }

    @Test
    void leverageGivesEverySizeTheSameRowsAndWeightsThemByKernelOverProbability() {
        int m = 16;
        KernelDesign d = KernelDesign.of(m, 256, true, KernelSampling.LEVERAGE, 5);
        int[] rows = rowsPerSize(d, m);
        // sizes 1 and 15 (16 coalitions each) fit in an even share of 256 / 15 rows: enumerated
        assertEquals(16, rows[1]);
        assertEquals(16, rows[15]);
        assertEquals(32, d.fixed.size());
        for (int s = 2; s <= 14; s++) {
            assertTrue(Math.abs(rows[s] - 224.0 / 13) <= 2, "size " + s + " has " + rows[s] + " rows, about "
                    + 224.0 / 13 + " expected");
        }
        // shap's allocation gives each size rows in proportion to its kernel weight 1 / (s (M - s)):
        // size 2 has 64 / 28 = 2.3 times the rows of size 8
        int[] kernel = rowsPerSize(KernelDesign.of(m, 256, true, KernelSampling.KERNEL_WEIGHT, 5), m);
        assertTrue(kernel[2] > 2 * kernel[8] && kernel[2] < 2.6 * kernel[8], "kernel-weight allocation: " + kernel[2] + " rows of size 2, "
                + kernel[8] + " of size 8");
        // every row weighs its kernel weight over its inclusion probability: per size, the weights add up
        // to that size's kernel weight (normalised over sizes 1..M-1)
        double[] w = d.weights(d.draws.size());
        List<Coalition> all = new ArrayList<>(d.fixed);
        d.draws.forEach(draw -> all.addAll(List.of(draw)));
        double[] perSize = new double[m + 1];
        for (int i = 0; i < all.size(); i++) {
            perSize[all.get(i).size()] += w[i];
        }
        double norm = 0;
        for (int s = 1; s < m; s++) {
            norm += (m - 1.0) / (s * (double) (m - s));
        }
        for (int s = 1; s < m; s++) {
            assertEquals((m - 1.0) / (s * (double) (m - s)) / norm, perSize[s], 1e-12, "kernel weight of size " + s);
        }
        Set<Coalition> distinct = new HashSet<>(all);
        assertEquals(all.size(), distinct.size(), "sampled without repeats");
        for (int s = 2; s <= 14; s++) {
            assertTrue(rows[s] <= CombinatoricsUtils.binomialCoefficient(m, s));
        }
    }

    @Test
    void leverageWithEveryCoalitionIsExact() {
        for (int m = 2; m <= 7; m++) {
            RandomGame g = new RandomGame(m, 40 + m);
            Explanation exact = ExactExplainer.builder(g.model(), g.players(), g.masker()).build().explain(g.image);
            Explanation lev = KernelExplainer.builder(g.model(), g.players(), g.masker()).budget(1L << m)
                    .sampling(KernelSampling.LEVERAGE).build().explain(g.image);
            for (int p = 0; p < m; p++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(exact.value(p, k), lev.value(p, k), 1e-9, "M = " + m + ", player " + p);
                }
            }
        }
    }

    @Test
    void leverageIsDeterministicAndAdditiveWhenSampled() {
        RandomGame g = new RandomGame(10, 3);
        KernelExplainer.Builder b = KernelExplainer.builder(g.model(), g.players(), g.masker()).budget(200)
                .sampling(KernelSampling.LEVERAGE).seed(9);
        Explanation first = b.build().explain(g.image);
        Explanation second = b.build().explain(g.image);
        for (int p = 0; p < 10; p++) {
            assertEquals(first.value(p, 1), second.value(p, 1), 0.0, "same seed, same numbers");
        }
        first.checkAdditivity(1e-9);
        assertTrue(first.standardErrors().isPresent());
    }
}
