package io.github.segshap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.segshap.core.explainers.Explainer;
import io.github.segshap.core.explainers.KernelExplainer;
import io.github.segshap.core.explainers.PermutationExplainer;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.masking.BackgroundMasker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.players.ChannelGroups;
import io.github.segshap.core.players.PixelRegions;
import io.github.segshap.core.players.Players;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Accuracy per model call at M = 16 players: the RMS and largest error against exact Shapley values
 * as the number of model evaluations grows, for Kernel with paired sampling (the default), Kernel
 * without it, and Permutation, on the reference problems {@code tiny_cnn_16} and
 * {@code pixel_mlp_16} of {@code shap-oracle} (12 x 12 x 4 images, K = 144 outputs, 20 background
 * rows, channel x quadrant players). shap's Kernel error recorded there (2000 samples, i.e. about
 * 2000 x 20 = 40 000 model evaluations, {@code l1_reg=False}) is the bar. Not a timing: a plain
 * computation; errors are pooled over the files' 2 cases and {@value #SEEDS} seeds (RMS over all
 * players x outputs). Kernel budgets: {@link #BUDGETS} coalitions; Permutation gets
 * {@code budget / (2 (M - 1))} pairs, about the same number of model evaluations.
 *
 * <p>The reference folder is {@code -Dsegshap.reference} (default {@code ../shared/reference},
 * relative to the repository root). The two models are rebuilt from the JSON definitions, as
 * shap-core's oracle tests do (only {@code pixel_mlp} and {@code tiny_cnn} are needed here).
 */
public final class AccuracyPerCall {
    /** Seeds per configuration. */
    public static final int SEEDS = 1;
    /** Kernel budgets in coalitions (including the empty and the grand one); 2002 = shap's 2000 samples. */
    static final int[] BUDGETS = {258, 1026, 2002};
    /** The problems. */
    static final String[] PROBLEMS = {"tiny_cnn_16", "pixel_mlp_16"};

    private AccuracyPerCall() {
    }

    /** One line of the table. */
    public record Row(String problem, String method, String setting, double evaluations, double rms, double max,
                      double shapRms) {
    }

    /** Prints the table (markdown); argument {@code --quick}: budgets 258 and 2002, one seed. */
    public static void main(String[] args) {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        System.out.println(table(quick ? run(new int[] {258, 2002}, 1) : run(BUDGETS, SEEDS)));
    }

    /** The rows for these Kernel budgets (Permutation pairs of about the same cost) and seeds. */
    public static List<Row> run(int[] budgets, int seeds) {
        List<Row> out = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String name : PROBLEMS) {
            Path file = folder().resolve(name + ".json");
            JsonNode root;
            try {
                root = mapper.readTree(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file.toAbsolutePath()
                        + " (set -Dsegshap.reference=DIR)", e);
            }
            Problem p = new Problem(root);
            double shapRms = 0;
            for (JsonNode c : root.get("cases")) {
                for (JsonNode s : c.get("shap_kernel")) {
                    if (s.get("l1_reg").isBoolean() && !s.get("l1_reg").asBoolean()) {
                        shapRms += s.get("rms_error").asDouble() / root.get("cases").size();
                    }
                }
            }
            for (int budget : budgets) {
                int pairs = Math.max(1, (int) Math.round(budget / (2.0 * (p.players.count() - 1))));
                out.add(p.measure(seeds, name, "Kernel, paired", budget + " coalitions", shapRms,
                        seed -> KernelExplainer.builder(p.model, p.players, p.masker).budget(budget).seed(seed)
                                .threads(1).build()));
                out.add(p.measure(seeds, name, "Kernel, unpaired", budget + " coalitions", shapRms,
                        seed -> KernelExplainer.builder(p.model, p.players, p.masker).budget(budget).paired(false)
                                .seed(seed).threads(1).build()));
                out.add(p.measure(seeds, name, "Permutation", pairs + " pairs", shapRms,
                        seed -> PermutationExplainer.builder(p.model, p.players, p.masker).permutations(pairs)
                                .seed(seed).threads(1).build()));
            }
        }
        return out;
    }

    /** The rows as a markdown table. */
    public static String table(List<Row> rows) {
        StringBuilder md = new StringBuilder("| problem | explainer | setting | model evaluations | RMS error | "
                + "max error | RMS / shap's RMS at 2000 samples |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row r : rows) {
            md.append(String.format("| %s | %s | %s | %.0f | %.2e | %.2e | %.2f |%n", r.problem, r.method, r.setting,
                    r.evaluations, r.rms, r.max, r.rms / r.shapRms));
        }
        return md.toString();
    }

    /** The oracle folder. */
    static Path folder() {
        return Paths.get(System.getProperty("segshap.reference", "../shared/reference")).resolve("shap-oracle");
    }

    private interface Factory {
        Explainer make(long seed);
    }

    /** One oracle problem rebuilt from its JSON. */
    private static final class Problem {
        final ImageShape shape;
        final Model model;
        final Players players;
        final BackgroundMasker masker;
        final List<Image> images = new ArrayList<>();
        final List<double[][]> exact = new ArrayList<>();

        Problem(JsonNode root) {
            shape = new ImageShape(root.get("channels").asInt(), root.get("height").asInt(), root.get("width").asInt());
            if (!root.get("players").get("type").asText().equals("channel_x_quadrant")) {
                throw new IllegalArgumentException("expected channel_x_quadrant players, got "
                        + root.get("players").get("type").asText());
            }
            players = Players.of(shape, ChannelGroups.perChannel(shape.channels()),
                    PixelRegions.grid(shape.height(), shape.width(), 2, 2));
            model = model(root.get("model"), shape);
            List<Image> background = new ArrayList<>();
            root.get("background").forEach(b -> background.add(image(b, shape)));
            masker = BackgroundMasker.of(background);
            for (JsonNode c : root.get("cases")) {
                images.add(image(c.get("image"), shape));
                exact.add(matrix(c.get("exact_shapley")));
            }
        }

        Row measure(int seeds, String name, String method, String setting, double shapRms, Factory factory) {
            double sq = 0;
            double max = 0;
            long n = 0;
            double evaluations = 0;
            for (int seed = 0; seed < seeds; seed++) {
                Explainer explainer = factory.make(1000 + seed);
                for (int c = 0; c < images.size(); c++) {
                    Explanation e = explainer.explain(images.get(c));
                    if (c == 0) {
                        evaluations += e.modelEvaluations() / (double) seeds; // counts the base value once
                    }
                    double[][] want = exact.get(c);
                    for (int p = 0; p < want.length; p++) {
                        for (int k = 0; k < want[p].length; k++) {
                            double d = e.value(p, k) - want[p][k];
                            sq += d * d;
                            max = Math.max(max, Math.abs(d));
                            n++;
                        }
                    }
                }
            }
            return new Row(name, method, setting, evaluations, Math.sqrt(sq / n), max, shapRms);
        }
    }

    private static Image image(JsonNode hwc, ImageShape shape) {
        double[] v = new double[shape.size()];
        for (int r = 0; r < shape.height(); r++) {
            for (int col = 0; col < shape.width(); col++) {
                for (int ch = 0; ch < shape.channels(); ch++) {
                    v[shape.index(ch, r, col)] = hwc.get(r).get(col).get(ch).asDouble();
                }
            }
        }
        return Image.of(shape, v);
    }

    private static double[] vector(JsonNode n) {
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asDouble();
        }
        return v;
    }

    private static double[][] matrix(JsonNode n) {
        double[][] m = new double[n.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vector(n.get(i));
        }
        return m;
    }

    private static Model model(JsonNode m, ImageShape s) {
        OutputShape out = OutputShape.map(s.height(), s.width());
        int h = s.height();
        int w = s.width();
        int c = s.channels();
        switch (m.get("type").asText()) {
            case "pixel_mlp": {
                double[][] w1 = matrix(m.get("W1"));
                double[] b1 = vector(m.get("b1"));
                double[] w2 = vector(m.get("W2"));
                double b2 = m.get("b2").asDouble();
                return Model.perImage(out, (batch, n, dest, off) -> {
                    for (int r = 0; r < h; r++) {
                        for (int col = 0; col < w; col++) {
                            double z = b2;
                            for (int j = 0; j < b1.length; j++) {
                                double a = b1[j];
                                for (int ch = 0; ch < c; ch++) {
                                    a += batch.get(n, ch, r, col) * w1[ch][j];
                                }
                                z += Math.tanh(a) * w2[j];
                            }
                            dest[off + r * w + col] = 1 / (1 + Math.exp(-z));
                        }
                    }
                });
            }
            case "tiny_cnn": {
                double[][][][] k1 = tensor4(m.get("K1"));
                double[][][][] k2 = tensor4(m.get("K2"));
                return Model.perImage(out, (batch, n, dest, off) -> {
                    double[] hidden = conv(batch.values(), n * c * h * w, c, h, w, k1);
                    for (int i = 0; i < hidden.length; i++) {
                        hidden[i] = Math.max(0, hidden[i]);
                    }
                    double[] y = conv(hidden, 0, k1.length, h, w, k2);
                    for (int i = 0; i < h * w; i++) {
                        dest[off + i] = 1 / (1 + Math.exp(-y[i]));
                    }
                });
            }
            default:
                throw new IllegalArgumentException("model type " + m.get("type").asText() + " is not used here");
        }
    }

    /** 3 x 3 cross-correlation with zero padding 1 and no bias, channel-major flat arrays. */
    private static double[] conv(double[] x, int base, int channels, int h, int w, double[][][][] k) {
        double[] y = new double[k.length * h * w];
        for (int o = 0; o < k.length; o++) {
            for (int ch = 0; ch < channels; ch++) {
                int in = base + ch * h * w;
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        double kij = k[o][ch][i][j];
                        for (int r = Math.max(0, 1 - i); r < Math.min(h, h + 1 - i); r++) {
                            int src = in + (r + i - 1) * w + (j - 1);
                            int dst = (o * h + r) * w;
                            for (int col = Math.max(0, 1 - j); col < Math.min(w, w + 1 - j); col++) {
                                y[dst + col] += kij * x[src + col];
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    private static double[][][][] tensor4(JsonNode n) {
        double[][][][] t = new double[n.size()][][][];
        for (int i = 0; i < t.length; i++) {
            t[i] = new double[n.get(i).size()][][];
            for (int j = 0; j < t[i].length; j++) {
                t[i][j] = matrix(n.get(i).get(j));
            }
        }
        return t;
    }
}
