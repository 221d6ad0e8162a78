package io.github.segshap.core.explainers;

import io.github.segshap.core.evaluation.Coalition;
import org.apache.commons.math3.util.CombinatoricsUtils;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Which coalitions Kernel SHAP evaluates and with what weight, following shap's KernelExplainer:
 * coalition sizes are taken from the smallest and largest inwards; a size (with its complement
 * size) is enumerated completely while the budget covers it at its share of the rows (its
 * Shapley-kernel weight, or with {@link KernelSampling#LEVERAGE} an equal share per size); the
 * remaining sizes are sampled. Every row's regression weight is its kernel weight divided by its
 * inclusion probability (a stratum's kernel weight split evenly over its rows). Unlike shap, sampling is stratified by size (each remaining size
 * gets its share of draws, drawn without repeats) and every draw of a paired size brings its
 * complement; the draws are kept in random order so that a prefix of them is again a valid design
 * (used to stop early at a target standard error).
 */
final class KernelDesign {
    /** The enumerated coalitions, with their final weights. */
    final List<Coalition> fixed = new ArrayList<>();
    final List<Double> fixedWeights = new ArrayList<>();
    /** The sampled draws in random order: each one or two coalitions (a subset and its complement). */
    final List<Coalition[]> draws = new ArrayList<>();
    /** The size stratum (index into {@link #strataWeight}) of each draw. */
    final List<Integer> drawStratum = new ArrayList<>();
    /** Total kernel weight of each sampled stratum. */
    final double[] strataWeight;
    /** Rows per draw in each stratum (2 when paired with the complement). */
    final int[] strataRows;

    private KernelDesign(int strata) {
        strataWeight = new double[strata];
        strataRows = new int[strata];
    }

    /**
     * @param m      number of players, at least 2
     * @param rows   coalitions to use besides the empty and the grand one, at least 1
     * @param paired whether sampled coalitions bring their complements
     * @param seed   the sampling seed
     */
    static KernelDesign of(int m, long rows, boolean paired, long seed) {
        return of(m, rows, paired, KernelSampling.KERNEL_WEIGHT, seed);
    }

    /**
     * @param sampling how the rows are shared among the coalition sizes: in proportion to their
     *                 kernel weight, or evenly (leverage scores)
     */
    static KernelDesign of(int m, long rows, boolean paired, KernelSampling sampling, long seed) {
        int sizes = (m - 1 + 1) / 2;            // ceil((M-1)/2)
        int pairedSizes = (m - 1) / 2;          // floor((M-1)/2)
        double[] weight = new double[sizes];
        double sum = 0;
        for (int s = 1; s <= sizes; s++) {
            weight[s - 1] = (m - 1.0) / (s * (double) (m - s));
            if (s <= pairedSizes) {
                weight[s - 1] *= 2;
            }
            sum += weight[s - 1];
        }
        for (int s = 0; s < sizes; s++) {
            weight[s] /= sum;
        }
        // the share of the rows each stratum (a size with its complement size) gets
        double[] allocation = new double[sizes];
        double allocated = 0;
        for (int s = 1; s <= sizes; s++) {
            allocation[s - 1] = sampling == KernelSampling.LEVERAGE ? (s <= pairedSizes ? 2 : 1) : weight[s - 1];
            allocated += allocation[s - 1];
        }
        for (int s = 0; s < sizes; s++) {
            allocation[s] /= allocated;
        }
        int full = 0;
        double left = rows;
        double[] remaining = allocation.clone();
        for (int s = 1; s <= sizes; s++) {
            double subsets = CombinatoricsUtils.binomialCoefficientDouble(m, s) * (s <= pairedSizes ? 2 : 1);
            if (left * remaining[s - 1] / subsets >= 1.0 - 1e-8) {
                full++;
                left -= subsets;
                if (remaining[s - 1] < 1.0) {
                    double r = remaining[s - 1];
                    for (int t = 0; t < sizes; t++) {
                        remaining[t] /= (1 - r);
                    }
                }
            } else {
                break;
            }
        }
        KernelDesign d = new KernelDesign(sizes - full);
        for (int s = 1; s <= full; s++) {
            boolean pairedSize = s <= pairedSizes;
            double w = weight[s - 1] / CombinatoricsUtils.binomialCoefficientDouble(m, s) / (pairedSize ? 2 : 1);
            for (int[] combo : combinations(m, s)) {
                Coalition c = Coalition.ofPlayers(m, combo);
                d.fixed.add(c);
                d.fixedWeights.add(w);
                if (pairedSize) {
                    d.fixed.add(c.complement());
                    d.fixedWeights.add(w);
                }
            }
        }
        if (full == sizes || left < 1) {
            return d;
        }
        // stratified allocation of the remaining rows over the remaining sizes
        int strata = sizes - full;
        double[] share = new double[strata];
        double rowsPerWeight = 0;
        for (int i = 0; i < strata; i++) {
            int s = full + 1 + i;
            d.strataWeight[i] = weight[s - 1];
            d.strataRows[i] = paired && s <= pairedSizes ? 2 : 1;
            // rows in proportion to the stratum's allocation: a paired draw brings two rows
            share[i] = allocation[s - 1] / d.strataRows[i];
            rowsPerWeight += share[i] * d.strataRows[i];
        }
        long[] drawsPer = new long[strata];
        double[] frac = new double[strata];
        long used = 0;
        for (int i = 0; i < strata; i++) {
            double exact = left * share[i] / rowsPerWeight;
            drawsPer[i] = (long) Math.floor(exact);
            frac[i] = exact - drawsPer[i];
            used += drawsPer[i] * d.strataRows[i];
        }
        // hand out what the rounding left, largest remainder first
        while (true) {
            int best = -1;
            for (int i = 0; i < strata; i++) {
                if (used + d.strataRows[i] <= left && (best < 0 || frac[i] > frac[best])) {
                    best = i;
                }
            }
            if (best < 0 || frac[best] <= 0) {
                break;
            }
            drawsPer[best]++;
            frac[best] = 0;
            used += d.strataRows[best];
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Coalition[]> draws = new ArrayList<>();
        List<Integer> stratum = new ArrayList<>();
        for (int i = 0; i < strata; i++) {
            int s = full + 1 + i;
            boolean pairedDraw = d.strataRows[i] == 2;
            double distinct = CombinatoricsUtils.binomialCoefficientDouble(m, s)
                    * (!pairedDraw && s <= pairedSizes ? 2 : 1);
            long n = (long) Math.min(drawsPer[i], distinct);
            Set<Coalition> seen = new HashSet<>();
            int[] perm = new int[m];
            for (int p = 0; p < m; p++) {
                perm[p] = p;
            }
            while (seen.size() < n) {
                for (int p = 0; p < s; p++) {
                    int j = p + random.nextInt(m - p);
                    int t = perm[p];
                    perm[p] = perm[j];
                    perm[j] = t;
                }
                Coalition c = Coalition.ofPlayers(m, java.util.Arrays.copyOf(perm, s));
                if (!pairedDraw && s <= pairedSizes && random.nextBoolean()) {
                    // the stratum holds sizes s and M - s: an unpaired draw takes either with equal chance
                    c = c.complement();
                }
                if (seen.add(c)) {
                    draws.add(pairedDraw ? new Coalition[] {c, c.complement()} : new Coalition[] {c});
                    stratum.add(i);
                }
            }
        }
        // random order, so that any prefix samples every stratum in proportion
        int[] order = new int[draws.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i : order) {
            d.draws.add(draws.get(i));
            d.drawStratum.add(stratum.get(i));
        }
        return d;
    }

    /** Total rows (coalitions) of the first {@code draws} draws plus the enumerated ones. */
    int rows(int drawCount) {
        int r = fixed.size();
        for (int i = 0; i < drawCount; i++) {
            r += draws.get(i).length;
        }
        return r;
    }

    /**
     * The weight of every row of the design made of the enumerated coalitions and the first
     * {@code drawCount} draws: a stratum's weight is split evenly over its rows; strata with no
     * draw yet pass their weight to the others.
     */
    double[] weights(int drawCount) {
        int strata = strataWeight.length;
        int[] count = new int[strata];
        for (int i = 0; i < drawCount; i++) {
            count[drawStratum.get(i)]++;
        }
        double total = 0;
        double present = 0;
        for (int i = 0; i < strata; i++) {
            total += strataWeight[i];
            if (count[i] > 0) {
                present += strataWeight[i];
            }
        }
        double scale = present > 0 ? total / present : 0;
        double[] w = new double[rows(drawCount)];
        int r = 0;
        for (double fw : fixedWeights) {
            w[r++] = fw;
        }
        for (int i = 0; i < drawCount; i++) {
            int st = drawStratum.get(i);
            double each = strataWeight[st] * scale / (count[st] * (double) draws.get(i).length);
            for (int j = 0; j < draws.get(i).length; j++) {
                w[r++] = each;
            }
        }
        return w;
    }

    private static List<int[]> combinations(int m, int s) {
        List<int[]> out = new ArrayList<>();
        int[] c = new int[s];
        for (int i = 0; i < s; i++) {
            c[i] = i;
        }
        while (true) {
            out.add(c.clone());
            int i = s - 1;
            while (i >= 0 && c[i] == m - s + i) {
                i--;
            }
            if (i < 0) {
                return out;
            }
            c[i]++;
            for (int j = i + 1; j < s; j++) {
                c[j] = c[j - 1] + 1;
            }
        }
    }
}
