package io.github.segshap.core.explainers;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.masking.BackgroundMasker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.players.PlayerHierarchy;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Shapley axioms and the explainers' agreement, as properties of random small games. */
class ShapleyAxiomsProperties {

    private static Explanation exact(RandomGame g, Model model) {
        return ExactExplainer.builder(model, g.players(), g.masker()).build().explain(g.image);
    }

    @Property(tries = 40)
    void efficiency(@ForAll @IntRange(min = 1, max = 8) int m, @ForAll long seed) {
        RandomGame g = new RandomGame(m, seed);
        Explanation e = exact(g, g.model());
        double[] fx = g.model().predict(new io.github.segshap.core.image.ImageBatch(g.shape, 1, g.image.toArray()));
        for (int k = 0; k < 3; k++) {
            double sum = e.baseValue(k);
            for (int p = 0; p < m; p++) {
                sum += e.value(p, k);
            }
            assertEquals(fx[k], sum, 1e-9, "base + sum of values = f(x) at output " + k);
            assertEquals(fx[k], e.output(k), 1e-12);
        }
    }

    @Property(tries = 40)
    void dummyPlayerGetsZero(@ForAll @IntRange(min = 2, max = 8) int m, @ForAll long seed,
                             @ForAll @IntRange(min = 0, max = 7) int dummy) {
        int d = dummy % m;
        RandomGame g = new RandomGame(m, seed);
        Explanation e = exact(g, g.model(1.0, d));
        for (int k = 0; k < 3; k++) {
            assertEquals(0.0, e.value(d, k), 1e-12, "dummy player " + d + " at output " + k);
        }
    }

    @Property(tries = 40)
    void symmetricPlayersGetEqualValues(@ForAll @IntRange(min = 2, max = 7) int m, @ForAll long seed) {
        RandomGame g = new RandomGame(m, seed);
        // a model symmetric in channels 0 and 1, explained where they are equal in the image and in every background row
        Model symmetric = Model.perImage(OutputShape.map(1, 3), (batch, n, dest, off) -> {
            for (int px = 0; px < 3; px++) {
                double[] x = new double[m];
                for (int c = 0; c < m; c++) {
                    x[c] = batch.get(n, c, 0, px);
                }
                double a = x[0] + x[1];
                double b = x[0] * x[1];
                x[0] = a;
                x[1] = b;
                dest[off + px] = g.value(x, px);
            }
        });
        List<Image> bg = new ArrayList<>();
        for (Image b : g.background) {
            bg.add(copyChannel0To1(b));
        }
        Explanation e = ExactExplainer.builder(symmetric, g.players(), BackgroundMasker.of(bg)).build()
                .explain(copyChannel0To1(g.image));
        for (int k = 0; k < 3; k++) {
            assertEquals(e.value(0, k), e.value(1, k), 1e-12, "symmetric players at output " + k);
        }
    }

    private static Image copyChannel0To1(Image image) {
        double[] v = image.toArray();
        int px = image.shape().pixels();
        System.arraycopy(v, 0, v, px, px);
        return Image.of(image.shape(), v);
    }

