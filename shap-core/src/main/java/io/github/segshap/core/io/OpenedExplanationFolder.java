package io.github.segshap.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.ExplanationChunks;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.interactions.InteractionMaps;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.provenance.Provenance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An explanation folder ({@link ExplanationFolder}) opened for reading a range of images at a time:
 * {@link ExplanationFolder#open} reads its JSON, checks every array's header against it and every
 * checksum once (hashing each file as a stream, never holding it), and {@link #read} then reads
 * only the bytes of the images asked for. {@link ExplanationFolder#read} reads all of them.
 * Immutable; it holds no open file between calls.
 */
public final class OpenedExplanationFolder implements ExplanationChunks {
    private final Path dir;
    private final int n;
    private final List<String> ids;
    private final List<String> players;
    private final OutputShape outputShape;
    private final ImageShape imageShape;
    private final boolean errors;
    private final boolean inputs;
    private final boolean truth;
    private final boolean interactions;
    private final String explainer;
    private final long[] evaluations;
    private final Provenance provenance;

    private OpenedExplanationFolder(Path dir, JsonNode json) {
        Path jsonFile = dir.resolve(ExplanationFolder.JSON);
        this.dir = dir;
        this.n = json.path("images").asInt(-1);
        if (n < 1) {
            throw new CorruptFolderException(jsonFile, "'images' is missing or not a positive count");
        }
        this.players = ExplanationFolder.strings(json.path("players"));
        int[] dims = ExplanationFolder.ints(json.path("output_shape"));
        int[] is = ExplanationFolder.ints(json.path("image_shape"));
        if (players.isEmpty() || dims.length == 0 || is.length != 3) {
            throw new CorruptFolderException(jsonFile, "players, output_shape or image_shape is missing");
        }
        this.imageShape = new ImageShape(is[0], is[1], is[2]);
        this.outputShape = OutputShape.of(dims);
        this.ids = List.copyOf(json.has("ids") ? ExplanationFolder.strings(json.path("ids"))
                : Explanations.indexIds(n));
        if (ids.size() != n) {
            throw new CorruptFolderException(jsonFile, ids.size() + " ids for " + n + " images");
        }
        JsonNode checksums = json.path("checksums");
        int m = players.size();
        check(checksums, ExplanationFolder.BASE, ExplanationFolder.prepend(dims, n));
        check(checksums, ExplanationFolder.PREDICTION, ExplanationFolder.prepend(dims, n));
        check(checksums, ExplanationFolder.CONTRIBUTIONS, ExplanationFolder.prepend(dims, n, m));
        this.errors = ExplanationFolder.holds(dir, json, "standard_errors", ExplanationFolder.ERRORS);
        if (errors) {
            check(checksums, ExplanationFolder.ERRORS, ExplanationFolder.prepend(dims, n, m));
        }
        this.inputs = ExplanationFolder.holds(dir, json, "inputs", ExplanationFolder.INPUTS);
        if (inputs) {
            int[] single = {imageShape.channels(), imageShape.height(), imageShape.width()};
            int[] shape = check(checksums, ExplanationFolder.INPUTS, null);
            if (!Arrays.equals(shape, ExplanationFolder.prepend(single, n)) && !(n == 1 && Arrays.equals(shape, single))) {
                throw new CorruptFolderException(dir.resolve(ExplanationFolder.INPUTS), "shape "
                        + Arrays.toString(shape) + ", expected " + Arrays.toString(ExplanationFolder.prepend(single, n)));
            }
        }
        this.interactions = ExplanationFolder.holds(dir, json, "interactions", ExplanationFolder.INTERACTIONS);
        if (interactions) {
            check(checksums, ExplanationFolder.INTERACTIONS, ExplanationFolder.prepend(dims, n, m, m));
        }
        this.truth = ExplanationFolder.holds(dir, json, "truth", ExplanationFolder.TRUTH);
        if (truth) {
            int[] shape = check(checksums, ExplanationFolder.TRUTH, null);
            if (NpyArray.size(shape) != (long) n * outputShape.size()) {
                throw new CorruptFolderException(dir.resolve(ExplanationFolder.TRUTH), "shape "
                        + Arrays.toString(shape) + " (" + NpyArray.size(shape) + " entries) does not fit " + n
                        + " images of " + outputShape.size() + " outputs");
            }
        }
        this.explainer = json.path(json.has("explainer") ? "explainer" : "method").asText("unknown");
        JsonNode evals = json.path("model_evaluations");
        this.evaluations = new long[n];
        for (int i = 0; i < n; i++) {
            evaluations[i] = evals.path(i).asLong(0);
        }
        JsonNode p = json.path("provenance");
        this.provenance = p.isMissingNode() || p.isNull() ? null : ExplanationFolder.provenance(dir, p);
    }

    /** Opens {@code dir}; see {@link ExplanationFolder#open}. */
    static OpenedExplanationFolder open(Path dir) {
        return new OpenedExplanationFolder(dir, ExplanationFolder.json(dir));
    }

    /** Verifies the file's checksum and header; returns its shape, checked against {@code shape} unless null. */
    private int[] check(JsonNode checksums, String name, int[] shape) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new CorruptFolderException(file, "missing");
        }
        JsonNode expected = checksums.path(name);
        if (!expected.isMissingNode()) {
            ExplanationFolder.verifyChecksum(file, expected.asText());
        }
        int[] actual;
        try {
            actual = Npy.header(file).shape();
        } catch (RuntimeException e) {
            throw new CorruptFolderException(file, "unreadable (" + e.getMessage() + ")");
        }
        if (shape != null && !Arrays.equals(actual, shape)) {
            throw new CorruptFolderException(file, "shape " + Arrays.toString(actual) + ", the JSON says "
                    + Arrays.toString(shape));
        }
        return actual;
    }

    /** The folder. */
    public Path folder() {
        return dir;
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public List<String> ids() {
        return ids;
    }

    /** How the explanations were made; empty for a folder of version 1. */
    public Optional<Provenance> provenance() {
        return Optional.ofNullable(provenance);
    }

    /**
     * Reads images {@code from} to {@code to} (exclusive): only their bytes of each array.
     *
     * @throws CorruptFolderException naming a file that changed since the folder was opened
     */
    @Override
    public Explanations read(int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, n);
        if (from == to) {
            throw new IndexOutOfBoundsException("an empty range of images: " + from + ".." + to);
        }
        int count = to - from;
        int m = players.size();
        int k = outputShape.size();
        double[] base = doubles(ExplanationFolder.BASE, (long) from * k, count * k);
        double[] pred = doubles(ExplanationFolder.PREDICTION, (long) from * k, count * k);
        double[] contrib = doubles(ExplanationFolder.CONTRIBUTIONS, (long) from * m * k, count * m * k);
        double[] se = errors ? doubles(ExplanationFolder.ERRORS, (long) from * m * k, count * m * k) : null;
        double[] inter = interactions
                ? doubles(ExplanationFolder.INTERACTIONS, (long) from * m * m * k, count * m * m * k) : null;
        List<Explanation> items = new ArrayList<>(count);
        for (int j = 0; j < count; j++) {
            double[][] values = new double[m][];
            double[][] e = se == null ? null : new double[m][];
            for (int p = 0; p < m; p++) {
                values[p] = Arrays.copyOfRange(contrib, (j * m + p) * k, (j * m + p + 1) * k);
                if (e != null) {
                    e[p] = Arrays.copyOfRange(se, (j * m + p) * k, (j * m + p + 1) * k);
                }
            }
            items.add(Explanation.builder(players, outputShape)
                    .baseValues(Arrays.copyOfRange(base, j * k, (j + 1) * k))
                    .outputs(Arrays.copyOfRange(pred, j * k, (j + 1) * k))
                    .values(values)
                    .standardErrors(e)
                    .explainer(explainer)
                    .modelEvaluations(evaluations[from + j])
                    .interactions(inter == null ? null : InteractionMaps.of(players, outputShape,
                            Arrays.copyOfRange(inter, j * m * m * k, (j + 1) * m * m * k), null))
                    .build());
        }
        List<Image> images = new ArrayList<>();
        if (inputs) {
            int size = imageShape.size();
            double[] v = doubles(ExplanationFolder.INPUTS, (long) from * size, count * size);
            for (int j = 0; j < count; j++) {
                images.add(Image.of(imageShape, Arrays.copyOfRange(v, j * size, (j + 1) * size)));
            }
        }
        List<boolean[]> labels = new ArrayList<>();
        if (truth) {
            double[] v = doubles(ExplanationFolder.TRUTH, (long) from * k, count * k);
            for (int j = 0; j < count; j++) {
                boolean[] mask = new boolean[k];
                for (int o = 0; o < k; o++) {
                    mask[o] = v[j * k + o] != 0;
                }
                labels.add(mask);
            }
        }
        return Explanations.of(ids.subList(from, to), images, items, imageShape, provenance).withLabels(labels);
    }

    private double[] doubles(String name, long first, int count) {
        Path file = dir.resolve(name);
        try {
            return Npy.readElements(file, first, count).toDoubles();
        } catch (RuntimeException e) {
            throw new CorruptFolderException(file, "unreadable (" + e.getMessage() + ")");
        }
    }

    @Override
    public String toString() {
        return "OpenedExplanationFolder[" + dir + ", " + n + " images]";
    }
}
