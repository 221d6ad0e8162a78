package io.github.segshap.salt.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.segmentation.BackgroundDraw;
import io.github.segshap.core.segmentation.BackgroundSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed summaries of tiny samples (statistics from the core type), and the background draw. */
class CohortSummaryTest {
    private static final ImageShape SHAPE = new ImageShape(2, 1, 2);

    /** 1 x 2 sample: pixel 0 is salt, pixel 1 is not; two channels. */
    private static Explanations sample(String id, double[] in0, double[] in1, double[] c0, double[] c1,
                                       Provenance p) {
        double[] base = {0.5, 0.5};
        double[] out = {base[0] + c0[0] + c1[0], base[1] + c0[1] + c1[1]};
        Explanation e = Explanation.builder(List.of("a", "b"), OutputShape.of(1, 1, 2)).baseValues(base)
                .values(new double[][] {c0, c1}).outputs(out).explainer("exact").build();
        Image input = Image.of(SHAPE, new double[] {in0[0], in0[1], in1[0], in1[1]});
        return Explanations.of(List.of(id), List.of(input), List.of(e), SHAPE,
                p.withExtra(SampleFiles.IMAGE_FINGERPRINT, "fp-" + id)).withLabels(List.of(new boolean[] {true, false}));
    }

    private static Provenance recipe(String model) {
        return Provenance.builder("exact").masker("background").model("u-net", model)
                .players(List.of("a", "b"), "channels").build();
    }

    @Test
    void meansInsideAndOutsideTheSalt() {
        Explanations s1 = sample("s1", new double[] {-4, 0.2}, new double[] {1, 1},
                new double[] {0.3, -0.2}, new double[] {0.1, -0.2}, recipe("m1"));
        Explanations s2 = sample("s2", new double[] {3.5, 0.3}, new double[] {1, 1},
                new double[] {0.1, -0.4}, new double[] {0.3, 0.0}, recipe("m1"));
        CohortSummary s = CohortSummary.of(SampleRecipe.combine(List.of(s1, s2), id -> id));
        assertEquals(List.of("s1", "s2"), s.ids());
        assertEquals(2, s.samples());
        assertEquals(2, s.saltPixels());
        assertEquals(2, s.otherPixels());
        assertEquals(0, s.maxAbsResidual(), 1e-12);
        assertEquals("m1", s.modelFingerprint());
        CohortSummary.Channel a = s.channel("a");
        assertEquals((0.3 + 0.2 + 0.1 + 0.4) / 4, a.meanAbs(), 1e-12);
        assertEquals((0.3 + 0.1) / 2, a.meanAbsSalt(), 1e-12);
        assertEquals((0.2 + 0.4) / 2, a.meanAbsNotSalt(), 1e-12);
        assertEquals(0.2, a.meanSalt(), 1e-12);
        assertEquals(-0.3, a.meanNotSalt(), 1e-12);
        // bins: -4 -> open lower bin (salt), 0.2 and 0.3 -> [0, 0.5) (not salt), 3.5 -> open upper bin (salt)
        assertEquals(14, a.bins().size());
        assertEquals(null, a.bins().get(0).lower());
        assertEquals(0.3, a.bins().get(0).meanContributionSalt(), 1e-12);
        assertTrue(Double.isNaN(a.bins().get(0).meanContributionNotSalt()));
        assertEquals(0.0, a.bins().get(7).lower());
        assertEquals(-0.3, a.bins().get(7).meanContributionNotSalt(), 1e-12);
        assertEquals(0.1, a.bins().get(13).meanContributionSalt(), 1e-12);
        // channel b: constant input, so no correlation; channel a: input and contribution vary together
        assertTrue(Double.isNaN(s.channel("b").correlationInputContribution()));
        assertTrue(a.correlationInputContribution() > -1 && a.correlationInputContribution() < 1);
    }

    @Test
    void samplesOfAnotherModelAreNotCombinedAndTheReasonIsNamed() {
        Explanations s1 = sample("s1", new double[] {0, 0}, new double[] {1, 1}, new double[] {0.1, 0},
                new double[] {0, 0}, recipe("m1"));
        Explanations s2 = sample("s2", new double[] {0, 0}, new double[] {1, 1}, new double[] {0.1, 0},
                new double[] {0, 0}, recipe("m2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SampleRecipe.combine(List.of(s1, s2), id -> id));
        assertTrue(e.getMessage().contains("s2") && e.getMessage().contains("the model changed"), e.getMessage());
        Provenance p = recipe("m1");
        assertEquals("", SampleRecipe.reason(p, p.withCreated("2000-01-01T00:00:00Z")));
        assertEquals("the test image changed", SampleRecipe.reason(p.withExtra(SampleFiles.IMAGE_FINGERPRINT, "x"),
                p.withExtra(SampleFiles.IMAGE_FINGERPRINT, "y")));
        assertEquals("the explainer settings changed (seed)", SampleRecipe.reason(p, p.toBuilder().seed(7).build()));
    }

    @Test
    void backgroundDrawIsTheLibrarys() {
        ImageShape shape = new ImageShape(1, 1, 1);
        List<Image> images = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            images.add(Image.of(shape, new double[] {i}));
        }
        List<Image> lib = BackgroundDraw.rows(images, 100, 42);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            ids.add("t" + i);
        }
        BackgroundDraw.Drawn ours = TrainingBackground.of(ids, i -> new float[] {i}, BackgroundSource.drawn(100), 42,
                shape);
        assertEquals(100, ours.rows().size());
        for (int k = 0; k < 100; k++) {
            assertEquals(lib.get(k).get(0, 0, 0), ours.rows().get(k).get(0, 0, 0), 0.0);
            assertEquals("t" + (int) lib.get(k).get(0, 0, 0), ours.ids().get(k));
        }
        assertEquals(List.of("t0", "t1", "t2"), TrainingBackground.of(ids.subList(0, 3), i -> new float[] {i},
                BackgroundSource.drawn(100), 42, shape).ids());
    }
}
