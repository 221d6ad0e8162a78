package io.github.segshap.core.evaluation;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.masking.Replacements;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.players.ChannelGroups;
import io.github.segshap.core.players.PixelRegions;
import io.github.segshap.core.players.Players;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A game reuses its batch buffers between calls and rewrites only the players that change: every
 * value must still be the weighted mean of the model on the masked images built from scratch.
 */
class MaskedGameTest {
    private static final ImageShape SHAPE = new ImageShape(2, 5, 6);
    private static final int OUTPUTS = 3;

    /** Weights that make every output depend on every input value. */
    private static final double[][] MIX = mix();

    private static double[][] mix() {
        SplittableRandom r = new SplittableRandom(1);
        double[][] w = new double[OUTPUTS][SHAPE.size()];
        for (double[] row : w) {
            for (int i = 0; i < row.length; i++) {
                row[i] = r.nextDouble(-1, 1);
            }
        }
        return w;
    }

    private static double[] apply(double[] image, int offset) {
        double[] out = new double[OUTPUTS];
        for (int k = 0; k < OUTPUTS; k++) {
            for (int i = 0; i < SHAPE.size(); i++) {
                double x = image[offset + i];
                out[k] += MIX[k][i] * x * (1 + 0.5 * x);
            }
        }
        return out;
    }

    private static final Model MODEL = Model.perImage(OutputShape.of(OUTPUTS), (batch, n, dest, off) ->
            System.arraycopy(apply(batch.values(), n * SHAPE.size()), 0, dest, off, OUTPUTS));

    private static Image random(SplittableRandom r) {
        double[] v = new double[SHAPE.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(-2, 2);
        }
        return Image.of(SHAPE, v);
    }

    /** v(S) from masked images built one by one, the model applied to each. */
    private static double[] direct(Players players, Image x, Replacements bg, Coalition c) {
        double[] v = new double[OUTPUTS];
        for (int r = 0; r < bg.count(); r++) {
            double[] masked = x.toArray();
            for (int p = 0; p < players.count(); p++) {
                if (!c.contains(p)) {
                    for (int e : players.elements(p)) {
                        masked[e] = bg.image(r).valueAt(e);
                    }
                }
            }
            double[] out = apply(masked, 0);
            for (int k = 0; k < OUTPUTS; k++) {
                v[k] += bg.weight(r) * out[k];
            }
        }
        return v;
    }

