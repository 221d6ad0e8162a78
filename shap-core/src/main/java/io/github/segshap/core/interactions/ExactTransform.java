package io.github.segshap.core.interactions;

import io.github.segshap.core.model.OutputShape;
import org.apache.commons.math3.util.CombinatoricsUtils;

import java.util.Arrays;
import java.util.List;

/**
 * The linear maps of the table of all 2^M coalition values {@code v(S)} (one row of K outputs per
 * coalition, bit p of the row's index = player p) that an exact explanation needs, computed while
 * the rows stream through: the Shapley values and, on request, the pairwise Shapley interaction
 * index and the Moebius dividends. No model is called here.
 *
 * <p>Every value is {@code C v} with a fixed weight matrix C whose entry for coalition S depends
 * only on |S| and on which of the one or two players concerned are in S:
 * {@code phi_i = sum_S a(|S|) v(S) + sum_{S ∋ i} b(|S|) v(S)}, and
 * {@code SII_ij = sum_S c(|S|) v(S) + sum_{S ∋ i} d(|S|) v(S) + sum_{S ∋ j} d(|S|) v(S)
 * + sum_{S ∋ i, j} e(|S|) v(S)}. The sums over supersets of one or two players are taken for all
 * players at once by folding the table in half one bit at a time (each row is weighted once, then
 * added about twice for the first-order sums and three times for the second-order ones, instead of
 * M or M^2 / 2 times for the matrix product), on aligned blocks of at most 2^{@value #BLOCK_BITS}
 * coalitions and {@value #OUTPUT_BLOCK} outputs so the working set stays in cache. Memory: M x K
 * for the Shapley values, 2 M^2 x K more for the interactions, 2^M x K more for the dividends.
 *
 * <p>Use: {@link #add} the rows in any chunks of consecutive coalitions, each exactly once, then
 * read {@link #shapleyValues()} and {@link #interactions}. Not thread-safe.
 */
public final class ExactTransform {
    /** Largest player count for which the Moebius dividends (2^M x K values) are computed. */
    public static final int MOEBIUS_LIMIT = 8;
    static final int BLOCK_BITS = 9;
    static final int OUTPUT_BLOCK = 128;

    private final int m;
    private final int k;
    private final boolean withInteractions;
    private final boolean withMoebius;
    /** Shapley weights by coalition size 0..M: the shared term and the term of present players. */
    private final double[] shared;
    private final double[] present;
    /** Interaction weights by size 0..M: the shared term, one present player, both present. */
    private final double[] pairShared;
    private final double[] pairOne;
    private final double[] pairBoth;
    /** Sums over all coalitions with the shared weights. */
    private final double[] sharedSum;
    private final double[][] presentSum;
    private final double[] pairSharedSum;
    private final double[][] pairOneSum;
    /** {@code pairBothSum[i * M + j]} for i < j. */
    private final double[][] pairBothSum;
    private final double[][] table;
    private long seen;
    // scratch of one block
    /** One row of {@code OUTPUT_BLOCK} values per coalition of a block (separate arrays keep the loops vectorised). */
    private final double[][] buffer;
    private final double[][] pairBuffer;
    private final double[][] blockFirst;
    private final double[] blockTotal;
    private final double[][] blockPairFirst;
    private final double[][] blockPairSecond;
    private final double[][] scratchFirst;

