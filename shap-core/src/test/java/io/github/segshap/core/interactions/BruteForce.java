package io.github.segshap.core.interactions;

import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * The textbook formulas, one coalition at a time, as the oracle of the interaction tests:
 * {@code table[mask][k]} is v of the coalition with bit mask {@code mask} at output k.
 */
final class BruteForce {
    private BruteForce() {
    }

    /** {@code phi_i = sum_{S without i} |S|!(M-|S|-1)!/M! (v(S+i) - v(S))}. */
    static double shapley(double[][] table, int m, int i, int k) {
        double s = 0;
        for (int mask = 0; mask < 1 << m; mask++) {
            if ((mask >> i & 1) == 0) {
                int size = Integer.bitCount(mask);
                double w = 1.0 / (m * CombinatoricsUtils.binomialCoefficientDouble(m - 1, size));
                s += w * (table[mask | 1 << i][k] - table[mask][k]);
            }
        }
        return s;
    }

    /**
     * The Shapley interaction index (Grabisch and Roubens 1999):
     * {@code SII_ij = sum_{S without i, j} |S|!(M-|S|-2)!/(M-1)! (v(S+ij) - v(S+i) - v(S+j) + v(S))}.
     */
    static double sii(double[][] table, int m, int i, int j, int k) {
        double s = 0;
        int bi = 1 << i;
        int bj = 1 << j;
        for (int mask = 0; mask < 1 << m; mask++) {
            if ((mask & (bi | bj)) == 0) {
                int size = Integer.bitCount(mask);
                double w = CombinatoricsUtils.factorialDouble(size) * CombinatoricsUtils.factorialDouble(m - size - 2)
                        / CombinatoricsUtils.factorialDouble(m - 1);
                s += w * (table[mask | bi | bj][k] - table[mask | bi][k] - table[mask | bj][k] + table[mask][k]);
            }
        }
        return s;
    }

    /** shap's interaction values: {@code SII_ij / 2} off the diagonal, {@code phi_i - sum_{j != i}} on it. */
    static double[][] shapMatrix(double[][] table, int m, int k) {
        double[][] phi = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (i != j) {
                    phi[i][j] = sii(table, m, i, j, k) / 2;
                }
            }
        }
        for (int i = 0; i < m; i++) {
            double s = shapley(table, m, i, k);
            for (int j = 0; j < m; j++) {
                if (j != i) {
                    s -= phi[i][j];
                }
            }
            phi[i][i] = s;
        }
        return phi;
    }

    /** {@code d(S) = sum_{T subset of S} (-1)^{|S|-|T|} v(T)}. */
    static double moebius(double[][] table, int mask, int k) {
        double s = 0;
        for (int t = mask; ; t = (t - 1) & mask) {
            s += ((Integer.bitCount(mask) - Integer.bitCount(t)) % 2 == 0 ? 1 : -1) * table[t][k];
            if (t == 0) {
                return s;
            }
        }
    }
}
