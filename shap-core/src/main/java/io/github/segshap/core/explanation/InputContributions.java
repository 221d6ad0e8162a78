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
        double[][] edges = openEdges(ex.players(), innerEdges);
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

    /** Checks the inner edges and adds an open bin at each end, the same for each of m players. */
    private static double[][] openEdges(int m, double[] innerEdges) {
        if (innerEdges.length == 0) {
            throw new IllegalArgumentException("need at least one bin edge");
        }
        for (int i = 0; i < innerEdges.length; i++) {
            if (!Double.isFinite(innerEdges[i]) || (i > 0 && !(innerEdges[i] > innerEdges[i - 1]))) {
                throw new IllegalArgumentException("bin edges must be finite and increasing, got "
                        + Arrays.toString(innerEdges));
            }
        }
        double[][] edges = new double[m][];
        for (int p = 0; p < m; p++) {
            edges[p] = new double[innerEdges.length + 2];
            edges[p][0] = Double.NEGATIVE_INFINITY;
            System.arraycopy(innerEdges, 0, edges[p], 1, innerEdges.length);
            edges[p][innerEdges.length + 1] = Double.POSITIVE_INFINITY;
        }
        return edges;
    }

    private static InputContributions compute(Explanations ex, List<boolean[]> masks, boolean inside,
                                              double[][] edges) {
        new Cohort(ex, masks, inside); // checks the pairing and the masks
        Accumulator acc = new Accumulator(ex.playerNames(), edges);
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < ex.size(); i++) {
                acc.add(ex.get(i), ex.input(i), masks == null ? null : masks.get(i), inside);
            }
            if (pass == 0) {
                acc.secondPass();
            }
        }
        return acc.result();
    }

    /**
     * Sums image after image towards {@link InputContributions} with fixed bins, in two passes over
     * the same images in the same order (means first, then centred sums, so the correlation has no
     * cancellation): {@link #add} every image, {@link #secondPass()}, {@link #add} every image
     * again, {@link #result()}. Fed the images of a batch in order (e.g. a range at a time from an
     * {@link ExplanationChunks}), it gives {@link #withEdges}'s numbers to the bit. Not thread-safe.
     */
    public static final class Accumulator {
        private final List<String> players;
        private final double[][] edges;
        private final double[] sx;
        private final double[] sy;
        private final double[] lo;
        private final double[] hi;
        private final long[] n;
        private final long[][] binN;
        private final double[][] binX;
        private final double[][] binY;
        private final double[][] binAbs;
        private final double[] sxx;
        private final double[] syy;
        private final double[] sxy;
        private long outputs;
        private int pass;

        private Accumulator(List<String> players, double[][] edges) {
            int m = players.size();
            this.players = List.copyOf(players);
            this.edges = edges;
            sx = new double[m];
            sy = new double[m];
            lo = new double[m];
            hi = new double[m];
            Arrays.fill(lo, Double.POSITIVE_INFINITY);
            Arrays.fill(hi, Double.NEGATIVE_INFINITY);
            n = new long[m];
            binN = new long[m][];
            binX = new double[m][];
            binY = new double[m][];
            binAbs = new double[m][];
            for (int p = 0; p < m; p++) {
                int nb = edges[p].length - 1;
                binN[p] = new long[nb];
                binX[p] = new double[nb];
                binY[p] = new double[nb];
                binAbs[p] = new double[nb];
            }
            sxx = new double[m];
            syy = new double[m];
            sxy = new double[m];
        }

        /** An accumulator with the bins of {@link InputContributions#withEdges} for these players. */
        public static Accumulator withEdges(List<String> players, double... innerEdges) {
            return new Accumulator(players, openEdges(players.size(), innerEdges));
        }

        /**
         * Adds one image's outputs inside its mask (or outside it) to the current pass.
         *
         * @param e      the image's explanation, one player per input channel
         * @param input  its explained input, of the output maps' height and width
         * @param mask   {@code outputs} entries, or null for every output
         * @param inside true for the outputs where the mask is set, false for the others
         * @throws IllegalArgumentException when the players are not the input channels or the shapes differ
         * @throws IllegalStateException    after {@link #result()}
         */
        public Accumulator add(Explanation e, io.github.segshap.core.image.Image input, boolean[] mask,
                               boolean inside) {
            var is = input.shape();
            var os = e.outputShape();
            if (!e.playerNames().equals(players) || is.channels() != players.size() || os.height() != is.height()
                    || os.width() != is.width()) {
                throw new IllegalArgumentException("explanation of players " + e.playerNames() + ", outputs " + os
                        + " and input " + is + " does not pair one player of " + players + " per channel");
            }
            int k = os.size();
            if (mask != null && mask.length != k) {
                throw new IllegalArgumentException("mask of " + mask.length + " entries for " + k + " outputs");
            }
            if (pass > 1) {
                throw new IllegalStateException("the result was already taken");
            }
            int pixels = is.pixels();
            int m = players.size();
            for (int o = 0; o < k; o++) {
                if (mask != null && mask[o] != inside) {
                    continue;
                }
                int pixel = o % pixels;
                if (pass == 0) {
                    outputs++;
                }
                for (int p = 0; p < m; p++) {
                    double x = input.valueAt(p * pixels + pixel);
                    double v = e.value(p, o);
                    if (pass == 0) {
                        first(p, x, v);
                    } else {
                        double dx = x - sx[p] / n[p];
                        double dy = v - sy[p] / n[p];
                        sxx[p] += dx * dx;
                        syy[p] += dy * dy;
                        sxy[p] += dx * dy;
                    }
                }
            }
            return this;
        }

        private void first(int p, double x, double v) {
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
        }

        /**
         * Ends the first pass: the images are then added again, in the same order.
         *
         * @throws IllegalStateException when called twice
         */
        public Accumulator secondPass() {
            if (pass != 0) {
                throw new IllegalStateException("already in the second pass");
            }
            pass = 1;
            return this;
        }

        /**
         * The statistics, after both passes.
         *
         * @throws IllegalStateException before {@link #secondPass()}
         */
        public InputContributions result() {
            if (pass == 0) {
                throw new IllegalStateException("the second pass over the images has not been made");
            }
            pass = 2;
            int m = players.size();
            double[] corr = new double[m];
            double[] min = lo.clone();
            double[] max = hi.clone();
            List<List<Bin>> bins = new ArrayList<>();
            for (int p = 0; p < m; p++) {
                corr[p] = sxx[p] > 0 && syy[p] > 0 ? sxy[p] / Math.sqrt(sxx[p] * syy[p]) : Double.NaN;
                if (n[p] == 0) {
                    min[p] = Double.NaN;
                    max[p] = Double.NaN;
                }
                List<Bin> list = new ArrayList<>();
                for (int b = 0; b < binN[p].length; b++) {
                    long c = binN[p][b];
                    list.add(new Bin(edges[p][b], edges[p][b + 1], c, div(binX[p][b], c), div(binY[p][b], c),
                            div(binAbs[p][b], c)));
                }
                bins.add(list);
            }
            return new InputContributions(players, outputs, corr, min, max, bins);
        }
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
