package io.github.segshap.report.viewer;

import io.github.segshap.core.explainers.ExactExplainer;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.masking.BackgroundMasker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.players.ChannelGroups;
import io.github.segshap.core.players.Players;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small known explanation for the viewer's tests: three smooth channels of a 24 x 32 image, a
 * per-pixel model with a product of channels (so pairs interact), explained exactly with interaction maps.
 */
final class ViewerFixture {
    static final int H = 24;
    static final int W = 32;
    static final List<String> PLAYERS = List.of("seismic", "energy", "sobel");
    static final List<String> IDS = List.of("a17", "b23", "c42");

    private ViewerFixture() {
    }

    /** The model: a logistic of a linear part, a product of channels 0 and 2 and a pixel offset. */
    static double f(double x0, double x1, double x2, int r, int c) {
        double s = 0.9 * x0 - 0.6 * x1 + 1.3 * x0 * x2 + 0.04 * (r - 12) - 0.02 * c;
        return 1 / (1 + Math.exp(-s));
    }

    /** Three images explained exactly, with their interaction maps and inputs. */
    static Explanations explanations() {
        ImageShape shape = new ImageShape(3, H, W);
        Model model = Model.perImage(OutputShape.map(H, W), (batch, n, dest, off) -> {
            for (int r = 0; r < H; r++) {
                for (int c = 0; c < W; c++) {
                    dest[off + r * W + c] = f(batch.get(n, 0, r, c), batch.get(n, 1, r, c), batch.get(n, 2, r, c), r, c);
                }
            }
        });
        SplittableRandom rnd = new SplittableRandom(7);
        List<Image> background = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            background.add(random(shape, rnd));
        }
        ExactExplainer explainer = ExactExplainer.builder(model, Players.of(shape, ChannelGroups.perChannel(PLAYERS)),
                        BackgroundMasker.of(background))
                .interactions(true).threads(1).build();
        List<Image> inputs = new ArrayList<>();
        List<Explanation> items = new ArrayList<>();
        for (int i = 0; i < IDS.size(); i++) {
            Image x = random(shape, rnd);
            inputs.add(x);
            items.add(explainer.explain(x));
        }
        return Explanations.of(IDS, inputs, items, shape, null);
    }

    /** Smooth waves with a random direction and phase per channel, plus a little noise. */
    private static Image random(ImageShape shape, SplittableRandom r) {
        double[] v = new double[shape.size()];
        for (int ch = 0; ch < shape.channels(); ch++) {
            double fr = r.nextDouble(-0.35, 0.35);
            double fc = r.nextDouble(-0.35, 0.35);
            double phase = r.nextDouble(0, 2 * Math.PI);
            for (int row = 0; row < shape.height(); row++) {
                for (int col = 0; col < shape.width(); col++) {
                    v[(ch * shape.height() + row) * shape.width() + col] = 1.5 * Math.sin(fr * row + fc * col + phase)
                            + 0.2 * r.nextGaussian();
                }
            }
        }
        return Image.of(shape, v);
    }

    /** True masks: prediction above 0.5. */
    static Map<String, boolean[]> truth(Explanations ex) {
        Map<String, boolean[]> t = new LinkedHashMap<>();
        for (int i = 0; i < ex.size(); i++) {
            double[] p = ex.get(i).outputs();
            boolean[] m = new boolean[p.length];
            for (int o = 0; o < p.length; o++) {
                m[o] = p[o] > 0.5;
            }
            t.put(ex.id(i), m);
        }
        return t;
    }

    /**
     * Writes the explanation folder (with its {@code interactions.npy}) and {@code truth.npy} (float32
     * {@code [N, 1, H, W]}) beside the folder's arrays.
     */
    static Path folder(Path dir) {
        Explanations ex = explanations();
        Map<String, boolean[]> truth = truth(ex);
        int n = ex.size();
        int k = H * W;
        return ExplanationFolder.write(ex, dir, partial -> {
            float[] t = new float[n * k];
            for (int i = 0; i < n; i++) {
                boolean[] mask = truth.get(ex.id(i));
                for (int o = 0; o < k; o++) {
                    t[i * k + o] = mask[o] ? 1 : 0;
                }
            }
            Npy.write(partial.resolve(ExplanationFolder.TRUTH), t, n, 1, H, W);
        });
    }
}
