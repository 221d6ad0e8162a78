package io.github.segshap.salt.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.AtomicFiles;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.io.NpyArray;
import io.github.segshap.salt.report.ExplainedSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The folder of one explained sample, {@code explanations/<id>/}:
 * <ul>
 *   <li>{@code base_values.npy} float64 {@code [1, 1, H, W]}, {@code contributions.npy} float64
 *       {@code [1, 4, 1, H, W]} (players seismic, energy, semblance, sobel), {@code prediction.npy}
 *       float64 {@code [1, 1, H, W]} and {@code explanation.json} (with checksums and the
 *       provenance), as written by {@link ExplanationFolder#write(Explanations, Path,
 *       ExplanationFolder.ExtraFiles)};</li>
 *   <li>{@code inputs.npy} float32 {@code [4, H, W]}: the model inputs (power-transformed
 *       attributes, at the data's size);</li>
 *   <li>{@code truth.npy} float32 {@code [H, W]}: the true mask, 0 / 1;</li>
 *   <li>{@code sample.json}: id, the explanation key (model file hash and explainer settings), test
 *       index, salt fraction, seconds, method, model evaluations, largest additivity residual.</li>
 * </ul>
 * A folder is built under a temporary name and renamed into place when complete, so a folder named
 * after an id is always whole; {@code sample.json} is written last. {@link #read} also reads the
 * folders of version 1 (before checksums and provenance were recorded).
 */
public final class SampleFiles {
    /** Name of the per-sample metadata file. */
    public static final String SAMPLE_JSON = "sample.json";
    static final String PARTIAL_PREFIX = ".partial-";
    private static final String STALE_PREFIX = ".stale-";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SampleFiles() {
    }

    /** The metadata of a complete sample folder, if there is one. */
    public static Optional<JsonNode> metadata(Path sampleDir) {
        Path meta = sampleDir.resolve(SAMPLE_JSON);
        if (!Files.isRegularFile(meta) || !ExplanationFolder.exists(sampleDir)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(meta.toFile()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code sampleDir} holds a complete explanation made with this key. */
    public static boolean isComplete(Path sampleDir, String key) {
        return metadata(sampleDir).map(m -> key.equals(m.path("key").asText())).orElse(false);
    }

    /**
     * Writes one sample's folder atomically: everything goes into a temporary folder beside it,
     * which is then renamed to {@code dir/<id>} (replacing an older folder of that id only then).
     *
     * @param dir      the explanations folder
     * @param id       sample id
     * @param e        the sample's explanation (one image, at the data's size, inputs not kept)
     * @param inputs   the model inputs, {@code 4 x H x W}
     * @param truth    the true mask, {@code H x W}
     * @param metadata extra fields for {@code sample.json} (must include {@code key})
     * @return the sample folder
     */
    public static Path write(Path dir, String id, Explanations e, float[] inputs, float[] truth,
                             ObjectNode metadata) {
        if (e.size() != 1) {
            throw new IllegalArgumentException("sample " + id + ": one explanation expected, got " + e.size());
        }
        ImageShape shape = e.imageShape();
        int h = shape.height();
        int w = shape.width();
        int c = shape.channels();
        Explanation one = e.get(0);
        Path target = dir.resolve(id);
        try {
            ExplanationFolder.write(e, target, partial -> {
                Npy.write(partial.resolve("inputs.npy"), inputs, c, h, w);
                Npy.write(partial.resolve("truth.npy"), truth, h, w);
                ObjectNode meta = metadata.deepCopy();
                meta.put("id", id);
                meta.put("method", one.method());
                meta.put("model_evaluations", one.modelEvaluations());
                meta.put("max_abs_residual", one.maxAbsResidual());
                meta.putPOJO("players", one.playerNames());
                meta.putPOJO("shape", new int[] {c, h, w});
                AtomicFiles.write(partial.resolve(SAMPLE_JSON), JSON.writeValueAsBytes(meta));
                readableByAll(partial);
            });
        } catch (UncheckedIOException ex) {
            throw new UncheckedIOException("cannot write the explanation of sample " + id + " to " + target + ": "
                    + ex.getCause().getMessage(), ex.getCause());
        }
        return target;
    }

    /**
     * Reads a complete sample folder as the report's {@link ExplainedSample}.
     *
     * @throws IllegalArgumentException when the folder is incomplete or its files disagree (a
     *                                  {@link io.github.segshap.core.io.CorruptFolderException}
     *                                  naming the file for the explanation's own files)
     */
    public static ExplainedSample read(Path sampleDir) {
        Explanations ex = ExplanationFolder.read(sampleDir);
        if (ex.size() != 1) {
            throw new IllegalArgumentException(sampleDir + " holds " + ex.size() + " explanations, not 1");
        }
        Explanation e = ex.get(0);
        NpyArray in = Npy.read(sampleDir.resolve("inputs.npy"));
        NpyArray truth = Npy.read(sampleDir.resolve("truth.npy"));
        int h = ex.imageShape().height();
        int w = ex.imageShape().width();
        int c = e.players();
        if (!Arrays.equals(in.shape(), new int[] {c, h, w}) || !Arrays.equals(truth.shape(), new int[] {h, w})) {
            throw new IllegalArgumentException(sampleDir + ": inputs.npy " + Arrays.toString(in.shape())
                    + " or truth.npy " + Arrays.toString(truth.shape()) + " do not match the explanation (" + c
                    + " x " + h + " x " + w + ")");
        }
        double[] x = in.toDoubles();
        double[] t = truth.toDoubles();
        double[][][] inputs = new double[c][h][w];
        double[][][] contributions = new double[c][][];
        for (int k = 0; k < c; k++) {
            for (int i = 0; i < h; i++) {
                System.arraycopy(x, (k * h + i) * w, inputs[k][i], 0, w);
            }
            contributions[k] = e.map(k);
        }
        double[][] truthMap = new double[h][w];
        for (int i = 0; i < h; i++) {
            System.arraycopy(t, i * w, truthMap[i], 0, w);
        }
        String id = sampleDir.getFileName().toString();
        return new ExplainedSample(id, e.playerNames(), inputs, truthMap, e.outputMap(0), e.baseValueMap(0),
                contributions);
    }

    /** The ids of the complete sample folders in {@code dir} made with this key, sorted. */
    public static List<String> completeIds(Path dir, String key) {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> isComplete(p, key)).map(p -> p.getFileName().toString()).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return out;
    }

    /** Deletes temporary folders an interrupted run left in {@code dir}; returns how many. */
    static int cleanPartial(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int n = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (Files.isDirectory(p) && (name.startsWith(PARTIAL_PREFIX) || name.startsWith(STALE_PREFIX))) {
                    AtomicFiles.deleteTree(p);
                    n++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir, e);
        }
        return n;
    }

    static void writeJsonAtomically(Path file, Object value) {
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void readableByAll(Path p) {
        try {
            if (Files.isDirectory(p)) {
                Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
                try (Stream<Path> s = Files.list(p)) {
                    for (Path f : s.toList()) {
                        readableByAll(f);
                    }
                }
            } else {
                Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system, or not ours to change: leave as is
        }
    }
}
