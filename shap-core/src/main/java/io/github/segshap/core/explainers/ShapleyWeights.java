package io.github.segshap.core.explainers;

import org.apache.commons.math3.util.CombinatoricsUtils;

/** Shapley weights {@code |S|! (n - |S| - 1)! / n!} for coalitions of players out of {@code n}. */
final class ShapleyWeights {
    private ShapleyWeights() {
    }

    /** The weight of a coalition of {@code size} others out of a game of {@code n} players. */
    static double of(int size, int n) {
        return 1.0 / (n * CombinatoricsUtils.binomialCoefficientDouble(n - 1, size));
    }

    /** The weights for sizes 0..n-1. */
    static double[] table(int n) {
        double[] w = new double[n];
        for (int s = 0; s < n; s++) {
            w[s] = of(s, n);
        }
        return w;
    }
}