    private ExactTransform(int m, int k, boolean interactions, boolean moebius) {
        if (m < 1 || m > 62) {
            throw new IllegalArgumentException("an exact transform needs 1..62 players, got " + m);
        }
        if (k < 1) {
            throw new IllegalArgumentException("an exact transform needs at least one output, got " + k);
        }
        if (moebius && m > MOEBIUS_LIMIT) {
            throw new IllegalArgumentException("Moebius dividends of " + m + " players would be 2^" + m + " x " + k
                    + " values: they are computed for at most " + MOEBIUS_LIMIT + " players");
        }
        this.m = m;
        this.k = k;
        this.withMoebius = moebius;
        this.withInteractions = interactions || moebius;
        double[] w = shapleyWeights(m);
        shared = new double[m + 1];
        present = new double[m + 1];
        for (int s = 0; s <= m; s++) {
            shared[s] = s < m ? -w[s] : 0;
            present[s] = (s > 0 ? w[s - 1] : 0) + (s < m ? w[s] : 0);
        }
        int bits = Math.min(m, BLOCK_BITS);
        int rows = 1 << bits;
        int ob = Math.min(k, OUTPUT_BLOCK);
        buffer = new double[rows][ob];
        blockFirst = new double[bits][ob];
        blockTotal = new double[ob];
        sharedSum = new double[k];
        presentSum = new double[m][k];
        if (withInteractions && m >= 2) {
            // SII_ij = sum_{S without i, j} w2(|S|) [v(S+ij) - v(S+i) - v(S+j) + v(S)], w2(s) = s!(M-2-s)!/(M-1)!
            double[] w2 = shapleyWeights(m - 1);
            pairShared = new double[m + 1];
            pairOne = new double[m + 1];
            pairBoth = new double[m + 1];
            for (int s = 0; s <= m; s++) {
                double none = s <= m - 2 ? w2[s] : 0;
                double one = s >= 1 && s <= m - 1 ? -w2[s - 1] : 0;
                double both = s >= 2 ? w2[s - 2] : 0;
                pairShared[s] = none;
                pairOne[s] = one - none;
                pairBoth[s] = both - 2 * one + none;
            }
            pairBuffer = new double[rows][ob];
            blockPairFirst = new double[bits][ob];
            blockPairSecond = new double[bits * bits][ob];
            scratchFirst = new double[bits][ob];
            pairSharedSum = new double[k];
            pairOneSum = new double[m][k];
            pairBothSum = new double[m * m][];
            for (int i = 0; i < m; i++) {
                for (int j = i + 1; j < m; j++) {
                    pairBothSum[i * m + j] = new double[k];
                }
            }
        } else {
            pairShared = pairOne = pairBoth = null;
            pairBuffer = null;
            blockPairFirst = blockPairSecond = scratchFirst = null;
            pairSharedSum = null;
            pairOneSum = pairBothSum = null;
        }
        table = moebius ? new double[1 << m][] : null;
    }

    /**
     * A transform for M players and K outputs.
     *
     * @param interactions whether to compute the pairwise interactions too
     * @param moebius      whether to compute the Moebius dividends too (at most
     *                     {@value #MOEBIUS_LIMIT} players; implies the interactions)
     */
    public static ExactTransform of(int players, int outputs, boolean interactions, boolean moebius) {
        return new ExactTransform(players, outputs, interactions, moebius);
    }

    /** {@code s! (n - s - 1)! / n!} for s = 0..n-1. */
    static double[] shapleyWeights(int n) {
        double[] w = new double[n];
        for (int s = 0; s < n; s++) {
            w[s] = 1.0 / (n * CombinatoricsUtils.binomialCoefficientDouble(n - 1, s));
        }
        return w;
    }

    /** Number of players M. */
    public int players() {
        return m;
    }

    /**
     * Adds the values of coalitions {@code first, first + 1, ..., first + values.length - 1} (as bit
     * masks).
     *
     * @param values {@code values[r][k]}: v of coalition {@code first + r} at output k; rows are read,
     *               not modified, and kept (not copied) when the dividends were asked for
     * @throws IllegalArgumentException when the range leaves the 2^M coalitions or a row is not K long
     */
    public void add(long first, double[][] values) {
        long total = 1L << m;
        if (first < 0 || first + values.length > total) {
            throw new IllegalArgumentException("coalitions " + first + ".." + (first + values.length - 1)
                    + " are not all among the 2^" + m + " = " + total + " coalitions");
        }
        for (int r = 0; r < values.length; r++) {
            if (values[r] == null || values[r].length != k) {
                throw new IllegalArgumentException("the value of coalition " + (first + r) + " needs " + k
                        + " outputs, got " + (values[r] == null ? "none" : values[r].length));
            }
        }
        int done = 0;
        while (done < values.length) {
            long start = first + done;
            int bits = Math.min(BLOCK_BITS, start == 0 ? m : Long.numberOfTrailingZeros(start));
            while ((1 << bits) > values.length - done) {
                bits--;
            }
            addBlock(start, bits, values, done);
            done += 1 << bits;
        }
        if (table != null) {
            for (int r = 0; r < values.length; r++) {
                table[(int) (first + r)] = values[r];
            }
        }
        seen += values.length;
    }

