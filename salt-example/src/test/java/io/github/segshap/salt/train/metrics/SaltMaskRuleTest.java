package io.github.segshap.salt.train.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SaltMaskRuleTest {
    private static final int PIXELS = 100; // 10 x 10 images

    @Test
    void plainRuleScoresLikeTheKaggleMetric() {
        Random r = new Random(11);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + r.nextInt(8);
            float[] p = new float[n * PIXELS];
            float[] t = new float[n * PIXELS];
            for (int img = 0; img < n; img++) {
                boolean empty = r.nextInt(3) == 0;
                double cut = r.nextDouble();
                for (int i = 0; i < PIXELS; i++) {
                    t[img * PIXELS + i] = !empty && (i % 10) / 10.0 < cut ? 1f : 0f;
                    p[img * PIXELS + i] = (float) Math.min(1, Math.max(0, t[img * PIXELS + i] * 0.6
                            + 0.5 * r.nextDouble() - 0.05));
                }
            }
            for (double threshold : new double[] {0.3, 0.5, 0.7}) {
                assertEquals(KaggleTgsMetric.meanScore(p, t, PIXELS, threshold),
                        new SaltMaskRule(threshold, 0).kaggleScore(p, t, PIXELS), 1e-12);
            }
            SaltMaskRule.Tuned tuned = SaltMaskRule.tune(p, t, PIXELS);
            assertEquals(tuned.score(), tuned.rule().kaggleScore(p, t, PIXELS), 1e-12,
                    "the reported score is the rule's score");
            for (int step = 1; step <= 19; step++) {
                double threshold = step / 20.0;
                assertTrue(tuned.score() >= KaggleTgsMetric.meanScore(p, t, PIXELS, threshold) - 1e-12,
                        "tuning never does worse than a plain threshold it tried");
            }
        }
    }

    @Test
    void strayPixelsOnEmptyImagesAreRemovedAndTheMinimumIsTuned() {
        // image 0: no salt, 3 stray pixels at p = 0.9; image 1: salt in the left half, predicted right
        float[] p = new float[2 * PIXELS];
        float[] t = new float[2 * PIXELS];
        p[5] = p[17] = p[42] = 0.9f;
        for (int i = 0; i < PIXELS; i++) {
            boolean salt = i % 10 < 5;
            t[PIXELS + i] = salt ? 1f : 0f;
            p[PIXELS + i] = salt ? 0.8f : 0.1f;
        }
        assertEquals(0.5, SaltMaskRule.PLAIN.kaggleScore(p, t, PIXELS), 1e-12);
        SaltMaskRule.Tuned tuned = SaltMaskRule.tune(p, t, PIXELS);
        assertEquals(1.0, tuned.score(), 1e-12);
        assertTrue(tuned.rule().minSaltPixels() > 3 && tuned.rule().minSaltPixels() <= 50, tuned.toString());
        assertTrue(tuned.rule().threshold() < 0.8, tuned.toString());

        float[] masks = tuned.rule().apply(p, PIXELS);
        float[] expected = new float[2 * PIXELS];
        System.arraycopy(t, PIXELS, expected, PIXELS, PIXELS);
        assertArrayEquals(expected, masks);
    }

    @Test
    void applyIsStrictAndKeepsLargeMasks() {
        float[] p = {0.5f, 0.51f, 0.9f, 0.2f};
        assertArrayEquals(new float[] {0, 1, 1, 0}, new SaltMaskRule(0.5, 2).apply(p, 4));
        assertArrayEquals(new float[] {0, 0, 0, 0}, new SaltMaskRule(0.5, 3).apply(p, 4));
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, 1, 1, 0},
                new SaltMaskRule(0.6, 1).apply(new float[] {0, 0.5f, 0.7f, 0, 0.2f, 0.8f, 0.9f, 0.55f}, 4));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> new SaltMaskRule(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SaltMaskRule(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SaltMaskRule(0.5, -1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SaltMaskRule.tune(new float[0], new float[0], PIXELS));
        assertTrue(e.getMessage().contains("no images"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SaltMaskRule.PLAIN.kaggleScore(new float[150], new float[150], PIXELS));
        assertTrue(e.getMessage().contains("150 values"), e.getMessage());
    }
}
