package io.github.segshap.salt.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.segmentation.BackgroundDraw;
import io.github.segshap.salt.report.ExplainedSample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed summaries of tiny samples, and the background draw. */
class ExplanationSummaryTest {

    /** 1 x 2 sample: pixel 0 is salt, pixel 1 is not; two channels. */
    private static ExplainedSample sample(String id, double[] in0, double[] in1, double[] c0, double[] c1) {
        return new ExplainedSample(id, List.of("a", "b"),
                new double[][][] {{in0}, {in1}}, new double[][] {{1, 0}}, new double[][] {{0.9, 0.1}},
                new double[][] {{0.5, 0.5}}, new double[][][] {{c0}, {c1}});
    }

    @Test
    void meansInsideAndOutsideTheSaltAndBins() {
        ExplainedSample s1 = sample("s1", new double[] {-4, 0.2}, new double[] {1, 1},
                new double[] {0.3, -0.2}, new double[] {0.1, -0.2});
        ExplainedSample s2 = sample("s2", new double[] {3.5, 0.3}, new double[] {1, 1},
                new double[] {0.1, -0.4}, new double[] {0.3, 0.0});
        ExplanationSummary s = ExplanationSummary.of(List.of(s1, s2));
        assertEquals(2, s.samples());
        assertEquals(2, s.saltPixels());
        assertEquals(2, s.otherPixels());
        assertEquals(0.5, s.meanBaseValue(), 1e-12);
        assertEquals(0.5, s.meanPrediction(), 1e-12);
        assertEquals(0, s.maxResidual(), 1e-12);
        ExplanationSummary.ChannelStats a = s.channelStats().get(0);
        assertEquals((0.3 + 0.2 + 0.1 + 0.4) / 4, a.meanAbs(), 1e-12);
        assertEquals((0.3 + 0.1) / 2, a.meanAbsSalt(), 1e-12);
        assertEquals((0.2 + 0.4) / 2, a.meanAbsOther(), 1e-12);
        assertEquals(0.2, a.meanSalt(), 1e-12);
        assertEquals(-0.3, a.meanOther(), 1e-12);
        // bins: -4 -> open lower bin, 0.2 and 0.3 -> [0, 0.5), 3.5 -> open upper bin
        assertEquals(14, a.bins().size());
        ExplanationSummary.Bin low = a.bins().get(0);
        assertEquals(Double.NEGATIVE_INFINITY, low.lower());
        assertEquals(1, low.saltPixels());
        assertEquals(0.3, low.meanSalt(), 1e-12);
        assertTrue(Double.isNaN(low.meanOther()));
        ExplanationSummary.Bin mid = a.bins().get(ExplanationSummary.bin(0.25));
        assertEquals(0.0, mid.lower());
        assertEquals(0.5, mid.upper());
        assertEquals(2, mid.otherPixels());
        assertEquals(-0.3, mid.meanOther(), 1e-12);
        assertEquals(0.25, mid.meanInput(), 1e-12);
        assertEquals(1, a.bins().get(13).saltPixels());
        // channel b: constant input, so no correlation
        assertTrue(Double.isNaN(s.channelStats().get(1).correlation()));
        // channel a: input and contribution
        assertTrue(a.correlation() > -1 && a.correlation() < 1);
    }

    @Test
    void residualIsReportedAndChannelsMustAgree() {
        ExplainedSample off = new ExplainedSample("x", List.of("a"), new double[][][] {{{0}}}, new double[][] {{0}},
                new double[][] {{0.7}}, new double[][] {{0.5}}, new double[][][] {{{0.1}}});
        ExplanationSummary.Builder b = ExplanationSummary.builder(List.of("a"));
        b.add(off);
        assertEquals(0.1, b.build().maxResidual(), 1e-12);
        ExplainedSample other = new ExplainedSample("y", List.of("z"), new double[][][] {{{0}}},
                new double[][] {{0}}, new double[][] {{0.5}}, new double[][] {{0.5}}, new double[][][] {{{0}}});
        assertThrows(IllegalArgumentException.class, () -> b.add(other));
    }

    @Test
    void backgroundDrawIsTheLibrarys() {
        ImageShape shape = new ImageShape(1, 1, 1);
        List<Image> images = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            images.add(Image.of(shape, new double[] {i}));
        }
        List<Image> lib = BackgroundDraw.rows(images, 100, 42);
        List<Integer> ours = ExplanationStage.drawIndices(250, 100, 42);
        assertEquals(100, ours.size());
        for (int k = 0; k < 100; k++) {
            assertEquals(lib.get(k).get(0, 0, 0), ours.get(k), 0.0);
        }
        assertEquals(List.of(0, 1, 2), ExplanationStage.drawIndices(3, 100, 42));
    }
}
