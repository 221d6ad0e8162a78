package io.github.segshap.bench;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.provenance.Provenance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * An explanation folder of the size of a data set, for timing the report without explaining it:
 * N images of 4 x S x S standard-normal inputs (seed 7), one player per channel whose contribution is
 * a fixed multiple of its input, a smooth base-value map, the prediction their sum (additive
 * exactly), the true mask where the prediction exceeds 0.35. Not a benchmark; see
 * docs/performance.md ("Report time").
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.segshap.bench.SyntheticFolder N S FOLDER
 * </pre>
 */
public final class SyntheticFolder {
    private static final List<String> PLAYERS = List.of("seismic", "energy", "semblance", "sobel");

    private SyntheticFolder() {
    }

    /** Writes the folder; see the class comment. */
    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: SyntheticFolder N SIZE FOLDER");
        }
        int n = Integer.parseInt(args[0]);
        int size = Integer.parseInt(args[1]);
        int c = PLAYERS.size();
        int k = size * size;
        ImageShape shape = new ImageShape(c, size, size);
        OutputShape os = OutputShape.of(new int[] {1, size, size});
        Random r = new Random(7);
        double[] base = new double[k];
        for (int o = 0; o < k; o++) {
            base[o] = 0.3 + 0.1 * Math.sin(o * 0.01);
        }
        List<String> ids = new ArrayList<>();
        List<Image> inputs = new ArrayList<>();
        List<Explanation> items = new ArrayList<>();
        Map<String, boolean[]> truth = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String id = String.format(Locale.ROOT, "%08x", r.nextInt());
            double[] in = new double[c * k];
            for (int j = 0; j < in.length; j++) {
                in[j] = r.nextGaussian();
            }
            double[][] values = new double[c][k];
            double[] prediction = base.clone();
            for (int p = 0; p < c; p++) {
                for (int o = 0; o < k; o++) {
                    values[p][o] = 0.05 * in[p * k + o] * (p + 1) / c;
                    prediction[o] += values[p][o];
                }
            }
            boolean[] mask = new boolean[k];
            for (int o = 0; o < k; o++) {
                mask[o] = prediction[o] > 0.35;
            }
            ids.add(id);
            inputs.add(Image.of(shape, in));
            truth.put(id, mask);
            items.add(Explanation.builder(PLAYERS, os).baseValues(base.clone()).outputs(prediction).values(values)
                    .explainer("exact").modelEvaluations(256).build());
        }
        ExplanationFolder.write(Explanations.of(ids, inputs, items, shape, Provenance.builder("exact").seed(42)
                .build()).withLabels(truth), Path.of(args[2]));
    }
}
