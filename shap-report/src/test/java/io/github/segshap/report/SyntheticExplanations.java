package io.github.segshap.report;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.interactions.InteractionMaps;
import io.github.segshap.core.model.OutputShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Plausible-looking explanations for figure and report tests: additive by construction. */
public final class SyntheticExplanations {

    /** The players: one per input channel. */
    public static final List<String> CHANNELS = List.of("Seismic", "Energy", "Semblance", "Sobel");

    /** Explanations with their true masks. */
    public record Batch(Explanations explanations, Map<String, boolean[]> truth) {
    }

    private SyntheticExplanations() {
    }

    static double[][] base(int h, int w) {
        double[][] b = new double[h][w];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                b[i][j] = 0.33 + 0.03 * Math.cos(i / 6.0) * Math.sin(j / 5.0);
            }
        }
        return b;
    }

    /** {@code n} images of {@code h x w} with ids 100, 101, ... */
    public static Batch samples(int n, int h, int w, long seed) {
        Random r = new Random(seed);
        double[][] base = base(h, w);
        List<String> ids = new ArrayList<>();
        List<Image> inputs = new ArrayList<>();
        List<Explanation> items = new ArrayList<>();
        Map<String, boolean[]> truthById = new LinkedHashMap<>();
        OutputShape os = OutputShape.map(h, w);
        for (int s = 0; s < n; s++) {
            double cy = h * (0.5 + 0.4 * r.nextDouble()), cx = w * r.nextDouble(), rad = h * (0.2 + 0.3 * r.nextDouble());
            boolean[] truth = new boolean[h * w];
            double[][][] in = new double[4][h][w];
            double[][] con = new double[4][h * w];
            double[] pred = new double[h * w];
            double[] b = new double[h * w];
            double[] weight = {0.08, 0.09, 0.02, 0.15};
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    int o = i * w + j;
                    double d = Math.hypot(i - cy, j - cx) / rad;
                    truth[o] = d < 1;
                    double soft = 1 / (1 + Math.exp(6 * (d - 1))); // smooth salt probability
                    in[0][i][j] = Math.sin(i / 2.0 + 3 * soft) + 0.3 * r.nextGaussian();
                    in[1][i][j] = in[0][i][j] * in[0][i][j] - 0.5;
                    in[2][i][j] = 1.5 * soft - 0.7 + 0.3 * r.nextGaussian();
                    in[3][i][j] = (j > 0 ? in[0][i][j] - in[0][i][j - 1] : 0) * 2;
                    b[o] = base[i][j];
                    double p = base[i][j];
                    for (int k = 0; k < 4; k++) {
                        con[k][o] = weight[k] * (2 * soft - 0.7) + 0.01 * r.nextGaussian();
                        p += con[k][o];
                    }
                    pred[o] = p;
                }
            }
            String id = Integer.toString(100 + s);
            ids.add(id);
            inputs.add(Image.of(in));
            items.add(Explanation.builder(CHANNELS, os).baseValues(b).values(con).outputs(pred).explainer("exact")
                    .modelEvaluations(16).build());
            truthById.put(id, truth);
        }
        return new Batch(Explanations.of(ids, inputs, items, inputs.get(0).shape(), null), truthById);
    }

    /**
     * The same explanations with interaction maps that fit them: pair (i, j) a smooth wave of its own
     * amplitude, the diagonal what makes each row sum to the player's contribution.
     */
    public static Batch withInteractions(Batch b) {
        Explanations ex = b.explanations();
        int m = ex.players();
        int k = ex.outputShape().size();
        int w = ex.outputShape().width();
        List<Explanation> items = new ArrayList<>();
        for (Explanation e : ex.all()) {
            double[] phi = new double[m * m * k];
            for (int i = 0; i < m; i++) {
                for (int j = i + 1; j < m; j++) {
                    for (int o = 0; o < k; o++) {
                        double v = 0.01 * (i + 2 * j) * Math.sin((o / w) / 3.0 + i) * Math.cos((o % w) / 4.0 + j);
                        phi[(i * m + j) * k + o] = v;
                        phi[(j * m + i) * k + o] = v;
                    }
                }
            }
            for (int i = 0; i < m; i++) {
                for (int o = 0; o < k; o++) {
                    double d = e.value(i, o);
                    for (int j = 0; j < m; j++) {
                        if (j != i) {
                            d -= phi[(i * m + j) * k + o];
                        }
                    }
                    phi[(i * m + i) * k + o] = d;
                }
            }
            double[][] values = new double[m][];
            for (int p = 0; p < m; p++) {
                values[p] = e.values(p);
            }
            items.add(Explanation.builder(e.playerNames(), e.outputShape()).baseValues(e.baseValues())
                    .values(values).outputs(e.outputs()).explainer(e.explainer()).modelEvaluations(e.modelEvaluations())
                    .interactions(InteractionMaps.of(e.playerNames(), e.outputShape(), phi, null)).build());
        }
        return new Batch(Explanations.of(ex.ids(), ex.inputs(), items, ex.imageShape(), null), b.truth());
    }
}