    private static List<Coalition> randomCoalitions(SplittableRandom r, int m, int n) {
        List<Coalition> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(Coalition.ofMask(m, r.nextLong()));
        }
        list.add(Coalition.full(m));
        list.add(Coalition.empty(m));
        return list;
    }

    private static void check(Players players, int threads, long memoryBudget, int rows) {
        SplittableRandom r = new SplittableRandom(threads * 31L + rows);
        List<Image> bgImages = new ArrayList<>();
        double[] weights = new double[rows];
        for (int i = 0; i < rows; i++) {
            bgImages.add(random(r));
            weights[i] = 1 + i;
        }
        Replacements bg = Replacements.of(bgImages, weights);
        Image x = random(r);
        CoalitionEvaluator ev = new CoalitionEvaluator(MODEL, players,
                EvaluationOptions.builder().threads(threads).memoryBudget(memoryBudget).build());
        MaskedGame game = ev.game(x, bg, false);
        int m = players.count();
        List<List<Coalition>> calls = new ArrayList<>();
        List<Coalition> all = new ArrayList<>();
        for (int mask = 0; mask < 1 << m; mask++) {
            all.add(Coalition.ofMask(m, mask));
        }
        calls.add(all);
        calls.add(randomCoalitions(r, m, 40));
        calls.add(all.subList(3, all.size() - 2));
        calls.add(randomCoalitions(r, m, 7));
        for (List<Coalition> call : calls) {
            double[][] v = game.values(call, "test").values();
            for (int i = 0; i < call.size(); i++) {
                double[] expected = direct(players, x, bg, call.get(i));
                for (int k = 0; k < OUTPUTS; k++) {
                    assertEquals(expected[k], v[i][k], 1e-12, "coalition " + call.get(i) + " output " + k + ", "
                            + threads + " threads, " + rows + " rows, " + memoryBudget + " bytes per batch");
                }
            }
        }
    }

    @Test
    void reusedBuffersGiveTheValuesOfFreshlyMaskedImages() {
        Players patches = Players.of(SHAPE, ChannelGroups.perChannel(2), PixelRegions.grid(5, 6, 2, 2));
        long perImage = MODEL.bytesPerImage(SHAPE);
        for (int threads : new int[] {1, 3}) {
            for (int rows : new int[] {1, 3}) {
                for (long budget : new long[] {perImage, 5 * perImage, 64 * perImage}) {
                    check(patches, threads, budget, rows);
                }
            }
        }
    }

    @Test
    void aModelOutputThatIsNotFiniteNamesItsCoalitionAndBackgroundRow() {
        // rows 0 and 1 are added in one pass, row 2 alone: the row named must be the one whose image gave NaN
        Players channels = Players.perChannel(SHAPE);
        for (int bad = 0; bad < 3; bad++) {
            SplittableRandom r = new SplittableRandom(bad);
            List<Image> rows = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                double[] v = random(r).toArray();
                v[0] = i == bad ? 1000 : 0;
                rows.add(Image.of(SHAPE, v));
            }
            Model nanOnSentinel = Model.perImage(OutputShape.of(OUTPUTS), (batch, n, dest, off) -> {
                double[] out = apply(batch.values(), n * SHAPE.size());
                if (batch.values()[n * SHAPE.size()] == 1000) {
                    out[2] = Double.NaN;
                }
                System.arraycopy(out, 0, dest, off, OUTPUTS);
            });
            MaskedGame game = new CoalitionEvaluator(nanOnSentinel, channels, EvaluationOptions.builder().build())
                    .game(random(r), Replacements.uniform(rows), false);
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> game.values(List.of(Coalition.ofPlayers(2, 1)), "test"));
            assertEquals("model output 2 (position [2]) is NaN for the masked image of coalition {1} with background "
                    + "row " + bad + ": model outputs must be finite", e.getMessage());
        }
    }

    @Test
    void valuesNoPlayerOwnsKeepTheImage() {
        // four of the six patch players: the other two patches always keep the explained image
        Players patches = Players.of(SHAPE, ChannelGroups.perChannel(2), PixelRegions.grid(5, 6, 1, 3));
        int[] kept = {0, 1, 3, 5};
        Players partial = new Players() {
            @Override
            public ImageShape imageShape() {
                return SHAPE;
            }

            @Override
            public int count() {
                return kept.length;
            }

            @Override
            public List<String> names() {
                return List.of("a", "b", "c", "d");
            }

            @Override
            public int[] elements(int player) {
                return patches.elements(kept[player]);
            }

            @Override
            public boolean coverAllElements() {
                return false;
            }
        };
        assertTrue(patches.count() == 6 && patches.coverAllElements());
        for (int threads : new int[] {1, 2}) {
            check(partial, threads, 3 * MODEL.bytesPerImage(SHAPE), 2);
        }
    }

    @Test
    void grayOrderPutsCoalitionsOneChangeApart() {
        for (int m : new int[] {1, 5, 10}) {
            List<Coalition> all = new ArrayList<>();
            for (int mask = 0; mask < 1 << m; mask++) {
                all.add(Coalition.ofMask(m, mask));
            }
            all.sort(Coalition::compareGrayRank);
            for (int i = 1; i < all.size(); i++) {
                assertEquals(1, changes(all.get(i - 1), all.get(i)), m + " players, " + all.get(i - 1) + " then " + all.get(i));
            }
        }
        // more than 64 players (two words): walking the Gray code from a coalition gives increasing ranks
        SplittableRandom r = new SplittableRandom(4);
        boolean[] present = new boolean[70];
        for (int p = 0; p < present.length; p++) {
            present[p] = r.nextBoolean();
        }
        Coalition c = Coalition.of(present);
        for (int step = 0; step < 200; step++) {
            // the next Gray code word: flip bit 0 when the parity is even, else the bit above the lowest set bit
            int size = c.size();
            int flip = 0;
            if (size % 2 == 1) {
                while (!c.contains(flip)) {
                    flip++;
                }
                flip++;
            }
            Coalition next = c.contains(flip) ? c.without(flip) : c.with(flip);
            assertTrue(Coalition.compareGrayRank(c, next) < 0, c + " before " + next);
            assertTrue(Coalition.compareGrayRank(next, c) > 0);
            assertEquals(0, Coalition.compareGrayRank(c, Coalition.of(membership(c))));
            c = next;
        }
    }

    private static int changes(Coalition a, Coalition b) {
        int n = 0;
        for (int p = 0; p < a.players(); p++) {
            n += a.contains(p) == b.contains(p) ? 0 : 1;
        }
        return n;
    }

    private static boolean[] membership(Coalition c) {
        boolean[] in = new boolean[c.players()];
        for (int p = 0; p < in.length; p++) {
            in[p] = c.contains(p);
        }
        return in;
    }
}
