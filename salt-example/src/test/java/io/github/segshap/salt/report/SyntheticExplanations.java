package io.github.segshap.salt.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Plausible-looking explained samples for figure tests: additive by construction. */
final class SyntheticExplanations {

    static final List<String> CHANNELS = List.of("Seismic", "Amplitude", "Semblance", "Sobel");

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

    static List<ExplainedSample> samples(int n, int h, int w, long seed) {
        Random r = new Random(seed);
        double[][] base = base(h, w);
        List<ExplainedSample> out = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            double cy = h * (0.5 + 0.4 * r.nextDouble()), cx = w * r.nextDouble(), rad = h * (0.2 + 0.3 * r.nextDouble());
            double[][] truth = new double[h][w];
            double[][][] in = new double[4][h][w];
            double[][][] con = new double[4][h][w];
            double[][] pred = new double[h][w];
            double[] weight = {0.08, 0.09, 0.02, 0.15};
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    double d = Math.hypot(i - cy, j - cx) / rad;
                    truth[i][j] = d < 1 ? 1 : 0;
                    double soft = 1 / (1 + Math.exp(6 * (d - 1))); // smooth salt probability
                    in[0][i][j] = Math.sin(i / 2.0 + 3 * soft) + 0.3 * r.nextGaussian();
                    in[1][i][j] = in[0][i][j] * in[0][i][j] - 0.5;
                    in[2][i][j] = 1.5 * soft - 0.7 + 0.3 * r.nextGaussian();
                    in[3][i][j] = (j > 0 ? in[0][i][j] - in[0][i][j - 1] : 0) * 2;
                    double p = base[i][j];
                    for (int k = 0; k < 4; k++) {
                        con[k][i][j] = weight[k] * (2 * soft - 0.7) + 0.01 * r.nextGaussian();
                        p += con[k][i][j];
                    }
                    pred[i][j] = p;
                }
            }
            out.add(new ExplainedSample(Integer.toString(100 + s), CHANNELS, in, truth, pred, base, con));
        }
        return out;
    }
}
