package io.github.segshap.core.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.core.provenance.Provenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the files of an {@link ExplanationFolder} ({@code base_values.npy}, {@code contributions.npy},
 * ..., {@code explanation.json} last) into a folder under construction, one image after another: each
 * array is an {@link NpyAppender} of the announced image count, so a folder of any number of images
 * is written with one image in memory at a time. The first image fixes the players, the shapes and
 * which optional arrays there are (standard errors, inputs, true masks, interaction maps); every
 * later one must match. This is the one writer of the folder's files: {@link ExplanationFolder#write}
 * appends its explanations here in one go, and the store's merge ({@code core.store.Merger}) image by
 * image. Not thread-safe; {@link #close} without {@link #finish} leaves no array behind.
 */
public final class ExplanationFolderWriter implements AutoCloseable {
    private final Path dir;
    private final int count;
    private final List<String> ids = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final List<Long> evaluations = new ArrayList<>();
    private final List<Double> residuals = new ArrayList<>();
    private final Map<String, String> files = new LinkedHashMap<>();
    private final Map<String, NpyAppender> arrays = new LinkedHashMap<>();
    private final Fingerprint.OfImages inputsFingerprint;
    private Explanations first;
    private boolean withErrors;
    private boolean withInteractions;
    private boolean finished;

    private ExplanationFolderWriter(Path dir, int count) {
        this.dir = dir;
        this.count = count;
        this.inputsFingerprint = new Fingerprint.OfImages(count);
    }

    /**
     * A writer of a folder of {@code count} images into {@code dir} (a folder under construction:
     * its files are replaced).
     *
     * @throws IllegalArgumentException when the count is not positive
     */
    public static ExplanationFolderWriter open(Path dir, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("an explanation folder holds at least one image, not " + count);
        }
        return new ExplanationFolderWriter(dir.toAbsolutePath().normalize(), count);
    }

    /** Images appended so far. */
    public int appended() {
        return ids.size();
    }

    /**
     * Appends every image of {@code part}, in order.
     *
     * @throws IllegalArgumentException when an image does not match the first (players, shapes,
     *                                  optional arrays), repeats an id, or is one too many
     * @throws UncheckedIOException     naming the file that cannot be written
     */
    public void append(Explanations part) {
        if (finished) {
            throw new IllegalStateException("the folder " + dir + " is finished or closed");
        }
        if (ids.size() + part.size() > count) {
            throw new IllegalArgumentException(dir + ": " + (ids.size() + part.size()) + " images appended, "
                    + count + " announced");
        }
        if (first == null) {
            open(part);
        } else {
            requireLike(part);
        }
        int m = part.players();
        for (int i = 0; i < part.size(); i++) {
            int index = ids.size();
            String id = part.id(i);
            if (!seen.add(id)) {
                throw new IllegalArgumentException("image id '" + id + "' appears twice");
            }
            Explanation e = part.get(i);
            arrays.get(ExplanationFolder.BASE).append(e.baseValues());
            arrays.get(ExplanationFolder.PREDICTION).append(e.outputs());
            for (int p = 0; p < m; p++) {
                arrays.get(ExplanationFolder.CONTRIBUTIONS).append(e.values(p));
            }
            if (withErrors) {
                double[][] se = e.standardErrors().orElseThrow(() -> new IllegalArgumentException("explanation "
                        + index + " (" + id + ") has no standard errors but explanation 0 has"));
                for (int p = 0; p < m; p++) {
                    arrays.get(ExplanationFolder.ERRORS).append(se[p]);
                }
            }
            if (e.interactions().isPresent() != withInteractions) {
                throw new IllegalArgumentException("explanation " + index + " (" + id + ") " + (withInteractions
                        ? "has no interaction maps but explanation 0 has"
                        : "has interaction maps but explanation 0 has none"));
            }
            if (withInteractions) {
                arrays.get(ExplanationFolder.INTERACTIONS).append(e.interactions().orElseThrow().toArray());
            }
            if (part.hasInputs()) {
                Image input = part.input(i);
                double[] values = new double[input.shape().size()];
                input.copyTo(values, 0);
                arrays.get(ExplanationFolder.INPUTS).append(values);
                inputsFingerprint.add(input);
            }
            if (part.hasLabels()) {
                boolean[] mask = part.label(i);
                float[] truth = new float[mask.length];
                for (int o = 0; o < mask.length; o++) {
                    truth[o] = mask[o] ? 1f : 0f;
                }
                arrays.get(ExplanationFolder.TRUTH).append(truth);
            }
            ids.add(id);
            evaluations.add(e.modelEvaluations());
            residuals.add(e.maxAbsResidual());
        }
    }

    /**
     * {@link Fingerprint#ofImages} of the inputs appended, once every image is.
     *
     * @throws IllegalStateException when the explanations keep no inputs or not every image is appended
     */
    public String inputsFingerprint() {
        if (first == null || !first.hasInputs()) {
            throw new IllegalStateException("the explanations written to " + dir + " keep no inputs");
        }
        return inputsFingerprint.value();
    }

    /**
     * Puts every array in place, then writes {@code interactions.json} and {@code explanation.json}
     * (checksums of every array, and {@code provenance} when given).
     *
     * @param provenance recorded in the folder, or null for none
     * @throws IllegalStateException when fewer images than announced were appended
     * @throws UncheckedIOException  naming the file that cannot be written
     */
    public void finish(Provenance provenance) {
        if (ids.size() != count) {
            throw new IllegalStateException(dir + ": " + ids.size() + " of the " + count + " images were appended");
        }
        arrays.values().forEach(NpyAppender::finish);
        finished = true;
        Map<String, String> checksums = new LinkedHashMap<>();
        for (String file : files.values()) {
            checksums.put(file, Fingerprint.ofFile(dir.resolve(file)));
        }
        OutputShape os = first.outputShape();
        ImageShape is = first.imageShape();
        try {
            if (withInteractions) {
                InteractionsFile.writeJson(dir, os.dims(), first.playerNames(), ids,
                        checksums.get(ExplanationFolder.INTERACTIONS));
                files.put("interactions_description", ExplanationFolder.INTERACTIONS_JSON);
            }
            ObjectNode json = ExplanationFolder.MAPPER.createObjectNode();
            json.put("format", ExplanationFolder.FORMAT);
            json.put("version", ExplanationFolder.VERSION);
            json.put("images", count);
            json.set("ids", ExplanationFolder.MAPPER.valueToTree(ids));
            json.set("players", ExplanationFolder.MAPPER.valueToTree(first.playerNames()));
            json.set("image_shape", ExplanationFolder.MAPPER.valueToTree(new int[] {is.channels(), is.height(),
                    is.width()}));
            json.set("output_shape", ExplanationFolder.MAPPER.valueToTree(os.dims()));
            json.put("explainer", first.explainer());
            json.set("model_evaluations", ExplanationFolder.MAPPER.valueToTree(evaluations));
            ArrayNode res = json.putArray("max_abs_residual");
            residuals.forEach(r -> {
                if (Double.isFinite(r)) {
                    res.add(r);
                } else {
                    res.add(String.valueOf(r));
                }
            });
            json.set("files", ExplanationFolder.MAPPER.valueToTree(files));
            json.set("checksums", ExplanationFolder.MAPPER.valueToTree(checksums));
            if (provenance != null) {
                json.set("provenance", ProvenanceJson.toTree(provenance));
            }
            AtomicFiles.write(dir.resolve(ExplanationFolder.JSON), ExplanationFolder.MAPPER.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the explanations to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the arrays' temporary files unless {@link #finish} put them in place. */
    @Override
    public void close() {
        arrays.values().forEach(NpyAppender::close);
        finished = true;
    }

    /** Fixes the layout from the first part and opens its arrays, in the order the folder lists them. */
    private void open(Explanations part) {
        first = part.subset(0);
        int m = part.players();
        int[] dims = part.outputShape().dims();
        withErrors = part.get(0).standardErrors().isPresent();
        withInteractions = part.get(0).interactions().isPresent();
        array("base_values", ExplanationFolder.BASE, NpyDType.FLOAT64, ExplanationFolder.prepend(dims, count));
        array("contributions", ExplanationFolder.CONTRIBUTIONS, NpyDType.FLOAT64,
                ExplanationFolder.prepend(dims, count, m));
        array("prediction", ExplanationFolder.PREDICTION, NpyDType.FLOAT64, ExplanationFolder.prepend(dims, count));
        if (withErrors) {
            array("standard_errors", ExplanationFolder.ERRORS, NpyDType.FLOAT64,
                    ExplanationFolder.prepend(dims, count, m));
        }
        if (part.hasInputs()) {
            ImageShape is = part.imageShape();
            array("inputs", ExplanationFolder.INPUTS, NpyDType.FLOAT64,
                    new int[] {count, is.channels(), is.height(), is.width()});
        }
        if (part.hasLabels()) {
            array("truth", ExplanationFolder.TRUTH, NpyDType.FLOAT32, ExplanationFolder.prepend(dims, count));
        }
        if (withInteractions) {
            array("interactions", ExplanationFolder.INTERACTIONS, NpyDType.FLOAT64,
                    ExplanationFolder.prepend(dims, count, m, m));
        }
    }

    private void array(String key, String file, NpyDType dtype, int[] shape) {
        files.put(key, file);
        arrays.put(file, NpyAppender.open(dir.resolve(file), dtype, shape));
    }

    private void requireLike(Explanations part) {
        String where = "image '" + part.id(0) + "'";
        if (!part.playerNames().equals(first.playerNames()) || !part.outputShape().equals(first.outputShape())) {
            throw new IllegalArgumentException(where + " (players " + part.playerNames() + ", output "
                    + part.outputShape() + ") does not match the first image (players " + first.playerNames()
                    + ", output " + first.outputShape() + ")");
        }
        part.imageShape().requireSame(first.imageShape(), where);
        if (part.hasInputs() != first.hasInputs()) {
            throw new IllegalArgumentException(where + (part.hasInputs() ? " keeps" : " does not keep")
                    + " its input but the first image " + (first.hasInputs() ? "does" : "does not"));
        }
        if (part.hasLabels() != first.hasLabels()) {
            throw new IllegalArgumentException(where + (part.hasLabels() ? " has" : " has no")
                    + " true mask but the first image " + (first.hasLabels() ? "has" : "has none"));
        }
    }
}
