package io.github.segshap.core.interactions;

import io.github.segshap.core.model.OutputShape;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ExactTransform} against the brute-force formulas on random games (streamed in random
 * chunks, with more players than one block and more outputs than one output block), and on games
 * whose interactions are known.
 */
class ExactTransformProperties {
    private static final double TOL = 1e-10;

    /** A random game: {@code table[mask][k]} uniform in [-1, 1]. */
    private static double[][] randomTable(int m, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] t = new double[1 << m][k];
        for (double[] row : t) {
            for (int x = 0; x < k; x++) {
                row[x] = r.nextDouble(-1, 1);
            }
        }
        return t;
    }

    /** Adds the table in random consecutive chunks. */
    private static ExactTransform streamed(double[][] table, int m, boolean moebius, long seed) {
        ExactTransform t = ExactTransform.of(m, table[0].length, true, moebius);
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int first = 0;
        while (first < table.length) {
            int n = Math.min(table.length - first, 1 + r.nextInt(Math.min(table.length, 700)));
            double[][] chunk = new double[n][];
            System.arraycopy(table, first, chunk, 0, n);
            t.add(first, chunk);
            first += n;
        }
        return t;
    }

    private static List<String> names(int m) {
        List<String> n = new ArrayList<>();
        for (int p = 0; p < m; p++) {
            n.add("p" + p);
        }
        return n;
    }

    private static int outputs(int choice) {
        return new int[] {1, 3, ExactTransform.OUTPUT_BLOCK + 5}[choice];
    }

    @Property(tries = 30)
    void shapleyAndInteractionsEqualTheBruteForceFormulas(@ForAll @IntRange(min = 1, max = 11) int m,
                                                         @ForAll @IntRange(min = 0, max = 2) int kChoice,
                                                         @ForAll long seed) {
        int k = m > 8 && kChoice == 2 ? 2 : outputs(kChoice);
        double[][] table = randomTable(m, k, seed);
        ExactTransform t = streamed(table, m, false, seed);
        double[][] phi = t.shapleyValues();
        InteractionMaps maps = t.interactions(names(m), OutputShape.of(k));
        assertFalse(maps.hasMoebiusDividends());
        for (int x = 0; x < k; x++) {
            double[][] want = BruteForce.shapMatrix(table, m, x);
            double[][] got = maps.matrix(x);
            for (int i = 0; i < m; i++) {
                assertEquals(BruteForce.shapley(table, m, i, x), phi[i][x], TOL, "phi_" + i + " at output " + x);
                for (int j = 0; j < m; j++) {
                    assertEquals(want[i][j], got[i][j], TOL, "Phi_" + i + j + " at output " + x + ", M = " + m);
                    assertEquals(got[i][j], got[j][i], 0.0, "symmetry Phi_" + i + j + " at output " + x);
                    if (i != j) {
                        assertEquals(2 * got[i][j], maps.shapleyInteractionIndex(i, j)[x], 0.0);
                    }
                }
            }
        }
    }

    @Property(tries = 30)
    void everyMatrixSumsToPredictionMinusBaseAndRowsToTheShapleyValues(
            @ForAll @IntRange(min = 1, max = 11) int m, @ForAll long seed) {
        int k = 3;
        double[][] table = randomTable(m, k, seed);
        ExactTransform t = streamed(table, m, false, seed);
        double[][] phi = t.shapleyValues();
        InteractionMaps maps = t.interactions(names(m), OutputShape.of(k));
        for (int x = 0; x < k; x++) {
            double want = table[(1 << m) - 1][x] - table[0][x];
            assertEquals(want, maps.total(x), TOL, "sum of the matrix at output " + x);
            double[][] mat = maps.matrix(x);
            for (int i = 0; i < m; i++) {
                double row = 0;
                for (int j = 0; j < m; j++) {
                    row += mat[i][j];
                }
                assertEquals(phi[i][x], row, TOL, "row " + i + " sums to phi_" + i + " at output " + x);
            }
        }
    }

    @Property(tries = 30)
    void moebiusDividendsEqualTheBruteForceFormulaAndRebuildTheGame(@ForAll @IntRange(min = 1, max = 8) int m,
                                                                   @ForAll @IntRange(min = 0, max = 2) int kChoice,
                                                                   @ForAll long seed) {
        int k = outputs(kChoice);
        double[][] table = randomTable(m, k, seed);
        InteractionMaps maps = streamed(table, m, true, seed).interactions(names(m), OutputShape.of(k));
        assertTrue(maps.hasMoebiusDividends());
        for (int s = 0; s < 1 << m; s++) {
            double[] d = maps.moebiusDividend(s);
            for (int x = 0; x < k; x++) {
                assertEquals(BruteForce.moebius(table, s, x), d[x], TOL, "dividend of " + s + " at output " + x);
            }
        }
        // v(S) = sum of the dividends of the subsets of S
        int full = (1 << m) - 1;
        for (int x = 0; x < k; x++) {
            double v = 0;
            for (int s = 0; s <= full; s++) {
                v += maps.moebiusDividend(s)[x];
            }
            assertEquals(table[full][x], v, TOL, "v(N) from its dividends at output " + x);
        }
    }

    /** v(S) = product of a_i over S (v(empty) = 0): every pair interacts; and a game of one interacting pair. */
    @Property(tries = 20)
    void productGame(@ForAll @IntRange(min = 2, max = 10) int m, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[m];
        for (int i = 0; i < m; i++) {
            a[i] = r.nextDouble(-2, 2);
        }
        double[][] table = new double[1 << m][1];
        for (int s = 0; s < 1 << m; s++) {
            double p = 1;
            for (int i = 0; i < m; i++) {
                if ((s >> i & 1) != 0) {
                    p *= a[i];
                }
            }
            table[s][0] = s == 0 ? 0 : p; // v(empty) = 0
        }
        InteractionMaps maps = streamed(table, m, m <= 8, seed).interactions(names(m), OutputShape.of(1));
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                assertEquals(BruteForce.sii(table, m, i, j, 0), maps.shapleyInteractionIndex(i, j)[0], TOL);
            }
        }
        // the unanimity-like structure: with a_2.. = 0 only players 0 and 1 can interact, with SII = a_0 a_1
        double[][] two = new double[1 << m][1];
        for (int s = 0; s < 1 << m; s++) {
            two[s][0] = (s & 3) == 3 ? a[0] * a[1] : 0;
        }
        InteractionMaps m2 = streamed(two, m, false, seed).interactions(names(m), OutputShape.of(1));
        assertEquals(a[0] * a[1], m2.shapleyInteractionIndex(0, 1)[0], TOL, "SII of the only interacting pair");
        assertEquals(0, m2.value(0, 0, 0), TOL, "no main effect of player 0");
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (i > 1 || j > 1) {
                    assertEquals(0, m2.value(i, j, 0), TOL, "Phi_" + i + j + " of a game of players 0 and 1 only");
                }
            }
        }
    }

    /** v(S) = c + sum of a_i over S: no interaction, main effects a_i, dividends only on singletons. */
    @Property(tries = 20)
    void additiveGameHasNoInteraction(@ForAll @IntRange(min = 1, max = 11) int m, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double c = r.nextDouble(-1, 1);
        double[][] a = new double[m][2];
        double[][] table = new double[1 << m][2];
        for (int i = 0; i < m; i++) {
            a[i][0] = r.nextDouble(-2, 2);
            a[i][1] = r.nextDouble(-2, 2);
        }
        for (int s = 0; s < 1 << m; s++) {
            for (int x = 0; x < 2; x++) {
                double v = c;
                for (int i = 0; i < m; i++) {
                    if ((s >> i & 1) != 0) {
                        v += a[i][x];
                    }
                }
                table[s][x] = v;
            }
        }
        InteractionMaps maps = streamed(table, m, m <= 8, seed).interactions(names(m), OutputShape.of(2));
        for (int x = 0; x < 2; x++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    assertEquals(i == j ? a[i][x] : 0, maps.value(i, j, x), TOL, "Phi_" + i + j + " at output " + x);
                }
            }
            if (maps.hasMoebiusDividends()) {
                for (int s = 0; s < 1 << m; s++) {
                    double want = s == 0 ? c : Integer.bitCount(s) == 1 ? a[Integer.numberOfTrailingZeros(s)][x] : 0;
                    assertEquals(want, maps.moebiusDividend(s)[x], TOL, "dividend of " + s);
                }
            }
        }
    }

    @Test
    void incompleteTablesAndBadRequestsAreRefusedWithTheirNumbers() {
        ExactTransform t = ExactTransform.of(3, 2, true, false);
        t.add(0, new double[4][2]);
        IllegalStateException missing = assertThrows(IllegalStateException.class, t::shapleyValues);
        assertTrue(missing.getMessage().contains("4 of the 2^3 = 8"), missing.getMessage());
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> t.add(6, new double[3][2]));
        assertTrue(outside.getMessage().contains("6..8"), outside.getMessage());
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> t.add(4, new double[][] {new double[2], new double[3]}));
        assertTrue(width.getMessage().contains("coalition 5 needs 2 outputs, got 3"), width.getMessage());
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> ExactTransform.of(9, 1, true, true));
        assertTrue(tooMany.getMessage().contains("at most 8 players"), tooMany.getMessage());
        ExactTransform plain = ExactTransform.of(2, 1, true, false);
        plain.add(0, new double[4][1]);
        InteractionMaps maps = plain.interactions(names(2), OutputShape.of(1));
        IllegalStateException noDividends = assertThrows(IllegalStateException.class, () -> maps.moebiusDividend(0));
        assertTrue(noDividends.getMessage().contains("moebiusDividends(true)"), noDividends.getMessage());
        IllegalArgumentException player = assertThrows(IllegalArgumentException.class, () -> maps.pair(0, 2));
        assertTrue(player.getMessage().contains("(0, 2)"), player.getMessage());
    }
}
