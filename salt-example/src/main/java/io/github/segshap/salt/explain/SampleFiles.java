package io.github.segshap.salt.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.AtomicFiles;
import io.github.segshap.core.io.CorruptFolderException;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.io.NpyArray;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.core.provenance.Provenance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The folders of the explained samples, {@code explanations/samples/<id>/}, one per sample:
 * <ul>
 *   <li>{@code base_values.npy} float64 {@code [1, 1, H, W]}, {@code contributions.npy} float64
 *       {@code [1, 4, 1, H, W]} (players seismic, energy, semblance, sobel), {@code prediction.npy}
 *       float64 {@code [1, 1, H, W]} and {@code explanation.json} (with checksums and the full
 *       provenance: model file fingerprint, background ids and fingerprint, the test image's
 *       fingerprint as the extra {@value #IMAGE_FINGERPRINT}), as written by
 *       {@link ExplanationFolder#write(Explanations, Path, ExplanationFolder.ExtraFiles)};</li>
 *   <li>{@code inputs.npy} float32 {@code [4, H, W]}: the model inputs (power-transformed
 *       attributes, at the data's size);</li>
 *   <li>{@code truth.npy} float32 {@code [H, W]}: the true mask, 0 / 1;</li>
 *   <li>{@code sample.json}: id, test index, salt fraction, seconds, method, model evaluations,
 *       largest additivity residual, and the SHA-256 of {@code inputs.npy} and {@code truth.npy}
 *       ({@code checksums}).</li>
 * </ul>
 * The sample folders sit in their own {@value #SAMPLES} folder so that no id can collide with the
 * files of {@code explanations/} ({@code selection.json}, {@code summary.json}). A folder is built
 * under a temporary name and renamed into place when complete, so a folder named after an id is
 * always whole. {@link #read} verifies every array against its recorded checksum and names the
 * file that does not match ({@link CorruptFolderException}); it also reads the folders of
 * version 1, which sat directly in {@code explanations/<id>/} and recorded no checksums or
 * provenance ({@link #folder} finds either).
 */
public final class SampleFiles {
    /** The folder of the sample folders inside {@code explanations/}. */
    public static final String SAMPLES = "samples";
    /** Name of the per-sample metadata file. */
    public static final String SAMPLE_JSON = "sample.json";
    /** The provenance extra holding the fingerprint of the explained test image. */
    public static final String IMAGE_FINGERPRINT = "image_fingerprint";
    /** The provenance extra naming the engine that ran the network ({@link InferenceEngine#label()}). */
    public static final String ENGINE = "engine";
    static final String INPUTS = "inputs.npy";
    static final String TRUTH = "truth.npy";
    static final String PARTIAL_PREFIX = ".partial-";
    private static final String STALE_PREFIX = ".stale-";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SampleFiles() {
    }

    /** {@code explanations/samples}, where new sample folders go. */
    public static Path samplesDir(Path explanations) {
        return explanations.resolve(SAMPLES);
    }

    /**
     * The folder of sample {@code id}: {@code explanations/samples/<id>}, or the version-1
     * {@code explanations/<id>} when only that one exists.
     */
    public static Path folder(Path explanations, String id) {
        Path current = samplesDir(explanations).resolve(id);
        Path legacy = explanations.resolve(id);
        return !ExplanationFolder.exists(current) && ExplanationFolder.exists(legacy) ? legacy : current;
    }

    /** The ids of every sample folder in {@code explanations/} (both layouts), sorted. */
    public static List<String> ids(Path explanations) {
        TreeSet<String> ids = new TreeSet<>();
        for (Path dir : List.of(samplesDir(explanations), explanations)) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                        .filter(ExplanationFolder::exists).forEach(p -> ids.add(p.getFileName().toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(ids);
    }

    /** The metadata of a sample folder ({@code sample.json}), if it has readable metadata. */
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

    /**
     * The recorded provenance of a sample folder, without reading its arrays; empty for a version-1
     * folder.
     *
     * @throws CorruptFolderException when its {@code explanation.json} is missing or unreadable
     */
    public static Optional<Provenance> provenance(Path sampleDir) {
        return ExplanationFolder.readProvenance(sampleDir);
    }

    /**
     * Writes one sample's folder atomically to {@code explanations/samples/<id>}: everything goes
     * into a temporary folder beside it, which is then renamed into place (replacing an older
     * folder of that id only then); a version-1 folder of the id is removed afterwards.
     *
     * @param explanations the explanations folder
     * @param id           sample id
     * @param e            the sample's explanation (one image, at the data's size, inputs not kept)
     * @param inputs       the model inputs, {@code 4 x H x W}
     * @param truth        the true mask, {@code H x W}
     * @param metadata     extra fields for {@code sample.json}
     * @return the sample folder
     */
    public static Path write(Path explanations, String id, Explanations e, float[] inputs, float[] truth,
                             ObjectNode metadata) {
        if (e.size() != 1) {
            throw new IllegalArgumentException("sample " + id + ": one explanation expected, got " + e.size());
        }
        ImageShape shape = e.imageShape();
        int h = shape.height();
        int w = shape.width();
        int c = shape.channels();
        Explanation one = e.get(0);
        Path target = samplesDir(explanations).resolve(id);
        try {
            ExplanationFolder.write(e, target, partial -> {
                Npy.write(partial.resolve(INPUTS), inputs, c, h, w);
                Npy.write(partial.resolve(TRUTH), truth, h, w);
                ObjectNode meta = metadata.deepCopy();
                meta.put("id", id);
                meta.put("method", one.method());
                meta.put("model_evaluations", one.modelEvaluations());
                meta.put("max_abs_residual", one.maxAbsResidual());
                meta.putPOJO("players", one.playerNames());
                meta.putPOJO("shape", new int[] {c, h, w});
                ObjectNode sums = meta.putObject("checksums");
                sums.put(INPUTS, Fingerprint.ofFile(partial.resolve(INPUTS)));
                sums.put(TRUTH, Fingerprint.ofFile(partial.resolve(TRUTH)));
                AtomicFiles.write(partial.resolve(SAMPLE_JSON), JSON.writeValueAsBytes(meta));
                readableByAll(partial);
            });
            Path legacy = explanations.resolve(id);
            if (ExplanationFolder.exists(legacy) && Files.isRegularFile(legacy.resolve(SAMPLE_JSON))) {
                AtomicFiles.deleteTree(legacy);
            }
        } catch (UncheckedIOException ex) {
            throw new UncheckedIOException("cannot write the explanation of sample " + id + " to " + target + ": "
                    + ex.getCause().getMessage(), ex.getCause());
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot remove the version-1 folder of sample " + id + ": "
                    + ex.getMessage(), ex);
        }
        return target;
    }

    /**
     * Reads a sample folder, checking every array against its recorded checksum.
     *
     * @throws CorruptFolderException naming the file that is missing, unreadable, of the wrong shape
     *                                or changed since it was written
     */
    public static SavedSample read(Path sampleDir) {
        Path metaFile = sampleDir.resolve(SAMPLE_JSON);
        JsonNode meta = metadata(sampleDir).orElseThrow(() -> new CorruptFolderException(metaFile,
                Files.isRegularFile(metaFile) ? "not readable JSON" : "missing"));
        JsonNode sums = meta.path("checksums");
        for (String name : List.of(INPUTS, TRUTH)) {
            Path file = sampleDir.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new CorruptFolderException(file, "missing");
            }
            JsonNode expected = sums.path(name);
            if (!expected.isMissingNode()) {
                String actual = Fingerprint.ofFile(file);
                if (!actual.equals(expected.asText())) {
                    throw new CorruptFolderException(file, "does not match its checksum (" + actual + ", recorded "
                            + expected.asText() + "): changed or damaged after it was written");
                }
            }
        }
        Explanations ex = ExplanationFolder.read(sampleDir);
        if (ex.size() != 1) {
            throw new CorruptFolderException(sampleDir.resolve(ExplanationFolder.JSON), "holds " + ex.size()
                    + " explanations, not 1");
        }
        if (!ex.hasInputs()) {
            throw new CorruptFolderException(sampleDir.resolve(INPUTS), "missing");
        }
        int h = ex.imageShape().height();
        int w = ex.imageShape().width();
        NpyArray t;
        try {
            t = Npy.read(sampleDir.resolve(TRUTH));
        } catch (RuntimeException e) {
            throw new CorruptFolderException(sampleDir.resolve(TRUTH), "unreadable (" + e.getMessage() + ")");
        }
        if (!Arrays.equals(t.shape(), new int[] {h, w})) {
            throw new CorruptFolderException(sampleDir.resolve(TRUTH), "shape " + Arrays.toString(t.shape())
                    + ", the explanation is " + h + " x " + w);
        }
        double[] values = t.toDoubles();
        boolean[] truth = new boolean[values.length];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = values[i] > 0.5;
        }
        String id = sampleDir.getFileName().toString();
        Explanations named = Explanations.of(List.of(id), ex.inputs(), ex.all(), ex.imageShape(),
                ex.provenance().orElse(null));
        return new SavedSample(id, sampleDir, named, truth);
    }

    /** Deletes temporary folders an interrupted run left in {@code explanations/} (both layouts); returns how many. */
    static int cleanPartial(Path explanations) {
        int n = 0;
        for (Path dir : List.of(samplesDir(explanations), explanations)) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    String name = p.getFileName().toString();
                    if (Files.isDirectory(p) && (name.startsWith(PARTIAL_PREFIX) || name.startsWith(STALE_PREFIX))) {
                        AtomicFiles.deleteTree(p);
                        n++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clean " + dir + ": " + e.getMessage(), e);
            }
        }
        return n;
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
