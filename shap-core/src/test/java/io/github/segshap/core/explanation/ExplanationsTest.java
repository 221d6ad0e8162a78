package io.github.segshap.core.explanation;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.provenance.Provenance;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExplanationsTest {
    static final ImageShape SHAPE = new ImageShape(2, 3, 4);
    static final OutputShape OUT = OutputShape.of(1, 3, 4);

    /** A random explanation that adds up exactly (prediction = base + values). */
    static Explanation random(Random r, List<String> players, OutputShape os, boolean errors) {
        int k = os.size();
        double[] base = new double[k];
        double[] out = new double[k];
        double[][] v = new double[players.size()][k];
        double[][] se = errors ? new double[players.size()][k] : null;
        for (int o = 0; o < k; o++) {
            base[o] = r.nextDouble();
            out[o] = base[o];
            for (int p = 0; p < players.size(); p++) {
                v[p][o] = r.nextGaussian();
                out[o] += v[p][o];
                if (se != null) {
                    se[p][o] = r.nextDouble();
                }
            }
        }
        return Explanation.builder(players, os).baseValues(base).outputs(out).values(v).standardErrors(se)
                .explainer("exact").modelEvaluations(r.nextInt(100)).build();
    }

    static Image randomImage(Random r, ImageShape s) {
        double[] x = new double[s.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        return Image.of(s, x);
    }

    static Explanations batch(Random r, int n) {
        List<Explanation> items = new ArrayList<>();
        List<Image> inputs = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(random(r, List.of("a", "b"), OUT, false));
            inputs.add(randomImage(r, SHAPE));
            ids.add("img" + i);
        }
        return Explanations.of(ids, inputs, items, SHAPE, Provenance.builder("exact").build());
    }

    @Test
    void labelsAreOptionalDataThatFollowSubsetsConcatenationAndCopies() {
        Random r = new Random(3);
        Explanations ex = batch(r, 3);
        assertFalse(ex.hasLabels());
        assertThrows(IllegalStateException.class, () -> ex.label(0));
        List<boolean[]> masks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            boolean[] m = new boolean[OUT.size()];
            m[i] = true;
            masks.add(m);
        }
        Explanations labelled = ex.withLabels(masks);
        masks.get(0)[1] = true;   // the explanations keep their own copy
        assertFalse(labelled.label(0)[1]);
        labelled.label(0)[0] = false;
        assertTrue(labelled.label(0)[0]);
        assertTrue(labelled.subset(2, 0).label(0)[2]);
        assertTrue(labelled.withProvenance(null).hasLabels());
        Explanations twice = Explanations.concat(List.of(labelled.subset(0), labelled.subset(1, 2)));
        assertEquals(3, twice.labels().size());
        assertTrue(twice.label(1)[1]);
        assertThrows(IllegalArgumentException.class, () -> Explanations.concat(List.of(labelled.subset(0),
                ex.subset(1))));
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> ex.withLabels(List.of(new boolean[1], new boolean[1], new boolean[1])));
        assertTrue(size.getMessage().contains("img0"), size.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ex.withLabels(java.util.Map.of("img0", new boolean[OUT.size()])));
        assertTrue(missing.getMessage().contains("img1"), missing.getMessage());
    }

    @Test
    void cohortStatisticsEqualBruteForceMeans() {
        Random r = new Random(1);
        Explanations ex = batch(r, 3);
        List<boolean[]> masks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            boolean[] m = new boolean[OUT.size()];
            for (int o = 0; o < m.length; o++) {
                m[o] = r.nextBoolean();
            }
            masks.add(m);
        }
        for (boolean inside : new boolean[] {true, false}) {
            CohortStatistics s = ex.cohort(masks, inside);
            for (int p = 0; p < 2; p++) {
                double abs = 0;
                double sum = 0;
                long n = 0;
                for (int i = 0; i < 3; i++) {
                    for (int o = 0; o < OUT.size(); o++) {
                        if (masks.get(i)[o] == inside) {
                            abs += Math.abs(ex.get(i).value(p, o));
                            sum += ex.get(i).value(p, o);
                            n++;
                        }
                    }
                }
                assertEquals(abs / n, s.meanAbs()[p], 1e-12);
                assertEquals(sum / n, s.mean()[p], 1e-12);
                assertEquals(n, s.outputs());
            }
        }
        double[] all = ex.meanAbsContribution();
        double total = 0;
        for (int i = 0; i < 3; i++) {
            for (int o = 0; o < OUT.size(); o++) {
                total += Math.abs(ex.get(i).value(1, o));
            }
        }
        assertEquals(total / (3 * OUT.size()), all[1], 1e-12);
    }

    @Test
    void emptyCohortIsNaN() {
        Explanations ex = batch(new Random(2), 1);
        boolean[] none = new boolean[OUT.size()];
        CohortStatistics s = ex.cohort(List.of(none), true);
        assertEquals(0, s.outputs());
        assertTrue(Double.isNaN(s.meanAbs()[0]));
    }

    @Test
    void subsetAndConcatKeepIdsInputsAndValues() {
        Explanations ex = batch(new Random(3), 4);
        Explanations a = ex.subset(0, 1);
        Explanations b = ex.subset(2, 3);
        Explanations back = Explanations.concat(List.of(a, b));
        assertEquals(ex.ids(), back.ids());
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(ex.get(i).values(1), back.get(i).values(1), 0);
            assertEquals(ex.input(i), back.input(i));
        }
        assertEquals(2, ex.indexOf("img2"));
    }

    @Test
    void badBatchesAreNamed() {
        Random r = new Random(4);
        Explanation e = random(r, List.of("a", "b"), OUT, false);
        Explanation other = random(r, List.of("a", "c"), OUT, false);
        IllegalArgumentException players = assertThrows(IllegalArgumentException.class,
                () -> Explanations.of(List.of("x", "y"), List.of(), List.of(e, other), SHAPE, null));
        assertTrue(players.getMessage().contains("[a, c]"), players.getMessage());
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> Explanations.of(List.of("x", "x"), List.of(), List.of(e, e), SHAPE, null));
        assertTrue(dup.getMessage().contains("'x'"), dup.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> Explanations.of(List.of("x"), List.of(randomImage(r, new ImageShape(3, 3, 4))), List.of(e),
                        SHAPE, null));
        assertTrue(shape.getMessage().contains("input 0"), shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ex(r).indexOf("nope"));
    }

    @Test
    void concatRefusesDifferentRecipes() {
        Random r = new Random(5);
        Explanations a = batch(r, 1);
        Explanations b = Explanations.of(List.of("other"), List.of(randomImage(r, SHAPE)),
                List.of(random(r, List.of("a", "b"), OUT, false)), SHAPE, Provenance.builder("kernel").build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Explanations.concat(List.of(a, b)));
        assertTrue(e.getMessage().contains("explainer"), e.getMessage());
    }

    private static Explanations ex(Random r) {
        return batch(r, 2);
    }
}
