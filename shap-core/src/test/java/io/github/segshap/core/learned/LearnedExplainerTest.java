package io.github.segshap.core.learned;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.segmentation.ExplainerKind;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.segmentation.ImageExplainer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The learned explainer's contract: exact additivity, refusal of another model or background, its record. */
class LearnedExplainerTest {
    private static final ImageShape SHAPE = new ImageShape(3, 5, 4);

    /** A network that ignores its input and returns random maps (the worst case for additivity). */
    private static Model randomNetwork(int players, long seed, double scale) {
        return Model.of(OutputShape.of(players, SHAPE.height(), SHAPE.width()), batch -> {
            Random r = new Random(seed);
            double[] out = new double[batch.count() * players * SHAPE.pixels()];
            for (int i = 0; i < out.length; i++) {
                out[i] = scale * r.nextGaussian();
            }
            return out;
        });
    }

    /** A network that returns the closed-form Shapley values of the linear game (reads the image channels). */
    private static Model oracleNetwork(LinearGame g) {
        int hw = SHAPE.pixels();
        return Model.perImage(OutputShape.of(SHAPE.channels(), SHAPE.height(), SHAPE.width()), (batch, n, dest, off) -> {
            double[] v = batch.values();
            ImageShape in = batch.shape();
            double[] channels = java.util.Arrays.copyOfRange(v, n * in.size(), n * in.size() + SHAPE.size());
            Image x = Image.of(SHAPE, channels);
            for (int c = 0; c < SHAPE.channels(); c++) {
                for (int p = 0; p < hw; p++) {
                    dest[off + c * hw + p] = g.shapley(x, c, p);
                }
            }
        });
    }

    private static Provenance exactProvenance(LinearGame g, List<Image> images) {
        return ImageExplainer.of(g.model(), g.exactOptions()).provenanceFor(List.of("0", "1"), images.subList(0, 2));
    }

    @Property(tries = 60)
    void baseAndMapsAddUpToThePredictionWhateverTheNetworkSays(@ForAll long seed,
                                                              @ForAll @IntRange(min = 0, max = 8) int magnitude) {
        LinearGame g = new LinearGame(SHAPE, seed);
        List<Image> images = g.images(3, seed ^ 0x5DEECE66DL);
        Provenance exact = exactProvenance(g, images);
        double[] base = g.exact(List.of("0", "1", "2"), images).get(0).baseValues();
        LearnedExplainer learned = LearnedExplainer.unmeasured(randomNetwork(3, seed, Math.pow(10, magnitude - 3)),
                base, exact);
        Explanations out = learned.explain(g.model(), LinearGame.MODEL, exact.backgroundFingerprint(),
                List.of("a", "b", "c"), images);
        for (int i = 0; i < out.size(); i++) {
            Explanation e = out.get(i);
            double scale = 1;
            for (int p = 0; p < e.players(); p++) {
                for (double v : e.values(p)) {
                    scale = Math.max(scale, Math.abs(v));
                }
            }
            assertTrue(e.maxAbsResidual() <= 1e-9 * scale, "residual " + e.maxAbsResidual() + " at scale " + scale);
            assertEquals(ExplainerKind.LEARNED.label(), e.explainer());
        }
    }

    @Test
    void theProjectionKeepsExactValuesAndTheExplanationsEqualTheExactOnes() {
        LinearGame g = new LinearGame(SHAPE, 7);
        List<Image> images = g.images(4, 8);
        List<String> ids = List.of("0", "1", "2", "3");
        Explanations exact = g.exact(ids, images);
        LearnedExplainer learned = LearnedExplainer.unmeasured(oracleNetwork(g), exact.get(0).baseValues(),
                exact.provenance().orElseThrow());
        Explanations out = learned.explain(g.model(), LinearGame.MODEL, exact.provenance().get()
                .backgroundFingerprint(), ids, images);
        for (int i = 0; i < images.size(); i++) {
            for (int p = 0; p < 3; p++) {
                double[] a = exact.get(i).values(p);
                double[] b = out.get(i).values(p);
                for (int k = 0; k < a.length; k++) {
                    assertEquals(a[k], b[k], 1e-12, "image " + i + " player " + p + " output " + k);
                }
            }
        }
        LearnedError error = LearnedError.of(ids, out.all(), exact.all());
        assertEquals(0, error.relativeRms(), 1e-12);
        assertEquals(1, error.dominantAgreement(), 0);
    }

