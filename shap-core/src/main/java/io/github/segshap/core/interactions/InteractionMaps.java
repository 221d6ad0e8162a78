package io.github.segshap.core.interactions;

import io.github.segshap.core.model.OutputShape;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The pairwise interactions of one explained image, for every output k: the SHAP interaction
 * values in shap's {@code TreeExplainer.shap_interaction_values} convention (Lundberg et al. 2020),
 * {@code Phi_ij = SII_ij / 2} for {@code i != j} and {@code Phi_ii = phi_i - sum_{j != i} Phi_ij},
 * so that every output's M x M matrix is symmetric, its row i sums to the Shapley value
 * {@code phi_i}, and all its entries sum to {@code prediction - base}. {@code SII_ij} is the
 * Shapley interaction index (Grabisch and Roubens 1999). Optionally also the Moebius (Harsanyi)
 * dividends of every coalition. Immutable, float64, stored as {@code [M, M, K]}; views (a pair's
 * map, the matrix at one output) are derived on request.
 */
public final class InteractionMaps {
    private final List<String> playerNames;
    private final OutputShape outputShape;
    private final int m;
    private final int k;
    /** {@code values[(i * M + j) * K + k]} = Phi_ij at output k. */
    private final double[] values;
    /** {@code moebius[mask * K + k]}, or null. */
    private final double[] moebius;

    private InteractionMaps(List<String> playerNames, OutputShape outputShape, double[] values, double[] moebius) {
        this.playerNames = List.copyOf(playerNames);
        this.outputShape = Objects.requireNonNull(outputShape, "outputShape");
        this.m = this.playerNames.size();
        this.k = outputShape.size();
        long need = (long) m * m * k;
        if (values.length != need) {
            throw new IllegalArgumentException("interaction values need M x M x K = " + m + " x " + m + " x " + k
                    + " = " + need + " entries, got " + values.length);
        }
        this.values = values;
        if (moebius != null && moebius.length != (1L << m) * k) {
            throw new IllegalArgumentException("Moebius dividends need 2^M x K = " + (1L << m) + " x " + k
                    + " entries, got " + moebius.length);
        }
        this.moebius = moebius;
    }

    /**
     * Interaction maps from their values (copied).
     *
     * @param playerNames the M player names
     * @param outputShape the shape of the K outputs
     * @param values      {@code [M, M, K]} flattened row-major: {@code values[(i * M + j) * K + k]} =
     *                    Phi_ij at output k. Not modified
     * @param moebius     {@code [2^M, K]}: the dividend of the coalition with bit mask {@code s} at
     *                    output k is {@code moebius[s * K + k]}; or null. Not modified
     * @throws IllegalArgumentException when a length does not match M and K
     */
    public static InteractionMaps of(List<String> playerNames, OutputShape outputShape, double[] values,
                                     double[] moebius) {
        return new InteractionMaps(playerNames, outputShape, values.clone(), moebius == null ? null : moebius.clone());
    }

    /** Wraps arrays the caller gives up (no copy); for {@link ExactTransform}. */
    static InteractionMaps wrap(List<String> playerNames, OutputShape outputShape, double[] values,
                                double[] moebius) {
        return new InteractionMaps(playerNames, outputShape, values, moebius);
    }

    /** The player names, in player order. */
    public List<String> playerNames() {
        return playerNames;
    }

    /** Number of players M. */
    public int players() {
        return m;
    }

    /** The shape of the K outputs. */
    public OutputShape outputShape() {
        return outputShape;
    }

    /** The SHAP interaction value {@code Phi_ij} at output {@code k}. */
    public double value(int i, int j, int k) {
        return values[offset(i, j) + checkOutput(k)];
    }

    /** {@code Phi_ij} at every output (a copy): the interaction map of a pair, or a player's main effect. */
    public double[] pair(int i, int j) {
        int o = offset(i, j);
        double[] out = new double[k];
        System.arraycopy(values, o, out, 0, k);
        return out;
    }

