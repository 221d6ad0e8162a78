package io.github.segshap.core.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.segshap.core.explainers.ExactExplainer;
import io.github.segshap.core.explainers.Explainer;
import io.github.segshap.core.explainers.KernelExplainer;
import io.github.segshap.core.explainers.PartitionExplainer;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.masking.BackgroundMasker;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compares every explainer with the reference values of every oracle file: Exact and fully
 * enumerated Kernel with the exact Shapley values, Partition with the exact Owen values, sampled
 * Kernel with shap's recorded error at the same number of coalitions.
 */
class OracleTest {

    @TestFactory
    List<DynamicTest> everyOracleProblem() {
        List<DynamicTest> tests = new ArrayList<>();
        for (OracleProblem problem : OracleProblem.all()) {
            BackgroundMasker masker = BackgroundMasker.of(problem.background);
            for (JsonNode c : problem.cases) {
                String id = problem.name + " case " + c.get("index").asInt();
                Image image = OracleProblem.image(c.get("image"), problem.shape);
                double[][] exact = OracleProblem.matrix(c.get("exact_shapley"));
                tests.add(DynamicTest.dynamicTest(id + ": exact = exact Shapley (1e-9)", () -> {
                    Explanation e = ExactExplainer.builder(problem.model, problem.players, masker).build().explain(image);
                    assertClose(OracleProblem.vector(c.get("base_value")), e.baseValues(), 1e-9, id + " base value");
                    assertClose(OracleProblem.vector(c.get("fx")), e.outputs(), 1e-9, id + " f(x)");
                    assertValues(exact, e, 1e-9, id);
                    e.checkAdditivity(1e-9);
                }));
                if (problem.players.count() <= 12) {
                    tests.add(DynamicTest.dynamicTest(id + ": Kernel with every coalition = exact Shapley (1e-6)", () -> {
                        Explainer kernel = KernelExplainer.builder(problem.model, problem.players, masker)
                                .budget(1L << problem.players.count()).build();
                        assertValues(exact, kernel.explain(image), 1e-6, id);
                    }));
                }
                if (c.has("owen")) {
                    JsonNode owen = c.get("owen");
                    tests.add(DynamicTest.dynamicTest(id + ": Partition = exact Owen values (1e-9)", () -> {
                        Explanation e = PartitionExplainer.builder(problem.model, problem.players, masker)
                                .hierarchy(OracleProblem.hierarchy(owen.get("tree"))).build().explain(image);
                        assertValues(OracleProblem.matrix(owen.get("exact")), e, 1e-9, id);
                        assertValues(OracleProblem.matrix(owen.get("shap_partition")), e, 1e-9, id + " vs shap");
                    }));
                }
                JsonNode kernelRuns = c.get("shap_kernel");
                if (kernelRuns != null && kernelRuns.isArray()) {
                    for (JsonNode run : kernelRuns) {
                        if (!run.get("l1_reg").isBoolean()) {
                            continue;
                        }
                        int samples = run.get("nsamples").asInt();
                        tests.add(DynamicTest.dynamicTest(id + ": Kernel with " + samples
                                + " samples is at least as close as shap", () -> {
                            Explanation e = KernelExplainer.builder(problem.model, problem.players, masker)
                                    .budget(samples + 2L).build().explain(image);
                            double rms = rmsError(exact, e);
                            double max = maxError(exact, e);
                            assertTrue(rms <= run.get("rms_error").asDouble(), id + ": RMS error " + rms
                                    + " > shap's " + run.get("rms_error").asDouble());
                            assertTrue(max <= run.get("max_abs_error").asDouble(), id + ": max error " + max
                                    + " > shap's " + run.get("max_abs_error").asDouble());
                            e.checkAdditivity(1e-9);
                        }));
                    }
                }
            }
        }
        return tests;
    }

    static void assertValues(double[][] expected, Explanation e, double tol, String what) {
        assertEquals(expected.length, e.players(), what + ": player count");
        for (int p = 0; p < expected.length; p++) {
            assertClose(expected[p], e.values(p), tol, what + " player " + p);
        }
    }

    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], tol, what + " at output " + k);
        }
    }

    static double rmsError(double[][] exact, Explanation e) {
        double s = 0;
        int n = 0;
        for (int p = 0; p < exact.length; p++) {
            for (int k = 0; k < exact[p].length; k++) {
                double d = e.value(p, k) - exact[p][k];
                s += d * d;
                n++;
            }
        }
        return Math.sqrt(s / n);
    }

    static double maxError(double[][] exact, Explanation e) {
        double m = 0;
        for (int p = 0; p < exact.length; p++) {
            for (int k = 0; k < exact[p].length; k++) {
                m = Math.max(m, Math.abs(e.value(p, k) - exact[p][k]));
            }
        }
        return m;
    }
}
