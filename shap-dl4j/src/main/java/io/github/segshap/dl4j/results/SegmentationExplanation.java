package io.github.segshap.dl4j.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.AtomicFiles;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.io.NpyArray;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.padding.Padding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The explanation of one image by a segmentation model: a base-value map, one contribution map per
 * player and the prediction map, with {@code base + sum of contributions = prediction} at every
 * output (pixel, or class and pixel). Immutable; a thin view of the shap-core {@link Explanation}
 * plus the explained image's shape.
 *
 * <p><b>Files.</b> {@link #saveAll(List, Path)} writes a directory that NumPy reads directly:
 * <ul>
 *   <li>{@code base_values.npy}: float64 {@code [N, *output_shape]}</li>
 *   <li>{@code contributions.npy}: float64 {@code [N, M, *output_shape]} (M players)</li>
 *   <li>{@code prediction.npy}: float64 {@code [N, *output_shape]}</li>
 *   <li>{@code standard_errors.npy}: float64 {@code [N, M, *output_shape]}, only for sampling
 *       explainers</li>
 *   <li>{@code explanation.json}: player names, image and output shapes, method, model
 *       evaluations and the largest additivity residual per image</li>
 * </ul>
 * with {@code output_shape = [C', H', W']} ({@code [1, H, W]} for a sigmoid mask). In Python:
 * {@code np.load("contributions.npy")[i, p, 0]} is player p's map for image i.
 * {@link #loadAll(Path)} reads it back exactly.
 */
public final class SegmentationExplanation {
    /** Name of the JSON file of a saved explanation directory. */
    public static final String JSON = "explanation.json";
    private static final String FORMAT = "segshap-segmentation-explanation";
    private static final ObjectMapper JSON_MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Explanation explanation;
    private final ImageShape imageShape;

    /**
     * @param explanation the core explanation
     * @param imageShape  the shape of the explained image
     */
    public SegmentationExplanation(Explanation explanation, ImageShape imageShape) {
        this.explanation = Objects.requireNonNull(explanation, "explanation");
        this.imageShape = Objects.requireNonNull(imageShape, "imageShape");
    }

    /** The shap-core explanation (all values, flat). */
    public Explanation explanation() {
        return explanation;
    }

    /** The shape of the explained image. */
    public ImageShape imageShape() {
        return imageShape;
    }

    /** The player names, e.g. {@code channel 0 .. channel C-1}. */
    public List<String> playerNames() {
        return explanation.playerNames();
    }

    /** Number of players M. */
    public int players() {
        return explanation.players();
    }

    /** The output shape, e.g. {@code [1, H, W]}. */
    public OutputShape outputShape() {
        return explanation.outputShape();
    }

    /** The base-value map (expected output over the background) of output plane {@code plane}. */
    public double[][] baseValueMap(int plane) {
        return explanation.baseValueMap(plane);
    }

    /** The base-value map of the first (often only) output plane. */
    public double[][] baseValueMap() {
        return baseValueMap(0);
    }

    /** Player p's contribution map of output plane {@code plane}. */
    public double[][] contributionMap(int player, int plane) {
        return explanation.map(player, plane);
    }

    /** Player p's contribution map of the first output plane. */
    public double[][] contributionMap(int player) {
        return contributionMap(player, 0);
    }

    /** The named player's contribution map of the first output plane. */
    public double[][] contributionMap(String player) {
        int p = playerNames().indexOf(player);
        if (p < 0) {
            throw new IllegalArgumentException("no player named '" + player + "'; players are " + playerNames());
        }
        return contributionMap(p);
    }

    /** The predicted map of output plane {@code plane}. */
    public double[][] predictionMap(int plane) {
        return explanation.outputMap(plane);
    }

    /** The predicted map of the first output plane. */
    public double[][] predictionMap() {
        return predictionMap(0);
    }

    /** All base values, flat (a copy). */
    public double[] baseValues() {
        return explanation.baseValues();
    }

    /** All contributions, {@code [player][output]} (a copy). */
    public double[][] contributions() {
        double[][] out = new double[players()][];
        for (int p = 0; p < out.length; p++) {
            out[p] = explanation.values(p);
        }
        return out;
    }

    /** The prediction, flat (a copy). */
    public double[] prediction() {
        return explanation.outputs();
    }

    /** {@code prediction - base - sum of contributions} per output. */
    public double[] additivityResidual() {
        return explanation.additivityResidual();
    }

    /** The largest absolute additivity residual. */
    public double maxAbsResidual() {
        return explanation.maxAbsResidual();
    }

    /** The explainer that made this explanation, e.g. "exact" or "kernel". */
    public String method() {
        return explanation.method();
    }

    /** Masked images the model predicted for this explanation. */
    public long modelEvaluations() {
        return explanation.modelEvaluations();
    }

    /**
     * The explanation of the centre {@code height x width} of every output map, undoing a centred
     * {@link Padding#centred pad} of the input (e.g. 104 -> 101). Additivity holds pixel by pixel, so
     * it still holds. The image shape becomes {@code C x height x width}.
     */
    public SegmentationExplanation cropCenter(int height, int width) {
        OutputShape os = outputShape();
        int planes = os.planes();
        int[] dims = os.dims();
        dims[dims.length - 1] = width;
        if (dims.length >= 2) {
            dims[dims.length - 2] = height;
        } else if (height != 1) {
            throw new IllegalArgumentException("a vector output cannot be cropped to " + height + " rows");
        }
        OutputShape cropped = OutputShape.of(dims);
        Padding padding = Padding.centred(height, width, os.height(), os.width());
        double[][] values = contributions();
        for (int p = 0; p < values.length; p++) {
            values[p] = padding.crop(values[p], planes);
        }
        Explanation.Builder b = Explanation.builder(playerNames(), cropped)
                .baseValues(padding.crop(baseValues(), planes))
                .outputs(padding.crop(prediction(), planes))
                .values(values)
                .method(method())
                .modelEvaluations(modelEvaluations());
        explanation.standardErrors().ifPresent(se -> {
            double[][] c = new double[se.length][];
            for (int p = 0; p < se.length; p++) {
                c[p] = padding.crop(se[p], planes);
            }
            b.standardErrors(c);
        });
        return new SegmentationExplanation(b.build(), new ImageShape(imageShape.channels(), height, width));
    }

    /** Saves this explanation alone (N = 1) into {@code dir}; see {@link #saveAll}. */
    public void save(Path dir) {
        saveAll(List.of(this), dir);
    }

    /**
     * Saves explanations of one player set and output shape into {@code dir} (created if needed):
     * NumPy files plus {@code explanation.json} (see the class comment). Each file is written
     * atomically.
     *
     * @throws IllegalArgumentException when the list is empty or the explanations differ in players,
     *                                  output shape or image shape
     * @throws UncheckedIOException     when a file cannot be written
     */
    public static void saveAll(List<SegmentationExplanation> explanations, Path dir) {
        if (explanations.isEmpty()) {
            throw new IllegalArgumentException("no explanations to save: the list is empty");
        }
        SegmentationExplanation first = explanations.get(0);
        OutputShape os = first.outputShape();
        int n = explanations.size();
        int m = first.players();
        int k = os.size();
        boolean withErrors = first.explanation.standardErrors().isPresent();
        double[] base = new double[n * k];
        double[] pred = new double[n * k];
        double[] contrib = new double[n * m * k];
        double[] errors = withErrors ? new double[n * m * k] : null;
        List<Long> evaluations = new ArrayList<>();
        List<Double> residuals = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final int index = i;
            SegmentationExplanation e = explanations.get(i);
            if (!e.playerNames().equals(first.playerNames()) || !e.outputShape().equals(os)
                    || !e.imageShape.equals(first.imageShape)) {
                throw new IllegalArgumentException("explanation " + i + " (players " + e.playerNames() + ", output "
                        + e.outputShape() + ", image " + e.imageShape + ") does not match explanation 0 (players "
                        + first.playerNames() + ", output " + os + ", image " + first.imageShape + ")");
            }
            System.arraycopy(e.explanation.baseValues(), 0, base, i * k, k);
            System.arraycopy(e.explanation.outputs(), 0, pred, i * k, k);
            for (int p = 0; p < m; p++) {
                System.arraycopy(e.explanation.values(p), 0, contrib, (i * m + p) * k, k);
            }
            if (withErrors) {
                double[][] se = e.explanation.standardErrors().orElseThrow(() -> new IllegalArgumentException(
                        "explanation " + index + " has no standard errors but explanation 0 has"));
                for (int p = 0; p < m; p++) {
                    System.arraycopy(se[p], 0, errors, (i * m + p) * k, k);
                }
            }
            evaluations.add(e.modelEvaluations());
            residuals.add(e.maxAbsResidual());
        }
        try {
            Files.createDirectories(dir);
            int[] dims = os.dims();
            Npy.write(dir.resolve("base_values.npy"), base, prepend(dims, n));
            Npy.write(dir.resolve("prediction.npy"), pred, prepend(dims, n));
            Npy.write(dir.resolve("contributions.npy"), contrib, prepend(dims, n, m));
            if (withErrors) {
                Npy.write(dir.resolve("standard_errors.npy"), errors, prepend(dims, n, m));
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("format", FORMAT);
            json.put("version", 1);
            json.put("images", n);
            json.put("players", first.playerNames());
            json.put("image_shape", new int[] {first.imageShape.channels(), first.imageShape.height(),
                    first.imageShape.width()});
            json.put("output_shape", dims);
            json.put("method", first.method());
            json.put("model_evaluations", evaluations);
            json.put("max_abs_residual", residuals);
            json.put("files", Map.of("base_values", "base_values.npy", "contributions", "contributions.npy",
                    "prediction", "prediction.npy"));
            AtomicFiles.write(dir.resolve(JSON), JSON_MAPPER.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save explanations to " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a directory written by {@link #saveAll}.
     *
     * @throws IllegalArgumentException when the directory is not a saved explanation or its files
     *                                  disagree
     * @throws UncheckedIOException     when a file cannot be read
     */
    public static List<SegmentationExplanation> loadAll(Path dir) {
        Path jsonFile = dir.resolve(JSON);
        if (!Files.isRegularFile(jsonFile)) {
            throw new IllegalArgumentException(dir + " is not a saved explanation: " + JSON + " is missing");
        }
        JsonNode json;
        try {
            json = JSON_MAPPER.readTree(jsonFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jsonFile + ": " + e.getMessage(), e);
        }
        if (!FORMAT.equals(json.path("format").asText())) {
            throw new IllegalArgumentException(jsonFile + " is not a segshap explanation (format '"
                    + json.path("format").asText() + "')");
        }
        int n = json.path("images").asInt();
        List<String> names = new ArrayList<>();
        json.path("players").forEach(node -> names.add(node.asText()));
        int[] dims = ints(json.path("output_shape"));
        int[] is = ints(json.path("image_shape"));
        ImageShape imageShape = new ImageShape(is[0], is[1], is[2]);
        OutputShape os = OutputShape.of(dims);
        int m = names.size();
        int k = os.size();
        double[] base = read(dir, "base_values.npy", prepend(dims, n));
        double[] pred = read(dir, "prediction.npy", prepend(dims, n));
        double[] contrib = read(dir, "contributions.npy", prepend(dims, n, m));
        Path sePath = dir.resolve("standard_errors.npy");
        double[] errors = Files.isRegularFile(sePath) ? read(dir, "standard_errors.npy", prepend(dims, n, m)) : null;
        String method = json.path("method").asText("unknown");
        JsonNode evals = json.path("model_evaluations");
        List<SegmentationExplanation> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[][] values = new double[m][];
            double[][] se = errors == null ? null : new double[m][];
            for (int p = 0; p < m; p++) {
                values[p] = Arrays.copyOfRange(contrib, (i * m + p) * k, (i * m + p + 1) * k);
                if (se != null) {
                    se[p] = Arrays.copyOfRange(errors, (i * m + p) * k, (i * m + p + 1) * k);
                }
            }
            Explanation e = Explanation.builder(names, os)
                    .baseValues(Arrays.copyOfRange(base, i * k, (i + 1) * k))
                    .outputs(Arrays.copyOfRange(pred, i * k, (i + 1) * k))
                    .values(values)
                    .standardErrors(se)
                    .method(method)
                    .modelEvaluations(evals.path(i).asLong())
                    .build();
            out.add(new SegmentationExplanation(e, imageShape));
        }
        return out;
    }

    /** Reads a directory holding exactly one explanation. */
    public static SegmentationExplanation load(Path dir) {
        List<SegmentationExplanation> all = loadAll(dir);
        if (all.size() != 1) {
            throw new IllegalArgumentException(dir + " holds " + all.size() + " explanations, not 1: use loadAll");
        }
        return all.get(0);
    }

    private static double[] read(Path dir, String name, int[] expected) {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException(dir + " is not a complete saved explanation: " + name + " is missing");
        }
        NpyArray a = Npy.read(p);
        if (!Arrays.equals(a.shape(), expected)) {
            throw new IllegalArgumentException(p + " has shape " + Arrays.toString(a.shape()) + " but "
                    + JSON + " says " + Arrays.toString(expected));
        }
        return a.toDoubles();
    }

    private static int[] ints(JsonNode node) {
        int[] out = new int[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asInt();
        }
        return out;
    }

    private static int[] prepend(int[] dims, int... first) {
        int[] out = new int[first.length + dims.length];
        System.arraycopy(first, 0, out, 0, first.length);
        System.arraycopy(dims, 0, out, first.length, dims.length);
        return out;
    }

    @Override
    public String toString() {
        return "SegmentationExplanation[" + method() + ", image " + imageShape + ", players " + playerNames()
                + ", output " + outputShape() + ", max |residual| " + maxAbsResidual() + "]";
    }
}
