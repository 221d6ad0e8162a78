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

    @Test
    void standardErrorsAreTheSandwichFormulaDrawByDraw() {
        int m = 7;
        int k = 300;
        SplittableRandom r = new SplittableRandom(9);
        List<Coalition> rows = new ArrayList<>();
        List<Integer> drawOf = new ArrayList<>();
        List<Double> weight = new ArrayList<>();
        for (int p = 0; p < m; p++) {
            // enumerated rows: size 1 and its complements
            rows.add(Coalition.ofPlayers(m, p));
            rows.add(Coalition.ofPlayers(m, p).complement());
            drawOf.add(-1);
            drawOf.add(-1);
            weight.add(0.3);
            weight.add(0.3);
        }
        for (int d = 0; d < 40; d++) {
            Coalition c = Coalition.ofMask(m, 1 + r.nextLong((1L << m) - 2));
            double w = r.nextDouble(0.05, 0.2);
            rows.add(c);
            drawOf.add(d);
            weight.add(w);
            if (d % 4 != 3) {
                // paired draws (complement, same weight), one unpaired in four; draw 5 pairs two unrelated rows
                Coalition other = d == 5 ? Coalition.ofMask(m, 1 + r.nextLong((1L << m) - 2)) : c.complement();
                rows.add(other);
                drawOf.add(d);
                weight.add(d == 5 ? w / 2 : w);
            }
        }
        int n = rows.size();
        double[] w = weight.stream().mapToDouble(Double::doubleValue).toArray();
        int[] draws = drawOf.stream().mapToInt(Integer::intValue).toArray();
        double[][] v = new double[n][k];
        double[] base = new double[k];
        double[] fx = new double[k];
        for (int j = 0; j < k; j++) {
            base[j] = r.nextDouble();
            fx[j] = r.nextDouble(1, 2);
            for (int i = 0; i < n; i++) {
                v[i][j] = r.nextDouble(-1, 1) + rows.get(i).size() * 0.1 * j / k;
            }
        }
        KernelRegression.Solution s = KernelRegression.solveWithErrors(rows, w, v, base, fx, draws);
        double[][] expected = sandwich(rows, w, v, base, fx, s.values(), draws);
        for (int p = 0; p < m; p++) {
            for (int j = 0; j < k; j++) {
                assertTrue(s.standardErrors()[p][j] > 0);
                assertEquals(expected[p][j], s.standardErrors()[p][j], 1e-12 * expected[p][j], "player " + p + " output " + j);
            }
        }
    }

    /** The sandwich standard errors written out: A = E^T W E inverted by
     * another library, one g per draw summed row by row. */
    private static double[][] sandwich(List<Coalition> rows, double[] w, double[][] v, double[] base, double[] fx,
                                       double[][] phi, int[] draws) {
        int m = rows.get(0).players();
        int q = m - 1;
        int n = rows.size();
        int k = base.length;
        double[][] e = new double[n][q];
        double[][] a = new double[q][q];
        for (int i = 0; i < n; i++) {
            double last = rows.get(i).contains(q) ? 1 : 0;
            for (int p = 0; p < q; p++) {
                e[i][p] = (rows.get(i).contains(p) ? 1 : 0) - last;
            }
            for (int p = 0; p < q; p++) {
                for (int t = 0; t < q; t++) {
                    a[p][t] += w[i] * e[i][p] * e[i][t];
                }
            }
        }
        // Commons Math's SVD, not the EJML the solver uses
        org.apache.commons.math3.linear.RealMatrix inv = new org.apache.commons.math3.linear.SingularValueDecomposition(
                new org.apache.commons.math3.linear.Array2DRowRealMatrix(a)).getSolver().getInverse();
        double[][] var = new double[m][k];
        for (int d = 0; d <= 40; d++) {
            double[][] g = new double[m][k];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                if (draws[i] != d) {
                    continue;
                }
                any = true;
                double last = rows.get(i).contains(q) ? 1 : 0;
                for (int j = 0; j < k; j++) {
                    double res = v[i][j] - base[j] - last * (fx[j] - base[j]);
                    for (int p = 0; p < q; p++) {
                        res -= e[i][p] * phi[p][j];
                    }
                    for (int p = 0; p < q; p++) {
                        double zp = 0;
                        for (int t = 0; t < q; t++) {
                            zp += inv.getEntry(p, t) * e[i][t];
                        }
                        g[p][j] += w[i] * zp * res;
                        g[q][j] -= w[i] * zp * res;
                    }
                }
            }
            if (any) {
                for (int p = 0; p < m; p++) {
                    for (int j = 0; j < k; j++) {
                        var[p][j] += g[p][j] * g[p][j];
                    }
                }
            }
        }
        for (double[] row : var) {
            for (int j = 0; j < k; j++) {
                row[j] = Math.sqrt(row[j]);
            }
        }
        return var;
    }
}