    @Test
    void anotherModelOrBackgroundIsRefusedNamingWhichDiffers() {
        LinearGame g = new LinearGame(SHAPE, 3);
        List<Image> images = g.images(2, 4);
        Provenance exact = exactProvenance(g, images);
        LearnedExplainer learned = LearnedExplainer.unmeasured(randomNetwork(3, 1, 1), new double[SHAPE.pixels()],
                exact);
        String bg = exact.backgroundFingerprint();
        List<String> ids = List.of("0", "1");
        LearnedMismatchException model = assertThrows(LearnedMismatchException.class,
                () -> learned.explain(g.model(), "sha256:other", bg, ids, images));
        assertTrue(model.getMessage().contains("the model differs") && model.getMessage().contains("sha256:other")
                && !model.getMessage().contains("background differs"), model.getMessage());
        LearnedMismatchException background = assertThrows(LearnedMismatchException.class,
                () -> learned.explain(g.model(), LinearGame.MODEL, "sha256:other-rows", ids, images));
        assertEquals(List.of("the background differs (fitted with " + bg + ", given sha256:other-rows)"),
                background.differences());
        assertEquals(2, assertThrows(LearnedMismatchException.class,
                () -> learned.explain(g.model(), "x", "y", ids, images)).differences().size());
    }

    @Test
    void theImageExplainerSendsTheLearnedKindToTheFittedExplainer() {
        LinearGame g = new LinearGame(SHAPE, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageExplainer.of(g.model(),
                ExplanationOptions.builder().explainer(ExplainerKind.LEARNED).background(g.background).build())
                .explain(g.images(2, 1)));
        assertTrue(e.getMessage().contains("LearnedFolder.read"), e.getMessage());
        assertEquals(ExplainerKind.LEARNED, ExplainerKind.ofLabel("learned"));
    }

    @Test
    void aMeasuredExplainerCarriesItsRecordThroughItsFolderIntoEveryProvenance(@TempDir Path dir) {
        LinearGame g = new LinearGame(SHAPE, 5);
        List<Image> images = g.images(3, 6);
        List<String> ids = List.of("a", "b", "c");
        Explanations exact = g.exact(ids, images);
        LearnedError error = new LearnedError(1, 0.125, List.of(0.9, Double.NaN, 0.5), 0.75, "c", 0.25);
        LearnedRecord record = LearnedRecord.now(exact.provenance().get(), List.of("a", "b"), List.of("c"),
                Map.of("epochs", "3", "loss", "mse"), 11, error);
        LearnedFolder.write(dir, exact.get(0).baseValues(), new int[] {1, 5, 4}, record);
        LearnedRecord read = LearnedFolder.readRecord(dir);
        assertEquals(record.exact(), read.exact());
        assertEquals(record.fittedIds(), read.fittedIds());
        assertEquals(record.training(), read.training());
        assertEquals(record.heldOutError().relativeRms(), read.heldOutError().relativeRms());
        assertTrue(Double.isNaN(read.heldOutError().playerCorrelation().get(1)));
        assertEquals(record.created(), read.created());

        LearnedExplainer learned = LearnedExplainer.measured(oracleNetwork(g), exact.get(0).baseValues(), read);
        Provenance p = learned.explain(g.model(), LinearGame.MODEL, read.backgroundFingerprint(), ids, images)
                .provenance().orElseThrow();
        assertEquals("learned", p.explainer());
        assertEquals("0.125000", p.extra().get(LearnedExplainer.HELD_OUT + "relative_rms"));
        assertEquals("c", p.extra().get(LearnedExplainer.HELD_OUT + "worst_image"));
        assertEquals("3", p.explainerOptions().get("learned_epochs"));
        assertEquals(exact.provenance().get().backgroundFingerprint(), p.backgroundFingerprint());
        assertEquals(LinearGame.MODEL, p.modelFingerprint());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> LearnedFolder.read(dir));
        assertTrue(missing.getMessage().contains(LearnedFolder.NETWORK_ONNX), missing.getMessage());
    }

    @Test
    void aRecordWithoutModelFingerprintOrHeldOutImagesIsRefused() {
        LinearGame g = new LinearGame(SHAPE, 5);
        List<Image> images = g.images(3, 6);
        Provenance noFingerprint = ImageExplainer.of(g.model(), ExplanationOptions.builder()
                .explainer(ExplainerKind.EXACT).background(g.background).build()).provenanceFor(List.of("0"),
                images.subList(0, 1));
        LearnedError error = new LearnedError(1, 0.1, List.of(1.0, 1.0, 1.0), 1, "c", 0.1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LearnedRecord.now(
                noFingerprint, List.of("a"), List.of("c"), Map.of(), 1, error));
        assertTrue(e.getMessage().contains("fingerprint"), e.getMessage());
        Provenance exact = exactProvenance(g, images);
        assertThrows(IllegalArgumentException.class, () -> LearnedRecord.now(exact, List.of("a"), List.of(), Map.of(),
                1, error));
    }
}
