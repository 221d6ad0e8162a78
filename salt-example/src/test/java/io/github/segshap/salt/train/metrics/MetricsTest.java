package io.github.segshap.salt.train.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void kaggleSplitSeparatesImagesWithoutAndWithSalt() {
        // four 2-pixel images: empty truth predicted empty (1), empty truth with a false positive (0),
        // salt found exactly (1), salt half found (IoU 0.5: 0)
        float[] truth = {0, 0, 0, 0, 1, 1, 1, 1};
        float[] p = {0.1f, 0.2f, 0.9f, 0.1f, 0.8f, 0.7f, 0.9f, 0.2f};
        double[] scores = KaggleTgsMetric.imageScores(p, truth, 2, 0.5);
        KaggleTgsMetric.Split split = KaggleTgsMetric.split(scores, truth, 2);
        assertEquals(new KaggleTgsMetric.Split(0.5, 2, 0.5, 2), split);
        assertEquals(KaggleTgsMetric.meanScore(p, truth, 2, 0.5),
                (split.emptyImages() * split.emptyCount() + split.saltImages() * split.saltCount()) / 4, 1e-12);
        KaggleTgsMetric.Split onlySalt = KaggleTgsMetric.split(new double[] {1}, new float[] {1, 0}, 2);
        assertTrue(Double.isNaN(onlySalt.emptyImages()) && onlySalt.saltImages() == 1, onlySalt.toString());
        assertThrows(IllegalArgumentException.class, () -> KaggleTgsMetric.split(scores, truth, 4));
    }

    @Test
    void confusionCountsAndRatiosMatchHandCount() {
        // p > 0.5 is positive: 0.5 itself is negative
        float[] p = {0.9f, 0.6f, 0.5f, 0.2f, 0.7f, 0.1f, 0.4f, 0.3f, 0.05f, 0.0f};
        float[] t = {1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
        ConfusionCounts c = ConfusionCounts.of(p, t, 0.5);
        assertEquals(new ConfusionCounts(2, 1, 5, 2), c);
        assertEquals(0.7, c.accuracy(), 1e-12);
        assertEquals(2.0 / 3.0, c.precision(), 1e-12);
        assertEquals(0.5, c.recall(), 1e-12);
        // Keras MeanIoU: class 1 IoU = 2/(2+1+2) = 0.4, class 0 IoU = 5/(5+2+1) = 0.625
        assertEquals((0.4 + 0.625) / 2, c.meanIou(), 1e-12);
    }

    @Test
    void emptyDenominatorsFollowKerasConventions() {
        ConfusionCounts allNegative = ConfusionCounts.of(new float[] {0.1f, 0.2f}, new float[] {0, 0}, 0.5);
        assertEquals(0.0, allNegative.precision());
        assertEquals(0.0, allNegative.recall());
        // only class 0 present: mean over the one class with a non-zero denominator
        assertEquals(1.0, allNegative.meanIou(), 1e-12);
        assertTrue(Double.isNaN(new ConfusionCounts(0, 0, 0, 0).accuracy()));
        assertThrows(IllegalArgumentException.class, () -> new ConfusionCounts(-1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> ConfusionCounts.of(new float[2], new float[3], 0.5));
    }

    @Test
    void rocAucMatchesHandComputedCases() {
        // the scikit-learn documentation example: 0.75
        assertEquals(0.75, RocAuc.of(new float[] {0.1f, 0.4f, 0.35f, 0.8f}, new float[] {0, 0, 1, 1}), 1e-12);
        // a tie between a positive and a negative counts one half: (1 + 0.5 + 1 + 1) / 4
        assertEquals(0.875, RocAuc.of(new float[] {0.2f, 0.5f, 0.5f, 0.9f}, new float[] {0, 0, 1, 1}), 1e-12);
        // all tied: 0.5
        assertEquals(0.5, RocAuc.of(new float[] {0.3f, 0.3f, 0.3f, 0.3f}, new float[] {0, 1, 0, 1}), 1e-12);
        // perfectly wrong: 0
        assertEquals(0.0, RocAuc.of(new float[] {0.9f, 0.1f}, new float[] {0, 1}), 1e-12);
        assertTrue(Double.isNaN(RocAuc.of(new float[] {0.1f, 0.2f}, new float[] {1, 1})));
    }

    @Test
    void rocAucEqualsPairCountingOnRandomDataWithTies() {
        Random r = new Random(7);
        int n = 400;
        float[] s = new float[n];
        float[] t = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = r.nextInt(20) / 20f; // many ties
            t[i] = r.nextDouble() < 0.3 + 0.4 * s[i] ? 1 : 0;
        }
        double num = 0;
        long pairs = 0;
        for (int i = 0; i < n; i++) {
            if (t[i] != 1) continue;
            for (int j = 0; j < n; j++) {
                if (t[j] != 0) continue;
                pairs++;
                num += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
            }
        }
        assertEquals(num / pairs, RocAuc.of(s, t), 1e-12);
    }

    @Test
    void kaggleMetricHandCases() {
        boolean[] empty = new boolean[10];
        boolean[] some = mask(10, 0, 1, 2);
        assertEquals(1.0, KaggleTgsMetric.imageScore(empty, empty));
        assertEquals(0.0, KaggleTgsMetric.imageScore(some, empty), "false positive on an empty image");
        assertEquals(0.0, KaggleTgsMetric.imageScore(empty, some), "missed salt");
        assertEquals(1.0, KaggleTgsMetric.imageScore(some, some));

        boolean[] truth20 = new boolean[40];
        for (int i = 0; i < 20; i++) truth20[i] = true;
        // IoU = 10/20 = 0.5 exactly: strict comparison, passes no threshold
        assertEquals(0.0, KaggleTgsMetric.imageScore(range(40, 0, 10), truth20));
        // IoU = 12/20 = 0.6: passes 0.50 and 0.55 only
        assertEquals(0.2, KaggleTgsMetric.imageScore(range(40, 0, 12), truth20), 1e-12);
        // IoU = 19/20 = 0.95 exactly: passes 0.50 .. 0.90 (nine thresholds)
        assertEquals(0.9, KaggleTgsMetric.imageScore(range(40, 0, 19), truth20), 1e-12);
        // IoU = 20/21: all ten
        assertEquals(1.0, KaggleTgsMetric.imageScore(range(40, 0, 21), truth20), 1e-12);
    }

    @Test
    void kaggleMeanOverImages() {
        // image 1: empty/empty -> 1; image 2: truth 2 pixels, prediction empty -> 0;
        // image 3: prediction == truth -> 1; mean 2/3
        float[] p = {0.1f, 0.2f, 0.3f, 0.4f, /**/ 0.1f, 0.1f, 0.1f, 0.1f, /**/ 0.9f, 0.8f, 0.1f, 0.1f};
        float[] t = {0, 0, 0, 0, /**/ 1, 1, 0, 0, /**/ 1, 1, 0, 0};
        double[] scores = KaggleTgsMetric.imageScores(p, t, 4, 0.5);
        assertEquals(1.0, scores[0]);
        assertEquals(0.0, scores[1]);
        assertEquals(1.0, scores[2]);
        assertEquals(2.0 / 3.0, KaggleTgsMetric.meanScore(p, t, 4, 0.5), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> KaggleTgsMetric.meanScore(p, t, 5, 0.5));
    }

    @Test
    void segmentationMetricsMapHasAllNamesInOrder() {
        float[] p = {0.9f, 0.6f, 0.5f, 0.2f, 0.7f, 0.1f, 0.4f, 0.3f};
        float[] t = {1, 1, 1, 1, 0, 0, 0, 0};
        SegmentationMetrics m = SegmentationMetrics.compute(p, t, 4, 0.5);
        Map<String, Double> map = m.asMap();
        assertEquals(java.util.List.of("tp", "fp", "tn", "fn", "binary_accuracy", "precision", "recall", "auc",
                "mean_iou", "kaggle_tgs"), java.util.List.copyOf(map.keySet()));
        assertEquals(2.0, map.get("tp"));
        // image 1 truth all 4, predicted 2 -> IoU 0.5 -> 0; image 2 truth empty, predicted 1 -> 0
        assertEquals(0.0, map.get("kaggle_tgs"));
        assertEquals(11.0 / 16.0, map.get("auc"), 1e-12);
        assertTrue(SegmentationMetrics.compute(p, t).asMap().containsKey("auc"));
        assertTrue(!SegmentationMetrics.compute(p, t).asMap().containsKey("kaggle_tgs"));
    }

    private static boolean[] mask(int n, int... on) {
        boolean[] m = new boolean[n];
        for (int i : on) m[i] = true;
        return m;
    }

    private static boolean[] range(int n, int from, int to) {
        boolean[] m = new boolean[n];
        for (int i = from; i < to; i++) m[i] = true;
        return m;
    }
}
