package io.github.segshap.core.explainers;

import io.github.segshap.core.evaluation.Coalition;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;

/**
 * The Kernel SHAP weighted least-squares solve with efficiency as an exact constraint, for all
 * outputs at once. The last player is eliminated through the constraint
 * {@code sum_p phi_p = f(x) - base}; the reduced normal matrix is factored once (SVD) and its
 * inverse applied to the right-hand sides of every output in one matrix product.
 */
public final class KernelRegression {
    /** Bytes of one block's sums (q rows of a block of outputs), sized to stay in the second-level cache. */
    private static final int BLOCK_SUM_BYTES = 256 << 10;

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

    /**
     * Outputs per block of the all-outputs loops, for {@code rows} rows of sums per block: as wide as
     * keeps them within {@link #BLOCK_SUM_BYTES} (a block's sums stay in cache while the coalitions'
     * values stream by, each read in runs of the block's width), a power of two from 256 to 2048.
     * Every output is computed on its own, so the width changes no value.
     */
    static int outputBlock(int rows) {
        int fits = BLOCK_SUM_BYTES / (Double.BYTES * Math.max(1, rows));
        return Math.max(256, Math.min(2048, Integer.highestOneBit(fits)));
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
        double[][] inverse = new double[q][];
        for (int p = 0; p < q; p++) {
            inverse[p] = java.util.Arrays.copyOfRange(aInv.data, p * q, (p + 1) * q);
        }
        // B = (W E)^T (Y - base - last (fx - base)) = (W E)^T Y - (sum_i w e_i) base - (sum_i w e_i last_i)(fx - base)
        double[] c1 = new double[q];
        double[] c2 = new double[q];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < q; p++) {
                double we = weights[i] * e[i][p];
                c1[p] += we;
                c2[p] += we * last[i];
            }
        }
        // block by block of outputs, so that B and phi of a block stay in cache while the rows stream by
        int block = Math.min(outputBlock(q), k);
        double[][] b = new double[q][block];
        double[] wy = new double[block];
        for (int j0 = 0; j0 < k; j0 += block) {
            int width = Math.min(block, k - j0);
            for (double[] bp : b) {
                java.util.Arrays.fill(bp, 0);
            }
            for (int i = 0; i < n; i++) {
                double wi = weights[i];
                if (wi == 0) {
                    continue;
                }
                // e is -1, 0 or 1, so (w e) y is w y or exactly -(w y): one product per value, then adds
                double[] y = values[i];
                for (int j = 0; j < width; j++) {
                    wy[j] = wi * y[j0 + j];
                }
                for (int p = 0; p < q; p++) {
                    addSigned(b[p], e[i][p], wy, 0, width);
                }
            }
            for (int p = 0; p < q; p++) {
                double[] bp = b[p];
                for (int j = 0; j < width; j++) {
                    bp[j] -= c1[p] * base[j0 + j] + c2[p] * total[j0 + j];
                }
            }
            // phi_reduced = A^-1 B
            for (int p = 0; p < q; p++) {
                double[] row = phi[p];
                for (int r = 0; r < q; r++) {
                    double f = inverse[p][r];
                    double[] br = b[r];
                    for (int j = 0; j < width; j++) {
                        row[j0 + j] += f * br[j];
                    }
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
        double[][] se = draws == null ? null : standardErrors(e, last, weights, values, base, total, phi, inverse, draws);
        return new Solution(phi, se);
    }

    /**
     * Sandwich (heteroscedasticity-robust) standard errors over the random draws: with
     * {@code z_i = w_i A^-1 e_i} and the residual {@code r_i}, a draw d contributes
     * {@code g_d = sum_{i in d} z_i r_i} and the variance of a value is {@code sum_d g_d^2}
     * (the last player's {@code g} is minus the others' sum). Enumerated rows are not random and
     * contribute nothing, so a fully enumerated design has zero standard errors.
     *
     * <p>A draw's rows usually have {@code z} equal up to sign (a coalition and its complement have
     * opposite {@code e} and the same weight), so {@code g_d = z (sum_i sign_i r_i)}: one combined
     * residual per draw instead of one product per row and player. Computed block by block of
     * outputs so that the variances of a block stay in cache.
     */
    private static double[][] standardErrors(double[][] e, double[] last, double[] weights, double[][] values,
                                             double[] base, double[] total, double[][] phi, double[][] inverse,
                                             int[] draws) {
        int n = e.length;
        int q = e[0].length;
        int k = base.length;
        // the draws: their first row, row count, and whether their rows' z agree up to sign
        List<int[]> drawRows = new ArrayList<>();
        for (int i = 0; i < n; ) {
            if (draws[i] < 0) {
                i++;
                continue;
            }
            int from = i;
            while (i < n && draws[i] == draws[from]) {
                i++;
            }
            drawRows.add(new int[] {from, i});
        }
        double[][] z = new double[n][];
        for (int[] d : drawRows) {
            for (int i = d[0]; i < d[1]; i++) {
                z[i] = new double[q];
                for (int p = 0; p < q; p++) {
                    double s = 0;
                    for (int t = 0; t < q; t++) {
                        s += inverse[p][t] * e[i][t];
                    }
                    z[i][p] = weights[i] * s;
                }
            }
        }
        // sign[i] = +1 or -1 when z_i = sign z_first of its draw, 0 when not (then the draw is summed row by row)
        double[] sign = new double[n];
        boolean[] signed = new boolean[drawRows.size()];
        for (int d = 0; d < drawRows.size(); d++) {
            int from = drawRows.get(d)[0];
            signed[d] = true;
            for (int i = from; i < drawRows.get(d)[1]; i++) {
                sign[i] = sameUpToSign(z[from], z[i]);
                signed[d] &= sign[i] != 0;
            }
        }
        double[][] var = new double[q + 1][k];
        int block = Math.min(outputBlock(q + 1), k);
        double[] r = new double[block];
        double[] combined = new double[block];
        double[][] g = new double[q + 1][block];
        for (int j0 = 0; j0 < k; j0 += block) {
            int width = Math.min(block, k - j0);
            for (int d = 0; d < drawRows.size(); d++) {
                int from = drawRows.get(d)[0];
                int to = drawRows.get(d)[1];
                if (signed[d]) {
                    java.util.Arrays.fill(combined, 0, width, 0);
                    for (int i = from; i < to; i++) {
                        residual(i, j0, width, e, last, values, base, total, phi, r);
                        double si = sign[i];
                        for (int j = 0; j < width; j++) {
                            combined[j] += si * r[j];
                        }
                    }
                    double lastZ = 0;
                    for (int p = 0; p < q; p++) {
                        addSquared(var[p], j0, z[from][p], combined, width);
                        lastZ -= z[from][p];
                    }
                    addSquared(var[q], j0, lastZ, combined, width);
                } else {
                    for (double[] gp : g) {
                        java.util.Arrays.fill(gp, 0, width, 0);
                    }
                    for (int i = from; i < to; i++) {
                        residual(i, j0, width, e, last, values, base, total, phi, r);
                        for (int p = 0; p < q; p++) {
                            double zp = z[i][p];
                            double[] gp = g[p];
                            double[] gl = g[q];
                            for (int j = 0; j < width; j++) {
                                double c = zp * r[j];
                                gp[j] += c;
                                gl[j] -= c;
                            }
                        }
                    }
                    for (int p = 0; p <= q; p++) {
                        addSquared(var[p], j0, 1, g[p], width);
                    }
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

    /** +1 when {@code b} equals {@code a}, -1 when it equals {@code -a}, else 0. */
    private static double sameUpToSign(double[] a, double[] b) {
        boolean same = true;
        boolean opposite = true;
        for (int p = 0; p < a.length; p++) {
            same &= b[p] == a[p];
            opposite &= b[p] == -a[p];
        }
        return same ? 1 : opposite ? -1 : 0;
    }

    /** {@code var[j0 + j] += (f x[j])^2} for j < width. */
    private static void addSquared(double[] var, int j0, double f, double[] x, int width) {
        for (int j = 0; j < width; j++) {
            double t = f * x[j];
            var[j0 + j] += t * t;
        }
    }

    /** Row i's residual {@code y_i - base - last_i (fx - base) - sum_p e_ip phi_p} at outputs j0 .. j0 + width - 1, into r. */
    private static void residual(int i, int j0, int width, double[][] e, double[] last, double[][] values,
                                 double[] base, double[] total, double[][] phi, double[] r) {
        double[] y = values[i];
        double lastI = last[i];
        for (int j = 0; j < width; j++) {
            r[j] = y[j0 + j] - base[j0 + j] - lastI * total[j0 + j];
        }
        double[] ei = e[i];
        for (int p = 0; p < ei.length; p++) {
            // r -= e phi with e = -1, 0 or 1: the product is exact, so r + phi or r - phi
            addSigned(r, -ei[p], phi[p], j0, width);
        }
    }

    /**
     * {@code into[j] += sign x[from + j]} for j < width, with sign -1, 0 or 1: the product is
     * exact, so this is an add, a subtract or nothing.
     */
    private static void addSigned(double[] into, double sign, double[] x, int from, int width) {
        if (sign > 0) {
            for (int j = 0; j < width; j++) {
                into[j] += x[from + j];
            }
        } else if (sign < 0) {
            for (int j = 0; j < width; j++) {
                into[j] -= x[from + j];
            }
        }
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
