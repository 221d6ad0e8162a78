package io.github.segshap.core.explanation;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.OutputShape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputContributionsTest {
    private static final ImageShape SHAPE = new ImageShape(2, 3, 4);
    private static final List<String> PLAYERS = List.of("a", "b");

    /** Images whose player-0 contribution grows with channel 0; two output planes to pair by pixel. */
    private static Explanations batch(Random r, int n, OutputShape os) {
        List<Explanation> items = new ArrayList<>();
        List<Image> inputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Image x = ExplanationsTest.randomImage(r, SHAPE);
            Explanation e = ExplanationsTest.random(r, PLAYERS, os, false);
            double[][] v = {e.values(0), e.values(1)};
            for (int o = 0; o < os.size(); o++) {
                v[0][o] = 2 * x.valueAt(o % SHAPE.pixels()) + 0.1 * v[0][o];
            }
            double[] out = e.baseValues();
            for (int o = 0; o < os.size(); o++) {
                out[o] += v[0][o] + v[1][o];
            }
            items.add(Explanation.builder(PLAYERS, os).baseValues(e.baseValues()).values(v).outputs(out)
                    .explainer("exact").build());
            inputs.add(x);
        }
        return Explanations.of(inputs, items, null);
    }

    private static List<boolean[]> masks(Random r, int n, int k) {
        List<boolean[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean[] m = new boolean[k];
            for (int o = 0; o < k; o++) {
                m[o] = r.nextBoolean();
            }
            out.add(m);
        }
        return out;
    }

    /** The (input, contribution) pairs of player p in the cohort, listed one by one. */
    private static List<double[]> pairs(Explanations ex, List<boolean[]> masks, boolean inside, int p) {
        List<double[]> out = new ArrayList<>();
        OutputShape os = ex.outputShape();
        for (int i = 0; i < ex.size(); i++) {
            for (int plane = 0; plane < os.planes(); plane++) {
                for (int row = 0; row < os.height(); row++) {
                    for (int col = 0; col < os.width(); col++) {
                        int o = (plane * os.height() + row) * os.width() + col;
                        if (masks != null && masks.get(i)[o] != inside) {
                            continue;
                        }
                        out.add(new double[] {ex.input(i).get(p, row, col), ex.get(i).value(p, o)});
                    }
                }
            }
        }
        return out;
    }

    private static double pearson(List<double[]> xy) {
        int n = xy.size();
        double mx = 0, my = 0;
        for (double[] q : xy) {
            mx += q[0] / n;
            my += q[1] / n;
        }
        double sxy = 0, sxx = 0, syy = 0;
        for (double[] q : xy) {
            sxy += (q[0] - mx) * (q[1] - my);
            sxx += (q[0] - mx) * (q[0] - mx);
            syy += (q[1] - my) * (q[1] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    @Test
    void fixedEdgesMatchBruteForceInsideAndOutsideMasks() {
        Random r = new Random(3);
        OutputShape os = OutputShape.of(2, 3, 4);
        Explanations ex = batch(r, 5, os);
        List<boolean[]> masks = masks(r, 5, os.size());
        double[] edges = {-1, -0.25, 0.5};
        for (boolean inside : new boolean[] {true, false}) {
            InputContributions s = InputContributions.withEdges(ex, masks, inside, edges);
            for (int p = 0; p < 2; p++) {
                List<double[]> xy = pairs(ex, masks, inside, p);
                assertEquals(xy.size(), s.outputs());
                assertEquals(pearson(xy), s.correlation(p), 1e-12);
                List<InputContributions.Bin> bins = s.bins(p);
                assertEquals(edges.length + 1, bins.size());
                long total = 0;
                for (int b = 0; b < bins.size(); b++) {
                    double lo = b == 0 ? Double.NEGATIVE_INFINITY : edges[b - 1];
                    double hi = b == edges.length ? Double.POSITIVE_INFINITY : edges[b];
                    double sx = 0, sy = 0, sa = 0;
                    long n = 0;
                    for (double[] q : xy) {
                        if (q[0] >= lo && q[0] < hi) {
                            n++;
                            sx += q[0];
                            sy += q[1];
                            sa += Math.abs(q[1]);
                        }
                    }
                    InputContributions.Bin bin = bins.get(b);
                    assertEquals(lo, bin.lower());
                    assertEquals(hi, bin.upper());
                    assertEquals(n, bin.count(), "bin " + b);
                    assertEquals(n == 0 ? Double.NaN : sx / n, bin.meanInput(), 1e-12);
                    assertEquals(n == 0 ? Double.NaN : sy / n, bin.meanContribution(), 1e-12);
                    assertEquals(n == 0 ? Double.NaN : sa / n, bin.meanAbs(), 1e-12);
                    total += n;
                }
                assertEquals(xy.size(), total);
            }
        }
        // player 0's contribution is 2 x input plus a little noise
        assertTrue(InputContributions.withEdges(ex, null, true, 0).correlation(0) > 0.95);
    }

    @Test
    void equalWidthBinsSpanTheInputRangeAndHoldEveryOutput() {
        Random r = new Random(5);
        OutputShape os = OutputShape.map(3, 4);
        Explanations ex = batch(r, 4, os);
        InputContributions s = InputContributions.equalWidth(ex, null, true, 7);
        for (int p = 0; p < 2; p++) {
            List<double[]> xy = pairs(ex, null, true, p);
            double lo = xy.stream().mapToDouble(q -> q[0]).min().orElseThrow();
            double hi = xy.stream().mapToDouble(q -> q[0]).max().orElseThrow();
            assertEquals(lo, s.minInput(p));
            assertEquals(hi, s.maxInput(p));
            List<InputContributions.Bin> bins = s.bins(p);
            assertEquals(7, bins.size());
            assertEquals(lo, bins.get(0).lower());
            assertEquals(hi, bins.get(6).upper());
            assertEquals(xy.size(), bins.stream().mapToLong(InputContributions.Bin::count).sum());
            double meanAll = xy.stream().mapToDouble(q -> q[1]).average().orElseThrow();
            double weighted = bins.stream().filter(b -> b.count() > 0)
                    .mapToDouble(b -> b.meanContribution() * b.count()).sum() / xy.size();
            assertEquals(meanAll, weighted, 1e-12);
        }
    }

    @Test
    void rejectsExplanationsWithoutChannelPlayersOrInputs() {
        Random r = new Random(1);
        Explanations ex = batch(r, 2, OutputShape.map(3, 4));
        Explanations noInputs = Explanations.of(ex.ids(), List.of(), ex.all(), ex.imageShape(), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InputContributions.equalWidth(noInputs, null, true, 3));
        assertTrue(e.getMessage().contains("inputs"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> InputContributions.withEdges(ex, List.of(new boolean[12]), true, 0));
        assertThrows(IllegalArgumentException.class,
                () -> InputContributions.withEdges(ex, null, true, 1, 0));
        Explanations wrongMask = ex;
        assertThrows(IllegalArgumentException.class, () -> InputContributions.withEdges(wrongMask,
                List.of(new boolean[12], new boolean[5]), true, 0));
    }
}
