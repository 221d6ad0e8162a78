package io.github.segshap.core.explanation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How each player's contribution depends on its input value, over a cohort of outputs (all outputs
 * of all images, or those inside or outside a mask): per player the Pearson correlation of input
 * value and contribution, the input range, and the mean contribution in bins of the input value.
 * Immutable.
 *
 * <p>Only for explanations whose players are the input channels (player p is channel p), that keep
 * their inputs, and whose output maps have the image's height and width: output
 * {@code (plane, row, column)} is paired with input {@code (p, row, column)} of the same image.
 *
 * <p>Made by {@link #withEdges} (fixed inner bin edges plus one open bin at each end, e.g. half a
 * standard deviation from -3 to 3 for standardised inputs) or {@link #equalWidth} (equal-width bins
 * over each player's input range in the cohort).
 */
public final class InputContributions {
    private final List<String> players;
    private final long outputs;
    private final double[] correlation;
    private final double[] minInput;
    private final double[] maxInput;
    private final List<List<Bin>> bins;

    /**
     * The outputs of one bin: input values in {@code [lower, upper)} (the last bin of
     * {@link #equalWidth} also holds {@code upper}).
     *
     * @param lower            lower edge ({@code -Infinity} for an open first bin)
     * @param upper            upper edge ({@code +Infinity} for an open last bin)
     * @param count            outputs in the bin
     * @param meanInput        mean input value (NaN when empty)
     * @param meanContribution mean signed contribution (NaN when empty)
     * @param meanAbs          mean |contribution| (NaN when empty)
     */
    public record Bin(double lower, double upper, long count, double meanInput, double meanContribution,
                      double meanAbs) {
    }

    private InputContributions(List<String> players, long outputs, double[] correlation, double[] minInput,
                               double[] maxInput, List<List<Bin>> bins) {
        this.players = List.copyOf(players);
        this.outputs = outputs;
        this.correlation = correlation;
        this.minInput = minInput;
        this.maxInput = maxInput;
        List<List<Bin>> b = new ArrayList<>();
        bins.forEach(l -> b.add(List.copyOf(l)));
        this.bins = List.copyOf(b);
    }

    /**
     * Statistics with fixed bins: {@code innerEdges.length + 1} bins, the first below
     * {@code innerEdges[0]}, the last from the last edge up.
     *
     * @param ex         explanations with inputs, one player per input channel
     * @param masks      one mask per image ({@code outputShape().size()} entries), or null for every output
     * @param inside     true for the outputs where the mask is set, false for the others
     * @param innerEdges increasing bin edges, at least one
     * @throws IllegalArgumentException when the explanations do not pair players with channels, a
     *                                  mask has the wrong length, or the edges do not increase
     */
    public static InputContributions withEdges(Explanations ex, List<boolean[]> masks, boolean inside,
                                               double... innerEdges) {
        if (innerEdges.length == 0) {
            throw new IllegalArgumentException("need at least one bin edge");
        }
        for (int i = 0; i < innerEdges.length; i++) {
            if (!Double.isFinite(innerEdges[i]) || (i > 0 && !(innerEdges[i] > innerEdges[i - 1]))) {
                throw new IllegalArgumentException("bin edges must be finite and increasing, got "
                        + Arrays.toString(innerEdges));
            }
        }
        int m = ex.players();
        double[][] edges = new double[m][];
        for (int p = 0; p < m; p++) {
            edges[p] = new double[innerEdges.length + 2];
            edges[p][0] = Double.NEGATIVE_INFINITY;
            System.arraycopy(innerEdges, 0, edges[p], 1, innerEdges.length);
            edges[p][innerEdges.length + 1] = Double.POSITIVE_INFINITY;
        }
        return compute(ex, masks, inside, edges);
    }

    /**
     * Statistics with {@code bins} equal-width bins between each player's smallest and largest input
     * value in the cohort (one bin when they are equal).
     *
     * @param ex     explanations with inputs, one player per input channel
     * @param masks  one mask per image, or null for every output
     * @param inside true for the outputs where the mask is set, false for the others
     * @param bins   number of bins, at least 1
     */
    public static InputContributions equalWidth(Explanations ex, List<boolean[]> masks, boolean inside, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("need at least one bin, got " + bins);
        }
        Cohort c = new Cohort(ex, masks, inside);
        int m = ex.players();
        double[] lo = new double[m];
        double[] hi = new double[m];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        c.forEach((p, x, v) -> {
            lo[p] = Math.min(lo[p], x);
            hi[p] = Math.max(hi[p], x);
        });
        double[][] edges = new double[m][];
        for (int p = 0; p < m; p++) {
            if (!(hi[p] > lo[p])) {
                double at = lo[p] <= hi[p] ? lo[p] : 0;
                edges[p] = new double[] {at, Math.nextUp(at)};
                continue;
            }
            edges[p] = new double[bins + 1];
            for (int b = 0; b <= bins; b++) {
                edges[p][b] = lo[p] + (hi[p] - lo[p]) * b / bins;
            }
            edges[p][bins] = hi[p];
        }
        return compute(ex, masks, inside, edges);
    }

    private static InputContributions compute(Explanations ex, List<boolean[]> masks, boolean inside,
                                              double[][] edges) {
        Cohort c = new Cohort(ex, masks, inside);
        int m = ex.players();
        double[] sx = new double[m];
        double[] sy = new double[m];
        double[] lo = new double[m];
        double[] hi = new double[m];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        long[] n = new long[m];
        long[][] binN = new long[m][];
        double[][] binX = new double[m][];
        double[][] binY = new double[m][];
        double[][] binAbs = new double[m][];
        for (int p = 0; p < m; p++) {
            int nb = edges[p].length - 1;
            binN[p] = new long[nb];
            binX[p] = new double[nb];
            binY[p] = new double[nb];
            binAbs[p] = new double[nb];
        }
        // two passes: means first, then centred sums (no cancellation in the correlation)
        c.forEach((p, x, v) -> {
            n[p]++;
            sx[p] += x;
            sy[p] += v;
            lo[p] = Math.min(lo[p], x);
            hi[p] = Math.max(hi[p], x);
            int b = bin(edges[p], x);
            binN[p][b]++;
            binX[p][b] += x;
            binY[p][b] += v;
            binAbs[p][b] += Math.abs(v);
        });
        double[] sxx = new double[m];
        double[] syy = new double[m];
        double[] sxy = new double[m];
        c.forEach((p, x, v) -> {
            double dx = x - sx[p] / n[p];
            double dy = v - sy[p] / n[p];
            sxx[p] += dx * dx;
            syy[p] += dy * dy;
            sxy[p] += dx * dy;
        });
        double[] corr = new double[m];
        List<List<Bin>> bins = new ArrayList<>();
        for (int p = 0; p < m; p++) {
            corr[p] = sxx[p] > 0 && syy[p] > 0 ? sxy[p] / Math.sqrt(sxx[p] * syy[p]) : Double.NaN;
            if (n[p] == 0) {
                lo[p] = Double.NaN;
                hi[p] = Double.NaN;
            }
            List<Bin> list = new ArrayList<>();
            for (int b = 0; b < binN[p].length; b++) {
                long k = binN[p][b];
                list.add(new Bin(edges[p][b], edges[p][b + 1], k, div(binX[p][b], k), div(binY[p][b], k),
                        div(binAbs[p][b], k)));
            }
            bins.add(list);
        }
        return new InputContributions(ex.playerNames(), c.outputs, corr, lo, hi, bins);
    }

    /** Index of the bin of x: {@code edges[b] <= x < edges[b + 1]}, the last bin closed above. */
    private static int bin(double[] edges, double x) {
        int last = edges.length - 2;
        int b = Arrays.binarySearch(edges, x);
        int i = b >= 0 ? b : -b - 2;
        return Math.max(0, Math.min(last, i));
    }

    private static double div(double s, long n) {
        return n == 0 ? Double.NaN : s / n;
    }

    /** The player names. */
    public List<String> players() {
        return players;
    }

    /** Number of outputs in the cohort (over all images; each pairs one input with every player). */
    public long outputs() {
        return outputs;
    }

    /** Pearson correlation of input value and contribution for player p (NaN when either is constant). */
    public double correlation(int p) {
        return correlation[p];
    }

    /** Smallest input value of player p's channel in the cohort (NaN for an empty cohort). */
    public double minInput(int p) {
        return minInput[p];
    }

    /** Largest input value of player p's channel in the cohort (NaN for an empty cohort). */
    public double maxInput(int p) {
        return maxInput[p];
    }

    /** Player p's bins, in increasing input order. */
    public List<Bin> bins(int p) {
        return bins.get(p);
    }

    /** Visits the (player, input, contribution) pairs of one cohort. */
    private static final class Cohort {
        private final Explanations ex;
        private final List<boolean[]> masks;
        private final boolean inside;
        private final long outputs;

        Cohort(Explanations ex, List<boolean[]> masks, boolean inside) {
            if (!ex.hasInputs()) {
                throw new IllegalArgumentException("the explanations do not keep their inputs: no input values to"
                        + " relate contributions to");
            }
            if (ex.players() != ex.imageShape().channels()) {
                throw new IllegalArgumentException(ex.players() + " players " + ex.playerNames() + " but the images have "
                        + ex.imageShape().channels() + " channels: input statistics need one player per channel");
            }
            if (ex.outputShape().height() != ex.imageShape().height()
                    || ex.outputShape().width() != ex.imageShape().width()) {
                throw new IllegalArgumentException("output maps " + ex.outputShape() + " are not the size of the images "
                        + ex.imageShape() + ": no input value per output");
            }
            int k = ex.outputShape().size();
            if (masks != null && masks.size() != ex.size()) {
                throw new IllegalArgumentException(masks.size() + " masks for " + ex.size() + " images");
            }
            long count = 0;
            for (int i = 0; i < ex.size(); i++) {
                boolean[] mask = masks == null ? null : masks.get(i);
                if (mask != null && mask.length != k) {
                    throw new IllegalArgumentException("mask " + i + " (" + ex.id(i) + ") has " + mask.length
                            + " entries, the outputs " + k);
                }
                for (int o = 0; o < k; o++) {
                    if (mask == null || mask[o] == inside) {
                        count++;
                    }
                }
            }
            this.ex = ex;
            this.masks = masks;
            this.inside = inside;
            this.outputs = count;
        }

        void forEach(Visitor v) {
            int k = ex.outputShape().size();
            int pixels = ex.imageShape().pixels();
            int m = ex.players();
            for (int i = 0; i < ex.size(); i++) {
                boolean[] mask = masks == null ? null : masks.get(i);
                Explanation e = ex.get(i);
                var input = ex.input(i);
                for (int o = 0; o < k; o++) {
                    if (mask != null && mask[o] != inside) {
                        continue;
                    }
                    int pixel = o % pixels;
                    for (int p = 0; p < m; p++) {
                        v.visit(p, input.valueAt(p * pixels + pixel), e.value(p, o));
                    }
                }
            }
        }
    }

    @FunctionalInterface
    private interface Visitor {
        void visit(int player, double input, double contribution);
    }
}