    /** One aligned block: coalitions {@code start .. start + 2^bits - 1}, rows from {@code values[from]}. */
    private void addBlock(long start, int bits, double[][] values, int from) {
        int rows = 1 << bits;
        long high = start >>> bits << bits;
        int highSize = Long.bitCount(high);
        boolean pairs = pairBuffer != null;
        for (int k0 = 0; k0 < k; k0 += OUTPUT_BLOCK) {
            int b = Math.min(OUTPUT_BLOCK, k - k0);
            // weight every row once: the shared sums directly, the superset sums into the buffers
            for (int r = 0; r < rows; r++) {
                int size = highSize + Integer.bitCount(r);
                double[] v = values[from + r];
                double ws = shared[size];
                double wp = present[size];
                double[] row = buffer[r];
                // two loops, each over arrays at one offset, vectorise better than one
                for (int x = 0; x < b; x++) {
                    sharedSum[k0 + x] += ws * v[k0 + x];
                }
                for (int x = 0; x < b; x++) {
                    row[x] = wp * v[k0 + x];
                }
                if (pairs) {
                    double wn = pairShared[size];
                    double wb = pairBoth[size];
                    double[] pairRow = pairBuffer[r];
                    for (int x = 0; x < b; x++) {
                        pairSharedSum[k0 + x] += wn * v[k0 + x];
                    }
                    for (int x = 0; x < b; x++) {
                        pairRow[x] = wb * v[k0 + x];
                    }
                }
            }
            fold(buffer, 0, bits, b, blockFirst, blockTotal);
            distributeFirst(presentSum, k0, b, bits, high, blockFirst, blockTotal);
            if (!pairs) {
                continue;
            }
            // the one-player interaction term: weighted again into the (now free) buffer and folded
            for (int r = 0; r < rows; r++) {
                double[] v = values[from + r];
                double wo = pairOne[highSize + Integer.bitCount(r)];
                double[] row = buffer[r];
                for (int x = 0; x < b; x++) {
                    row[x] = wo * v[k0 + x];
                }
            }
            fold(buffer, 0, bits, b, blockFirst, blockTotal);
            distributeFirst(pairOneSum, k0, b, bits, high, blockFirst, blockTotal);
            // the two-player term: pairs inside the block, a player inside with one of the prefix, two of the prefix
            secondOrderFold(pairBuffer, bits, b);
            for (int i = 0; i < bits; i++) {
                for (int j = i + 1; j < bits; j++) {
                    addTo(pairBothSum[i * m + j], k0, blockPairSecond[i * bits + j], b);
                }
            }
            for (int j = bits; j < m; j++) {
                if ((high >>> j & 1) == 0) {
                    continue;
                }
                for (int i = 0; i < bits; i++) {
                    addTo(pairBothSum[i * m + j], k0, blockPairFirst[i], b);
                }
                for (int i = bits; i < j; i++) {
                    if ((high >>> i & 1) != 0) {
                        addTo(pairBothSum[i * m + j], k0, blockTotal, b);
                    }
                }
            }
        }
    }

    /** Adds a block's first-order sums (bits below {@code bits}) and its total (bits set in {@code high}). */
    private void distributeFirst(double[][] sums, int k0, int b, int bits, long high, double[][] first,
                                 double[] total) {
        for (int i = 0; i < bits; i++) {
            addTo(sums[i], k0, first[i], b);
        }
        for (int i = bits; i < m; i++) {
            if ((high >>> i & 1) != 0) {
                addTo(sums[i], k0, total, b);
            }
        }
    }

    private static void addTo(double[] into, int k0, double[] add, int b) {
        for (int x = 0; x < b; x++) {
            into[k0 + x] += add[x];
        }
    }

    /**
     * First-order superset sums of the {@code 2^bits} rows of {@code b} values starting at row
     * {@code row}: {@code first[i]} = the sum of the rows with bit i, {@code total} = the sum of all
     * rows. Destroys the rows. About {@code 2 x rows x b} additions.
     */
    static void fold(double[][] buf, int row, int bits, int b, double[][] first, double[] total) {
        for (int bit = bits - 1; bit >= 0; bit--) {
            int half = 1 << bit;
            double[] s = first[bit];
            Arrays.fill(s, 0, b, 0);
            for (int r = 0; r < half; r++) {
                double[] lo = buf[row + r];
                double[] hi = buf[row + r + half];
                for (int x = 0; x < b; x++) {
                    double h = hi[x];
                    s[x] += h;
                    lo[x] += h;
                }
            }
        }
        System.arraycopy(buf[row], 0, total, 0, b);
    }

