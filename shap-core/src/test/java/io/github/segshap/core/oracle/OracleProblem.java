package io.github.segshap.core.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.players.ChannelGroups;
import io.github.segshap.core.players.PixelRegions;
import io.github.segshap.core.players.PlayerHierarchy;
import io.github.segshap.core.players.Players;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One problem of the shap oracle (see {@code shared/reference/shap-oracle/README.md}), rebuilt from
 * its JSON file: the model with its weights, the players, the background and the cases. Public for
 * the benchmarks module, which gets it through shap-core's test-jar.
 */
public final class OracleProblem {
    /** The file name, e.g. {@code tiny_cnn_16.json}. */
    public final String name;
    /** The image shape. */
    public final ImageShape shape;
    /** The model, rebuilt from the file's weights. */
    public final Model model;
    /** The players. */
    public final Players players;
    /** The background rows. */
    public final List<Image> background;
    /** The cases as in the file ({@code image}, {@code exact_shapley}, shap's results, ...). */
    public final List<JsonNode> cases;

    private OracleProblem(String name, JsonNode root) {
        this.name = name;
        int h = root.get("height").asInt();
        int w = root.get("width").asInt();
        int c = root.get("channels").asInt();
        this.shape = new ImageShape(c, h, w);
        this.model = model(root.get("model"), shape);
        this.players = players(root.get("players"), shape);
        this.background = new ArrayList<>();
        for (JsonNode b : root.get("background")) {
            background.add(image(b, shape));
        }
        this.cases = new ArrayList<>();
        root.get("cases").forEach(cases::add);
    }

    /** The oracle folder: {@code ${segshap.reference}/shap-oracle}. */
    public static Path folder() {
        String ref = System.getProperty("segshap.reference", "../shared/reference");
        return Paths.get(ref).resolve("shap-oracle");
    }

    /** One problem of the oracle folder by its file name, e.g. {@code tiny_cnn_16.json}. */
    public static OracleProblem named(String fileName) {
        Path file = folder().resolve(fileName);
        try {
            return new OracleProblem(fileName, new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath()
                    + " (set -Dsegshap.reference=DIR)", e);
        }
    }

    /** Every {@code *.json} problem in the oracle folder, sorted by file name. */
    public static List<OracleProblem> all() {
        Path dir = folder();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("reference folder " + dir.toAbsolutePath()
                    + " does not exist: set -Dsegshap.reference=DIR");
        }
        ObjectMapper mapper = new ObjectMapper();
        try (Stream<Path> files = Files.list(dir)) {
            List<OracleProblem> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                out.add(new OracleProblem(f.getFileName().toString(), mapper.readTree(f.toFile())));
            }
            if (out.isEmpty()) {
                throw new IllegalStateException("no *.json problem in " + dir.toAbsolutePath());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An image from its JSON array in height x width x channels order. */
    public static Image image(JsonNode hwc, ImageShape shape) {
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

    static double[] vector(JsonNode n) {
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asDouble();
        }
        return v;
    }

    /** A matrix from its JSON array of rows, e.g. a case's {@code exact_shapley} (players x outputs). */
    public static double[][] matrix(JsonNode n) {
        double[][] m = new double[n.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vector(n.get(i));
        }
        return m;
    }

    static PlayerHierarchy hierarchy(JsonNode tree) {
        List<PlayerHierarchy> kids = new ArrayList<>();
        for (JsonNode child : tree) {
            kids.add(child.isArray() ? hierarchy(child) : PlayerHierarchy.leaf(child.asInt()));
        }
        return PlayerHierarchy.node(kids);
    }

    private static Players players(JsonNode p, ImageShape shape) {
        String type = p.get("type").asText();
        switch (type) {
            case "channel_groups": {
                JsonNode groups = p.get("groups");
                int[][] g = new int[groups.size()][];
                for (int i = 0; i < g.length; i++) {
                    g[i] = ints(groups.get(i));
                }
                List<String> names = new ArrayList<>();
                p.get("names").forEach(n -> names.add(n.asText()));
                return Players.of(shape, ChannelGroups.of(g, names));
            }
            case "channel_x_quadrant":
                return Players.of(shape, ChannelGroups.perChannel(shape.channels()),
                        PixelRegions.grid(shape.height(), shape.width(), 2, 2));
            default:
                throw new IllegalArgumentException("unknown player type " + type);
        }
    }

    private static int[] ints(JsonNode n) {
        int[] v = new int[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asInt();
        }
        return v;
    }

    private static Model model(JsonNode m, ImageShape s) {
        OutputShape out = OutputShape.map(s.height(), s.width());
        int h = s.height();
        int w = s.width();
        int c = s.channels();
        switch (m.get("type").asText()) {
            case "linear": {
                double[] a = vector(m.get("a"));
                double b = m.get("b").asDouble();
                return Model.perImage(out, (batch, n, dest, off) -> {
                    for (int r = 0; r < h; r++) {
                        for (int col = 0; col < w; col++) {
                            double y = b;
                            for (int ch = 0; ch < c; ch++) {
                                y += a[ch] * batch.get(n, ch, r, col);
                            }
                            dest[off + r * w + col] = y;
                        }
                    }
                });
            }
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
                                z += (1 - 2 / (Math.exp(2 * a) + 1)) * w2[j]; // tanh(a), faster than Math.tanh
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
                    double[] x = batch.values();
                    int base = n * c * h * w;
                    double[] hidden = conv(x, base, c, h, w, k1);
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
                throw new IllegalArgumentException("unknown model type " + m.get("type").asText());
        }
    }

    /** 3 x 3 cross-correlation with zero padding 1 and no bias, channel-major flat arrays. */
    static double[] conv(double[] x, int base, int channels, int h, int w, double[][][][] k) {
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

    @Override
    public String toString() {
        return name;
    }
}
