package io.github.segshap.core.explainers;

import io.github.segshap.core.evaluation.Coalition;
import io.github.segshap.core.explanation.Explanation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelRegressionTest {

    @Test
    void allOutputsAtOnceEqualsOneRegressionPerOutput() {
        int m = 6;
        SplittableRandom r = new SplittableRandom(4);
        List<Coalition> rows = new ArrayList<>();
        for (long mask = 1; mask < (1L << m) - 1; mask += 3) {
            rows.add(Coalition.ofMask(m, mask));
        }
        double[] w = new double[rows.size()];
        double[][] v = new double[rows.size()][50];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextDouble(0.1, 1);
            for (int k = 0; k < 50; k++) {
                v[i][k] = r.nextDouble(-1, 1);
            }
        }
        double[] base = new double[50];
        double[] fx = new double[50];
        for (int k = 0; k < 50; k++) {
            base[k] = r.nextDouble();
            fx[k] = r.nextDouble();
        }
        double[][] all = KernelRegression.solve(rows, w, v, base, fx);
        double[][] each = KernelRegression.solvePerOutput(rows, w, v, base, fx);
        for (int p = 0; p < m; p++) {
            for (int k = 0; k < 50; k++) {
                assertEquals(each[p][k], all[p][k], 1e-10);
            }
        }
    }

    @Test
    void standardErrorsCoverTheTrueErrorAndTargetStopsEarly() {
        RandomGame g = new RandomGame(10, 11);
        Explanation exact = ExactExplainer.builder(g.model(), g.players(), g.masker()).build().explain(g.image);
        Explanation sampled = KernelExplainer.builder(g.model(), g.players(), g.masker()).budget(300).seed(5).build()
                .explain(g.image);
        double[][] se = sampled.standardErrors().orElseThrow();
        int inside = 0;
        int total = 0;
        for (int p = 0; p < 10; p++) {
            for (int k = 0; k < 3; k++) {
                assertTrue(se[p][k] > 0, "a sampled design has sampling error");
                if (Math.abs(sampled.value(p, k) - exact.value(p, k)) <= 3 * se[p][k]) {
                    inside++;
                }
                total++;
            }
        }
        assertTrue(inside >= 0.8 * total, inside + " of " + total + " values within 3 standard errors of exact");
        Explanation early = KernelExplainer.builder(g.model(), g.players(), g.masker()).budget(1000).seed(5)
                .targetStandardError(1.0).build().explain(g.image);
        Explanation full = KernelExplainer.builder(g.model(), g.players(), g.masker()).budget(1000).seed(5).build()
                .explain(g.image);
        assertTrue(early.modelEvaluations() < full.modelEvaluations(),
                "a loose target stops early: " + early.modelEvaluations() + " vs " + full.modelEvaluations());
        early.checkAdditivity(1e-10);
    }
}