    /**
     * Second-order superset sums of the block's {@code 2^bits} rows in {@code buf}: into
     * {@link #blockPairSecond}{@code [i * bits + j]} (i < j) the sum of the rows with bits i and j,
     * into {@link #blockPairFirst}{@code [i]} the sum of the rows with bit i, into
     * {@link #blockTotal} the sum of all. Destroys the rows. About {@code 3 x rows x b} additions.
     */
    private void secondOrderFold(double[][] buf, int bits, int b) {
        for (int bit = bits - 1; bit >= 0; bit--) {
            int half = 1 << bit;
            for (int r = 0; r < half; r++) {
                double[] lo = buf[r];
                double[] hi = buf[r + half];
                for (int x = 0; x < b; x++) {
                    lo[x] += hi[x];
                }
            }
            // the upper half holds the rows with this bit: its own first-order sums give the pairs (i, bit)
            fold(buf, half, bit, b, scratchFirst, blockPairFirst[bit]);
            for (int i = 0; i < bit; i++) {
                System.arraycopy(scratchFirst[i], 0, blockPairSecond[i * bits + bit], 0, b);
            }
        }
        System.arraycopy(buf[0], 0, blockTotal, 0, b);
    }

    private void requireComplete() {
        if (seen != 1L << m) {
            throw new IllegalStateException(seen + " of the 2^" + m + " = " + (1L << m)
                    + " coalition values were added: every coalition is needed exactly once");
        }
    }

    /**
     * The Shapley values {@code phi[p][k]}.
     *
     * @throws IllegalStateException when not every coalition was added
     */
    public double[][] shapleyValues() {
        requireComplete();
        double[][] phi = new double[m][k];
        for (int p = 0; p < m; p++) {
            for (int x = 0; x < k; x++) {
                phi[p][x] = presentSum[p][x] + sharedSum[x];
            }
        }
        return phi;
    }

    /**
     * The interaction maps, with the Moebius dividends when they were asked for.
     *
     * @param playerNames the M player names
     * @param outputShape the shape of the K outputs
     * @throws IllegalStateException when not every coalition was added or interactions were not asked for
     */
    public InteractionMaps interactions(List<String> playerNames, OutputShape outputShape) {
        requireComplete();
        if (!withInteractions) {
            throw new IllegalStateException("this transform was made without interactions");
        }
        if (playerNames.size() != m || outputShape.size() != k) {
            throw new IllegalArgumentException(playerNames.size() + " names and output shape " + outputShape + " ("
                    + outputShape.size() + " outputs) for a transform of " + m + " players and " + k + " outputs");
        }
        double[][] phi = shapleyValues();
        double[] values = new double[m * m * k];
        if (m == 1) {
            System.arraycopy(phi[0], 0, values, 0, k);
        } else {
            for (int i = 0; i < m; i++) {
                for (int j = i + 1; j < m; j++) {
                    double[] both = pairBothSum[i * m + j];
                    int ij = (i * m + j) * k;
                    int ji = (j * m + i) * k;
                    for (int x = 0; x < k; x++) {
                        double sii = pairSharedSum[x] + pairOneSum[i][x] + pairOneSum[j][x] + both[x];
                        values[ij + x] = sii / 2;
                        values[ji + x] = sii / 2;
                    }
                }
            }
            for (int i = 0; i < m; i++) {
                int ii = (i * m + i) * k;
                for (int x = 0; x < k; x++) {
                    double s = phi[i][x];
                    for (int j = 0; j < m; j++) {
                        if (j != i) {
                            s -= values[(i * m + j) * k + x];
                        }
                    }
                    values[ii + x] = s;
                }
            }
        }
        return InteractionMaps.wrap(playerNames, outputShape, values, withMoebius ? moebius() : null);
    }

    /** The fast Moebius transform of the table: for every bit, subtract the row without it. */
    private double[] moebius() {
        int n = 1 << m;
        double[] d = new double[n * k];
        for (int s = 0; s < n; s++) {
            System.arraycopy(table[s], 0, d, s * k, k);
        }
        for (int bit = 0; bit < m; bit++) {
            for (int s = 0; s < n; s++) {
                if ((s >>> bit & 1) != 0) {
                    int to = s * k;
                    int fromRow = (s ^ (1 << bit)) * k;
                    for (int x = 0; x < k; x++) {
                        d[to + x] -= d[fromRow + x];
                    }
                }
            }
        }
        return d;
    }
}
