package io.github.segshap.core.readme;

import io.github.segshap.core.explainers.ExactExplainer;
import io.github.segshap.core.explainers.Explainer;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.masking.BackgroundMasker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.players.ChannelGroups;
import io.github.segshap.core.players.Players;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's example, verbatim between the markers, so the README cannot drift from the API. */
class ReadmeExampleTest {

    @Test
    void readmeExampleRunsAndAddsUp() {
        Random random = new Random(1);
        List<Image> background = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            background.add(randomImage(random));
        }
        Image image = randomImage(random);
        // README example begins
        ImageShape shape = new ImageShape(4, 101, 101);            // seismic, energy, semblance, sobel
        Model model = Model.perImage(OutputShape.map(101, 101), (batch, n, out, offset) -> {
            for (int i = 0; i < 101 * 101; i++) {                  // any Java function of the channels
                double z = batch.get(n, 0, i / 101, i % 101) - 0.5 * batch.get(n, 3, i / 101, i % 101);
                out[offset + i] = 1 / (1 + Math.exp(-z));
            }
        });
        Players players = Players.of(shape, ChannelGroups.of(new int[][] {{0}, {1, 2}, {3}},
                List.of("seismic", "energy+semblance", "sobel")));
        Explainer explainer = ExactExplainer.builder(model, players, BackgroundMasker.of(background)).build();
        Explanation e = explainer.explain(image);                   // all 101 x 101 outputs at once
        double[][] seismic = e.map(0);                             // seismic's contribution to every pixel
        e.checkAdditivity(1e-9);                                   // base value + maps = prediction
        // README example ends
        assertEquals(101, seismic.length);
        assertEquals(0.0, e.map(1)[50][50], 1e-12, "the model ignores energy and semblance");
    }

    private static Image randomImage(Random random) {
        ImageShape shape = new ImageShape(4, 101, 101);
        double[] v = new double[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        return Image.of(shape, v);
    }
}