    @Property(tries = 30)
    void linearity(@ForAll @IntRange(min = 1, max = 7) int m, @ForAll long seed1, @ForAll long seed2) {
        RandomGame g = new RandomGame(m, seed1);
        RandomGame h = new RandomGame(m, seed2);
        Model f = g.model(2.5);
        Model u = h.model();
        Model sum = Model.of(OutputShape.map(1, 3), batch -> {
            double[] a = f.predict(batch);
            double[] b = u.predict(batch);
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
            return a;
        });
        Explanation ef = exact(g, f);
        Explanation eu = exact(g, u);
        Explanation es = exact(g, sum);
        Explanation e1 = exact(g, g.model());
        for (int p = 0; p < m; p++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(ef.value(p, k) + eu.value(p, k), es.value(p, k), 1e-9, "phi(f + u) = phi(f) + phi(u)");
                assertEquals(2.5 * e1.value(p, k), ef.value(p, k), 1e-9, "phi(2.5 f) = 2.5 phi(f)");
            }
        }
    }

    @Property(tries = 30)
    void kernelWithFullBudgetEqualsExact(@ForAll @IntRange(min = 1, max = 8) int m, @ForAll long seed) {
        RandomGame g = new RandomGame(m, seed);
        Explanation exact = exact(g, g.model());
        Explanation kernel = KernelExplainer.builder(g.model(), g.players(), g.masker()).build().explain(g.image);
        assertClose(exact, kernel, 1e-9);
        for (double[] se : kernel.standardErrors().orElseThrow()) {
            for (double s : se) {
                assertEquals(0.0, s, 0.0, "a fully enumerated Kernel design has no sampling error");
            }
        }
    }

    @Property(tries = 30)
    void partitionWithFlatTreeEqualsShapley(@ForAll @IntRange(min = 1, max = 7) int m, @ForAll long seed) {
        RandomGame g = new RandomGame(m, seed);
        Explanation partition = PartitionExplainer.builder(g.model(), g.players(), g.masker())
                .hierarchy(PlayerHierarchy.flat(m)).build().explain(g.image);
        assertClose(exact(g, g.model()), partition, 1e-9);
    }

    @Property(tries = 30)
    void owenValuesOfAGroupSumToItsQuotientShapleyValue(@ForAll @IntRange(min = 3, max = 7) int m,
                                                        @ForAll long seed) {
        RandomGame g = new RandomGame(m, seed);
        int[] first = {0, 1};
        int[] rest = new int[m - 2];
        for (int i = 2; i < m; i++) {
            rest[i - 2] = i;
        }
        Explanation owen = PartitionExplainer.builder(g.model(), g.players(), g.masker())
                .hierarchy(PlayerHierarchy.groups(first, rest)).build().explain(g.image);
        // quotient game of two players {0,1} and the rest: its Shapley value for {0,1}
        io.github.segshap.core.players.Players two = io.github.segshap.core.players.Players.of(g.shape,
                io.github.segshap.core.players.ChannelGroups.of(first, rest));
        Explanation quotient = ExactExplainer.builder(g.model(), two, g.masker()).build().explain(g.image);
        for (int k = 0; k < 3; k++) {
            assertEquals(quotient.value(0, k), owen.value(0, k) + owen.value(1, k), 1e-9, "group {0,1} at output " + k);
        }
        owen.checkAdditivity(1e-9);
    }

    @Property(tries = 15)
    void samplingExplainersApproachExactAsTheBudgetGrows(@ForAll @IntRange(min = 6, max = 8) int m,
                                                         @ForAll long seed) {
        RandomGame g = new RandomGame(m, seed);
        Explanation exact = exact(g, g.model());
        double scale = 1e-3;
        for (int p = 0; p < m; p++) {
            for (int k = 0; k < 3; k++) {
                scale = Math.max(scale, Math.abs(exact.value(p, k)));
            }
        }
        double small = meanError(exact, PermutationExplainer.builder(g.model(), g.players(), g.masker())
                .permutations(1).seed(seed).build().explain(g.image));
        double large = meanError(exact, PermutationExplainer.builder(g.model(), g.players(), g.masker())
                .permutations(400).seed(seed).build().explain(g.image));
        assertTrue(large <= 0.05 * scale, "Permutation with 400 pairs: mean error " + large + " vs scale " + scale);
        assertTrue(large <= small + 1e-12, "Permutation error grew: " + small + " -> " + large);
        long all = 1L << m;
        double kernelSmall = meanError(exact, KernelExplainer.builder(g.model(), g.players(), g.masker())
                .budget(m + 2).seed(seed).build().explain(g.image));
        double kernelLarge = meanError(exact, KernelExplainer.builder(g.model(), g.players(), g.masker())
                .budget(all - 10).seed(seed).build().explain(g.image));
        assertTrue(kernelLarge <= 0.05 * scale, "Kernel with " + (all - 10) + " of " + all + " coalitions: error "
                + kernelLarge + " vs scale " + scale);
        assertTrue(kernelLarge <= kernelSmall + 1e-12, "Kernel error grew: " + kernelSmall + " -> " + kernelLarge);
        double unpaired = meanError(exact, KernelExplainer.builder(g.model(), g.players(), g.masker())
                .budget(all - 10).paired(false).seed(seed).build().explain(g.image));
        assertTrue(unpaired <= 0.05 * scale, "unpaired Kernel with " + (all - 10) + " of " + all
                + " coalitions: error " + unpaired + " vs scale " + scale);
    }

    @Property(tries = 20)
    void samplingExplainersAreEfficient(@ForAll @IntRange(min = 2, max = 8) int m, @ForAll long seed) {
        RandomGame g = new RandomGame(m, seed);
        PermutationExplainer.builder(g.model(), g.players(), g.masker()).permutations(3).seed(seed).build()
                .explain(g.image).checkAdditivity(1e-10);
        KernelExplainer.builder(g.model(), g.players(), g.masker()).budget(m + 3).seed(seed).build()
                .explain(g.image).checkAdditivity(1e-10);
    }

    static double meanError(Explanation exact, Explanation e) {
        double s = 0;
        int n = 0;
        for (int p = 0; p < exact.players(); p++) {
            for (int k = 0; k < exact.outputShape().size(); k++) {
                s += Math.abs(exact.value(p, k) - e.value(p, k));
                n++;
            }
        }
        return s / n;
    }

    static void assertClose(Explanation expected, Explanation actual, double tol) {
        for (int k = 0; k < expected.outputShape().size(); k++) {
            assertEquals(expected.baseValue(k), actual.baseValue(k), tol);
            for (int p = 0; p < expected.players(); p++) {
                assertEquals(expected.value(p, k), actual.value(p, k), tol, "player " + p + " output " + k);
            }
        }
    }
}
