package io.github.segshap.core.explainers;

import io.github.segshap.core.evaluation.Coalition;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.List;

/**
 * The Kernel SHAP weighted least-squares solve with efficiency as an exact constraint, for all
 * outputs at once. The last player is eliminated through the constraint
 * {@code sum_p phi_p = f(x) - base}; the reduced normal matrix is factored once (SVD) and its
 * inverse applied to the right-hand sides of every output in one matrix product.
 */
public final class KernelRegression {
    private KernelRegression() {
    }

    /**
     * Solves for all outputs.
     *
     * @param coalitions the rows (neither empty nor full), M players each
     * @param weights    kernel weight of each row
     * @param values     {@code values[i][k]}: v of row i at output k
     * @param base       v(empty) per output
     * @param fx         v(full) per output
     * @return {@code phi[p][k]}
     */
    public static double[][] solve(List<Coalition> coalitions, double[] weights, double[][] values, double[] base,
                                   double[] fx) {
        return solveWithErrors(coalitions, weights, values, base, fx, null).values;
    }

    /** Values and, when {@code draws} is given, their standard errors. */
    record Solution(double[][] values, double[][] standardErrors) {
    }

    /**
     * @param draws for each row, the index of the random draw it came from, or -1 for enumerated
     *              rows; null for no standard errors
     */
    static Solution solveWithErrors(List<Coalition> coalitions, double[] weights, double[][] values, double[] base,
                                    double[] fx, int[] draws) {
        int n = coalitions.size();
        int m = coalitions.get(0).players();
        int k = base.length;
        int q = m - 1;
        double[][] phi = new double[m][k];
        double[] total = new double[k];
        for (int j = 0; j < k; j++) {
            total[j] = fx[j] - base[j];
        }
        if (q == 0) {
            phi[0] = total;
            return new Solution(phi, draws == null ? null : new double[m][k]);
        }
        // E = X[:, :q] - X[:, q] (one row per coalition); A = E^T W E
        double[][] e = new double[n][q];
        double[] last = new double[n];
        DMatrixRMaj a = new DMatrixRMaj(q, q);
        for (int i = 0; i < n; i++) {
            Coalition c = coalitions.get(i);
            last[i] = c.contains(q) ? 1 : 0;
            for (int p = 0; p < q; p++) {
                e[i][p] = (c.contains(p) ? 1 : 0) - last[i];
            }
            for (int p = 0; p < q; p++) {
                if (e[i][p] == 0) {
                    continue;
                }
                for (int r = 0; r < q; r++) {
                    a.add(p, r, weights[i] * e[i][p] * e[i][r]);
                }
            }
        }
        DMatrixRMaj aInv = invert(a, q);
        // B = (W E)^T (Y - base - last (fx - base)) = (W E)^T Y - (sum_i w e_i) base - (sum_i w e_i last_i)(fx - base)
        double[][] b = new double[q][k];
        double[] c1 = new double[q];
        double[] c2 = new double[q];
        for (int i = 0; i < n; i++) {
            double[] y = values[i];
            for (int p = 0; p < q; p++) {
                double we = weights[i] * e[i][p];
                if (we == 0) {
                    continue;
                }
                c1[p] += we;
                c2[p] += we * last[i];
                double[] bp = b[p];
                for (int j = 0; j < k; j++) {
                    bp[j] += we * y[j];
                }
            }
        }
        for (int p = 0; p < q; p++) {
            double[] bp = b[p];
            for (int j = 0; j < k; j++) {
                bp[j] -= c1[p] * base[j] + c2[p] * total[j];
            }
        }
        // phi_reduced = A^-1 B
        for (int p = 0; p < q; p++) {
            double[] row = phi[p];
            for (int r = 0; r < q; r++) {
                double f = aInv.get(p, r);
                double[] br = b[r];
                for (int j = 0; j < k; j++) {
                    row[j] += f * br[j];
                }
            }
        }
        double[] lastPhi = phi[q];
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (int p = 0; p < q; p++) {
                s += phi[p][j];
            }
            lastPhi[j] = total[j] - s;
        }
        double[][] se = draws == null ? null : standardErrors(e, last, weights, values, base, total, phi, aInv, draws);
        return new Solution(phi, se);
    }

    /**
     * Sandwich (heteroscedasticity-robust) standard errors over the random draws: with
     * {@code z_i = A^-1 e_i}, a draw d contributes {@code g_d = sum_{i in d} w_i z_i r_i} and the
     * variance of a value is {@code sum_d g_d^2}. Enumerated rows are not random and contribute
     * nothing, so a fully enumerated design has zero standard errors.
     */
    private static double[][] standardErrors(double[][] e, double[] last, double[] weights, double[][] values,
                                             double[] base, double[] total, double[][] phi, DMatrixRMaj aInv,
                                             int[] draws) {
        int n = e.length;
        int q = e[0].length;
        int k = base.length;
        double[][] var = new double[q + 1][k];
        double[][] g = new double[q + 1][k];
        double[] r = new double[k];
        double[] z = new double[q];
        int i = 0;
        while (i < n) {
            if (draws[i] < 0) {
                i++;
                continue;
            }
            int d = draws[i];
            for (double[] gp : g) {
                java.util.Arrays.fill(gp, 0);
            }
            for (; i < n && draws[i] == d; i++) {
                double[] y = values[i];
                double[] ei = e[i];
                double lastI = last[i];
                for (int j = 0; j < k; j++) {
                    r[j] = y[j] - base[j] - lastI * total[j];
                }
                for (int p = 0; p < q; p++) {
                    double ep = ei[p];
                    if (ep != 0) {
                        double[] phiP = phi[p];
                        for (int j = 0; j < k; j++) {
                            r[j] -= ep * phiP[j];
                        }
                    }
                }
                for (int p = 0; p < q; p++) {
                    double s = 0;
                    for (int t = 0; t < q; t++) {
                        s += aInv.get(p, t) * ei[t];
                    }
                    z[p] = weights[i] * s;
                }
                double[] gl = g[q];
                for (int p = 0; p < q; p++) {
                    double zp = z[p];
                    double[] gp = g[p];
                    for (int j = 0; j < k; j++) {
                        double c = zp * r[j];
                        gp[j] += c;
                        gl[j] -= c;
                    }
                }
            }
            for (int p = 0; p <= q; p++) {
                for (int j = 0; j < k; j++) {
                    var[p][j] += g[p][j] * g[p][j];
                }
            }
        }
        for (double[] v : var) {
            for (int j = 0; j < k; j++) {
                v[j] = Math.sqrt(v[j]);
            }
        }
        return var;
    }

    /**
     * The (pseudo-)inverse of the reduced normal matrix by SVD: the exact inverse when the design
     * determines every value, the least-norm solution when too few distinct coalitions leave it
     * singular (a Cholesky factor would "succeed" there with values of order 1e15).
     */
    private static DMatrixRMaj invert(DMatrixRMaj a, int q) {
        DMatrixRMaj inv = new DMatrixRMaj(q, q);
        CommonOps_DDRM.pinv(a, inv);
        return inv;
    }

    /**
     * The same solve done the way per-output implementations do it: one regression (normal matrix
     * built and inverted again) per output. Gives the same values as {@link #solve}; it exists to
     * measure what solving all outputs together saves.
     */
    public static double[][] solvePerOutput(List<Coalition> coalitions, double[] weights, double[][] values,
                                            double[] base, double[] fx) {
        int k = base.length;
        int m = coalitions.get(0).players();
        double[][] phi = new double[m][k];
        double[][] column = new double[values.length][1];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < values.length; i++) {
                column[i][0] = values[i][j];
            }
            double[][] one = solve(coalitions, weights, column, new double[] {base[j]}, new double[] {fx[j]});
            for (int p = 0; p < m; p++) {
                phi[p][j] = one[p][0];
            }
        }
        return phi;
    }
}