    /** {@code Phi_ij} as a {@code height x width} map of output plane {@code plane}. */
    public double[][] pairMap(int i, int j, int plane) {
        int h = outputShape.height();
        int w = outputShape.width();
        if (plane < 0 || plane >= outputShape.planes()) {
            throw new IllegalArgumentException("output plane " + plane + " does not exist; the output shape "
                    + outputShape + " has " + outputShape.planes() + " planes");
        }
        int o = offset(i, j);
        double[][] map = new double[h][w];
        for (int r = 0; r < h; r++) {
            System.arraycopy(values, o + (plane * h + r) * w, map[r], 0, w);
        }
        return map;
    }

    /**
     * The Shapley interaction index {@code SII_ij = 2 Phi_ij} of two different players at every output
     * (a copy).
     */
    public double[] shapleyInteractionIndex(int i, int j) {
        if (i == j) {
            throw new IllegalArgumentException("the Shapley interaction index is defined for two different players, "
                    + "got " + i + " twice (Phi_ii, the main effect, is pair(i, i))");
        }
        double[] out = pair(i, j);
        for (int t = 0; t < k; t++) {
            out[t] *= 2;
        }
        return out;
    }

    /** The symmetric M x M matrix {@code Phi_ij} at output {@code k}; it sums to prediction - base. */
    public double[][] matrix(int k) {
        checkOutput(k);
        double[][] out = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                out[i][j] = values[(i * m + j) * this.k + k];
            }
        }
        return out;
    }

    /** The sum of the matrix at output {@code k}: {@code prediction - base} there. */
    public double total(int k) {
        checkOutput(k);
        double s = 0;
        for (int ij = 0; ij < m * m; ij++) {
            s += values[ij * this.k + k];
        }
        return s;
    }

    /** All values as {@code [M, M, K]} flattened row-major (a copy), e.g. for an {@code .npy} file. */
    public double[] toArray() {
        return values.clone();
    }

    /** Whether the Moebius dividends were computed (on request, for M <= 8). */
    public boolean hasMoebiusDividends() {
        return moebius != null;
    }

    /**
     * The Moebius (Harsanyi) dividend {@code d(S) = sum_{T subset of S} (-1)^{|S|-|T|} v(T)} of the
     * coalition with bit mask {@code coalition} (bit p = player p) at every output (a copy).
     *
     * @throws IllegalStateException when the dividends were not requested
     */
    public double[] moebiusDividend(long coalition) {
        if (moebius == null) {
            throw new IllegalStateException("Moebius dividends were not computed: ask the explainer for them "
                    + "(ExactExplainer.Builder.moebiusDividends(true), at most " + ExactTransform.MOEBIUS_LIMIT
                    + " players)");
        }
        if (coalition < 0 || coalition >= 1L << m) {
            throw new IllegalArgumentException("coalition mask " + coalition + " is not a coalition of " + m
                    + " players (0.." + ((1L << m) - 1) + ")");
        }
        double[] out = new double[k];
        System.arraycopy(moebius, (int) coalition * k, out, 0, k);
        return out;
    }

    /** All Moebius dividends as {@code [2^M, K]} flattened row-major (a copy), when computed. */
    public Optional<double[]> moebiusDividends() {
        return moebius == null ? Optional.empty() : Optional.of(moebius.clone());
    }

    private int offset(int i, int j) {
        if (i < 0 || i >= m || j < 0 || j >= m) {
            throw new IllegalArgumentException("players (" + i + ", " + j + ") are not both among the " + m
                    + " players " + playerNames);
        }
        return (i * m + j) * k;
    }

    private int checkOutput(int k) {
        if (k < 0 || k >= this.k) {
            throw new IllegalArgumentException("output " + k + " does not exist; the output shape " + outputShape
                    + " has " + this.k + " outputs");
        }
        return k;
    }

    @Override
    public String toString() {
        return "InteractionMaps[players " + playerNames + ", outputs " + outputShape
                + (moebius != null ? ", with Moebius dividends" : "") + "]";
    }
}
