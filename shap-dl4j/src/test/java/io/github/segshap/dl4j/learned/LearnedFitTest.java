package io.github.segshap.dl4j.learned;

import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.learned.LearnedError;
import io.github.segshap.core.learned.LearnedExplainer;
import io.github.segshap.core.learned.LearnedFolder;
import io.github.segshap.core.learned.LearnedMismatchException;
import io.github.segshap.core.learned.LearnedRecord;
import io.github.segshap.core.learned.LinearGame;
import io.github.segshap.dl4j.runtime.NativeThreads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fitting on a per-pixel linear model, whose Shapley values {@code w_c (x_c - mean_b x_c)} are affine
 * in the input: the network's linear path (input concatenated before the 1 x 1 output convolution)
 * can represent them exactly, so a fit should drive the held-out error near zero; the projection then
 * removes what remains in the sum direction.
 */
class LearnedFitTest {
    private static final ImageShape SHAPE = new ImageShape(3, 6, 6);
    private static LinearGame game;
    private static List<String> ids;
    private static List<Image> images;
    private static LearnedFit.Fitted fitted;

    private static LearnedFit fitter(long seed) {
        return LearnedFit.builder().layers(2).filters(8).epochs(1500).batchSize(32).learningRate(1e-2).holdout(0.25)
                .seed(seed).build();
    }

    @BeforeAll
    static void fit() {
        NativeThreads.pin(1);
        game = new LinearGame(SHAPE, 21);
        images = game.images(40, 22);
        ids = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            ids.add("img" + i);
        }
        fitted = fitter(5).fit(game.model(), game.exactOptions(), ids, images);
    }

    @Test
    void onALinearModelTheHeldOutErrorIsNearZero() {
        LearnedRecord r = fitted.record();
        LearnedError e = r.heldOutError();
        assertEquals(10, r.heldOutIds().size());
        assertEquals(30, r.fittedIds().size());
        // bound: 5% relative RMS. With background rows constant over the pixels the targets are the same
        // affine function of the input at every pixel, which the 1 x 1 output convolution over the input
        // represents exactly; 1500 full-batch Adam steps leave a small training residue only.
        assertTrue(e.relativeRms() < 0.05, e.summary());
        assertTrue(e.dominantAgreement() > 0.9, e.summary());
        e.playerCorrelation().forEach(c -> assertTrue(c > 0.99, e.summary()));
        // the closed form agrees with the exact explanations the fit was measured against
        Explanations learned = fitted.explainer().explain(game.model(), LinearGame.MODEL,
                r.backgroundFingerprint(), List.of(ids.get(0)), List.of(images.get(0)));
        assertTrue(learned.get(0).maxAbsResidual() < 1e-9, "additive: " + learned.get(0).maxAbsResidual());
        assertEquals(game.shapley(images.get(0), 1, 7), learned.get(0).value(1, 7), 0.2);
    }

    @Test
    void theFitIsTheSameForASeed() {
        LearnedFit.Fitted again = fitter(5).fit(game.model(), game.exactOptions(), ids, images);
        assertArrayEquals(fitted.graph().params().toFloatVector(), again.graph().params().toFloatVector());
        assertEquals(fitted.record().heldOutIds(), again.record().heldOutIds());
        assertEquals(fitted.record().heldOutError(), again.record().heldOutError());
    }

    @Test
    void theFolderReadsBackAndRefusesAnotherModel(@TempDir Path dir) {
        fitted.write(dir);
        assertTrue(Files.isRegularFile(dir.resolve(LearnedFolder.NETWORK_ZIP)));
        LearnedExplainer read = LearnedFolder.read(dir);
        assertEquals(fitted.record().heldOutError(), read.record().orElseThrow().heldOutError());
        String bg = read.record().get().backgroundFingerprint();
        Explanations a = fitted.explainer().explain(game.model(), LinearGame.MODEL, bg, ids.subList(0, 3),
                images.subList(0, 3));
        Explanations b = read.explain(game.model(), LinearGame.MODEL, bg, ids.subList(0, 3), images.subList(0, 3));
        for (int i = 0; i < 3; i++) {
            for (int p = 0; p < 3; p++) {
                assertArrayEquals(a.get(i).values(p), b.get(i).values(p), 1e-12);
            }
        }
        LearnedMismatchException e = assertThrows(LearnedMismatchException.class, () -> read.explain(game.model(),
                "sha256:another-model", bg, ids.subList(0, 1), images.subList(0, 1)));
        assertTrue(e.getMessage().contains("the model differs"), e.getMessage());
    }
}
