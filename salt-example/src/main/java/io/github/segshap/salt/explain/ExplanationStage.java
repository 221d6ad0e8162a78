package io.github.segshap.salt.explain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.CorruptFolderException;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.model.PaddedModel;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.core.provenance.Precision;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.segmentation.BackgroundDraw;
import io.github.segshap.core.segmentation.BackgroundSource;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.dl4j.SegmentationExplainer;
import io.github.segshap.dl4j.model.Dl4jModel;
import io.github.segshap.export.OnnxExport;
import io.github.segshap.onnx.model.OnnxModel;
import io.github.segshap.command.Progress;
import io.github.segshap.command.ProgressMode;
import io.github.segshap.salt.io.JsonFiles;
import io.github.segshap.salt.prepare.PreparedData;
import io.github.segshap.salt.prepare.SplitData;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Explains test samples of the salt study channel by channel and saves each one as soon as it is
 * done.
 *
 * <p>For every selected test sample: the {@link SegmentationExplainer} facade with shap-core's
 * {@link ExplanationOptions} as given (from {@code ExplainSettings.options}: one player per input
 * channel, {@link #PLAYER_NAMES}, exact Shapley values by default), an interventional background of
 * {@value #DEFAULT_BACKGROUND} training images drawn by the library's {@link BackgroundDraw} with the
 * options' background seed (the run's {@code --seed}) and handed to the facade with their training
 * ids, or the rows of a file ({@link TrainingBackground}, {@code --background FILE|N}). The facade first checks that the network
 * is deterministic ({@code Determinism}: a network left in training mode, with dropout active, is
 * named before anything is explained). The samples are streamed through the explainer one at a time (one
 * background, one explainer). Images of a size the U-Net cannot take are padded by reflection to
 * the size it takes ({@link Dl4jModel#inputSpec(ImageShape)}: 101 x 101 becomes 104 x 104 at depth 2,
 * 112 x 112 at depth 4), as in training, through {@link PaddedModel}, and the maps are cropped back,
 * so every saved map has the data's size and {@code base + sum of contributions = prediction}
 * holds pixel by pixel.
 *
 * <p><b>Runtime and background summary.</b> By default ({@link #DEFAULT_RUNTIME},
 * {@link ModelRuntime#ONNX}) the network is exported by
 * shap-onnx's {@link OnnxExport} at the padded input shape and run by ONNX Runtime
 * ({@link OnnxModel}, one intra-op thread per explainer thread), the export also written to
 * {@link Builder#onnxFile} when one is given (replaced atomically only when its fingerprint is not
 * the export's, so it always belongs to the current model); see {@link ExplanationSetup}. With
 * {@link ModelRuntime#DL4J} DL4J runs the network as trained. The
 * provenance records the runtime (extra {@value SampleFiles#ENGINE}, the key of earlier versions);
 * the model fingerprint stays that of the DL4J model file. A background summary in the options
 * replaces the background by the facade's weighted k-means summary, recorded in the provenance's
 * explainer options.
 *
 * <p><b>Reuse by provenance.</b> Results go to {@code <dir>/samples/<id>/} ({@link SampleFiles}),
 * each folder written atomically, each with the full {@link Provenance} the facade records plus the
 * fingerprint of its test image ({@link SampleFiles#IMAGE_FINGERPRINT}) and the model file's
 * fingerprint ({@link Builder#modelKey}). A rerun keeps a saved sample only when its recorded
 * provenance has the {@linkplain Provenance#sameRecipe same recipe} as the one this run would
 * record <em>and</em> every array verifies against its checksum; otherwise it explains the sample
 * again and says why, e.g. "3 samples re-explained: the model changed", or names the damaged file.
 * So an interrupted run resumes where it stopped, and a new model, edited data or other settings
 * recompute. {@code <dir>/selection.json} lists the selection; {@code <dir>/summary.json} is the
 * {@link CohortSummary} over every sample in the folder made with the current recipe.
 */
public final class ExplanationStage {
    /** The players: one per input channel, in channel order. */
    public static final List<String> PLAYER_NAMES = List.of("seismic", "energy", "semblance", "sobel");
    /** Training images in the background by default. */
    public static final int DEFAULT_BACKGROUND = 100;
    /**
     * What runs the network by default: ONNX Runtime on the exported network, the faster runtime
     * (the same values as DL4J's to 1e-5; see {@code docs/performance.md}, "The ceiling").
     */
    public static final ModelRuntime DEFAULT_RUNTIME = ModelRuntime.ONNX;
    /** The selection file in the explanations folder. */
    public static final String SELECTION_JSON = "selection.json";
    /** The summary file in the explanations folder. */
    public static final String SUMMARY_JSON = "summary.json";
    private static final Logger LOG = LoggerFactory.getLogger(ExplanationStage.class);

    private final NeuralNetwork network;
    private final PreparedData data;
    private final Builder b;

    private ExplanationStage(Builder b) {
        this.network = b.network;
        this.data = b.data;
        this.b = b;
    }

    /**
     * A stage for this network and data, writing to {@code dir}.
     *
     * @param network the trained U-Net (one NCHW input, one {@code [1, H, W]} sigmoid output)
     * @param data    the prepared data (background from its training split, samples from its test split)
     * @param dir     the explanations folder
     * @param options shap-core's options (players, explainer, seeds, threads, summary; e.g.
     *                {@code ExplainSettings.options(seed)}); the stage adds the background rows and
     *                the model's description
     */
    public static Builder builder(NeuralNetwork network, PreparedData data, Path dir, ExplanationOptions options) {
        return new Builder(network, data, dir, options);
    }

    /** Receives each sample as it is saved (for progress, or for tests that interrupt a run). */
    @FunctionalInterface
    public interface SampleListener {
        /**
         * Called after a sample's folder is in place.
         *
         * @param id    sample id
         * @param done  samples computed so far in this run
         * @param total samples this run computes
         */
        void saved(String id, int done, int total);
    }

    /**
     * What a run did.
     *
     * @param selected    the selected ids, in order
     * @param computed    the ids explained in this run
     * @param reused      the ids whose saved results were kept
     * @param reexplained why saved samples were explained again: reason to ids (new samples are not in it)
     * @param summary     statistics over every sample in the folder with the current recipe
     * @param background  training images in the background actually used: the requested size, or
     *                    every training image when there are fewer
     * @param seconds     wall time
     */
    public record Result(List<String> selected, List<String> computed, List<String> reused,
                         Map<String, List<String>> reexplained, CohortSummary summary, int background,
                         double seconds) {
        /** Copies the collections. */
        public Result {
            selected = List.copyOf(selected);
            computed = List.copyOf(computed);
            reused = List.copyOf(reused);
            Map<String, List<String>> r = new LinkedHashMap<>();
            reexplained.forEach((k, v) -> r.put(k, List.copyOf(v)));
            reexplained = java.util.Collections.unmodifiableMap(r);
        }
    }

    /**
     * {@code selection.json}: the latest selection.
     *
     * @param selection the {@code --samples} text
     * @param ids       the selected test ids, in order
     */
    public record Selection(String selection, List<String> ids) {
        /** The ids, never null. */
        public List<String> idsOrEmpty() {
            return ids == null ? List.of() : ids;
        }
    }

    /**
     * Explains the selected samples that are not done yet (or whose saved results are stale or
     * damaged), then summarises.
     *
     * @throws UnknownSampleException when the selection names ids that are not in the test set
     * @throws io.github.segshap.core.model.IncompatibleInputException when the network cannot take the images
     * @throws io.github.segshap.core.model.NondeterministicModelException when the model is not deterministic
     */
    public Result run() {
        long start = System.nanoTime();
        SplitData test = data.test();
        List<String> selected = b.selection.resolve(test);
        List<Path> cleaned = SampleFiles.cleanPartial(b.dir);
        if (!cleaned.isEmpty()) {
            LOG.info("removed {} incomplete sample folders left by an interrupted run: {}", cleaned.size(), cleaned);
        }
        try (ExplanationSetup setup = new ExplanationSetup(network, data.train(), test, b)) {
            return run(start, test, selected, setup);
        }
    }

    private Result run(long start, SplitData test, List<String> selected, ExplanationSetup setup) {
        List<String> todo = new ArrayList<>();
        List<String> reused = new ArrayList<>();
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        for (String id : selected) {
            String why = staleness(id, setup);
            if (why == null) {
                reused.add(id);
            } else {
                todo.add(id);
                if (!why.isEmpty()) {
                    reasons.computeIfAbsent(why, k -> new ArrayList<>()).add(id);
                }
            }
        }
        JsonFiles.write(b.dir.resolve(SELECTION_JSON), new Selection(b.selection.toString(),
                selected));
        if (!reused.isEmpty()) {
            LOG.info("explain: {} of {} samples already done with this model, data and settings (arrays verified),"
                    + " kept", reused.size(), selected.size());
        }
        reasons.forEach((why, ids) -> LOG.info("explain: {} re-explained: {} ({})", count(ids.size()), why,
                String.join(", ", ids)));
        List<String> computed = todo.isEmpty() ? List.of() : explain(todo, setup);
        List<String> fresh = new ArrayList<>(selected);
        for (String id : SampleFiles.ids(b.dir)) {
            if (!fresh.contains(id) && test.indexOf(id) >= 0 && staleness(id, setup) == null) {
                fresh.add(id);
            }
        }
        fresh.sort(null);
        CohortSummary summary = fresh.isEmpty() ? CohortSummary.empty()
                : CohortSummary.of(SampleFiles.combine(b.dir, fresh));
        JsonFiles.write(b.dir.resolve(SUMMARY_JSON), summary);
        return new Result(selected, computed, reused, reasons, summary, setup.backgroundSize,
                (System.nanoTime() - start) / 1e9);
    }

    private static String count(int n) {
        return n == 1 ? "1 sample" : n + " samples";
    }

    /**
     * Null when the saved sample can be kept; otherwise why it must be explained ("" when it was
     * never explained).
     */
    private String staleness(String id, ExplanationSetup setup) {
        Path folder = SampleFiles.folder(b.dir, id);
        if (!ExplanationFolder.exists(folder)) {
            return "";
        }
        Provenance recorded;
        try {
            recorded = SampleFiles.provenance(folder).orElse(null);
        } catch (CorruptFolderException e) {
            LOG.warn("explain: sample {} is damaged and is explained again: {}", id, e.getMessage());
            return "damaged, " + e.getMessage();
        }
        if (recorded == null) {
            return "it was saved without a provenance (version 1)";
        }
        String why = SampleRecipe.reason(recorded, setup.provenance(id));
        if (!why.isEmpty()) {
            return why;
        }
        try {
            SampleFiles.read(folder);
        } catch (CorruptFolderException e) {
            LOG.warn("explain: sample {} is damaged and is explained again: {}", id, e.getMessage());
            return "damaged, " + e.getMessage();
        }
        return null;
    }

    private List<String> explain(List<String> todo, ExplanationSetup setup) {
        SplitData test = data.test();
        ImageShape shape = setup.shape;
        List<Image> images = new AbstractList<>() {
            @Override
            public Image get(int i) {
                return setup.image(test.indexOf(todo.get(i)));
            }

            @Override
            public int size() {
                return todo.size();
            }
        };
        LOG.info("explain: {} samples of {}", todo.size(), setup.description);

        List<String> done = new ArrayList<>();
        Progress bar = Progress.start(b.progress, "explain", "samples", todo.size(), b.progressLines);
        long[] t0 = {System.nanoTime()};
        try {
            setup.explainer.explain(todo, images, 1, part -> {
                String id = part.id(0);
                int index = test.indexOf(id);
                float[] inputs = test.image(index);
                float[] truth = test.mask(index);
                Explanation e = part.get(0);
                Provenance made = setup.recorded(part.provenance().orElseThrow().toBuilder()
                        .extra(SampleFiles.IMAGE_FINGERPRINT, Fingerprint.ofImages(List.of(setup.image(index)))));
                Explanations se = Explanations.of(List.of(id), List.of(), List.of(e), shape, made);
                double seconds = (System.nanoTime() - t0[0]) / 1e9;
                ObjectNode meta = JsonFiles.JSON.createObjectNode();
                meta.put("test_index", index);
                meta.put("salt_fraction", fraction(truth));
                meta.put("seconds", seconds);
                meta.put("background_size", made.backgroundSize());
                SampleFiles.write(b.dir, id, se, inputs, truth, meta);
                done.add(id);
                LOG.debug("explained {} in {} s (max |residual| {})", id, seconds, se.maxAbsResidual());
                bar.accept(1);
                b.listener.saved(id, done.size(), todo.size());
                t0[0] = System.nanoTime();
            });
        } finally {
            bar.close();
        }
        return done;
    }

    private static double fraction(float[] mask) {
        int n = 0;
        for (float v : mask) {
            if (v > 0.5f) {
                n++;
            }
        }
        return n / (double) mask.length;
    }

    /**
     * What an {@link ExplanationStage} takes besides shap-core's {@link ExplanationOptions} (the
     * explainer, seeds, threads, summary): the salt-only settings (samples, background source,
     * runtime) and the run's context (network input, ONNX file, progress, model key, listener).
     */
    public static final class Builder {
        private final NeuralNetwork network;
        private final PreparedData data;
        private final Path dir;
        final ExplanationOptions options;
        private SampleSelection selection = SampleSelection.original9();
        BackgroundSource background = BackgroundSource.drawn(DEFAULT_BACKGROUND);
        ModelRuntime runtime = DEFAULT_RUNTIME;
        Precision precision = Precision.FLOAT32;
        int precisionCheck = Precision.DEFAULT_HELD_OUT_IMAGES;
        ImageShape networkInput;
        Path onnxFile;
        String modelKey = "unknown";
        private ProgressMode progress = ProgressMode.OFF;
        Consumer<String> progressLines = System.out::println;
        private SampleListener listener = (id, done, total) -> { };

        private Builder(NeuralNetwork network, PreparedData data, Path dir, ExplanationOptions options) {
            this.network = Objects.requireNonNull(network, "network");
            this.data = Objects.requireNonNull(data, "data");
            this.dir = Objects.requireNonNull(dir, "dir");
            this.options = Objects.requireNonNull(options, "options");
        }

        /**
         * The (padded) shape the network takes the images at, when known (e.g. recorded at training);
         * by default it is found by probing the network ({@link Dl4jModel#inputSpec(ImageShape)}).
         */
        public Builder networkInput(ImageShape shape) {
            this.networkInput = Objects.requireNonNull(shape, "shape");
            return this;
        }

        /** Which test samples; default {@link SampleSelection#original9()}. */
        public Builder selection(SampleSelection selection) {
            this.selection = Objects.requireNonNull(selection, "selection");
            return this;
        }

        /**
         * The background: training images drawn with the options' background seed, or a file of
         * rows ({@link TrainingBackground}); default {@value #DEFAULT_BACKGROUND} drawn.
         */
        public Builder background(BackgroundSource source) {
            this.background = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * The arithmetic of the network's passes; default float32. With int8 (ONNX runtime only) the
         * exported network is quantized on the background rows and its error against float32 measured
         * on the first {@code heldOut} test images ({@code ReducedPrecision}).
         */
        public Builder precision(Precision precision, int heldOut) {
            this.precision = Objects.requireNonNull(precision, "precision");
            if (heldOut < 1) {
                throw new IllegalArgumentException("the precision check needs at least 1 held-out image, got "
                        + heldOut);
            }
            this.precisionCheck = heldOut;
            return this;
        }

        /** What runs the network; default {@link #DEFAULT_RUNTIME}. */
        public Builder runtime(ModelRuntime runtime) {
            this.runtime = Objects.requireNonNull(runtime, "runtime");
            return this;
        }

        /**
         * Where the ONNX runtime's export of the network is written (e.g. {@code model.onnx} beside
         * {@code model.zip}); default nowhere (the export stays in memory).
         */
        public Builder onnxFile(Path file) {
            this.onnxFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * How progress is shown (default none), and where its plain lines go.
         *
         * @param mode  bars on standard error, plain lines or nothing
         * @param lines receives the plain lines (the run's console)
         */
        public Builder progress(ProgressMode mode, Consumer<String> lines) {
            this.progress = Objects.requireNonNull(mode, "mode");
            this.progressLines = Objects.requireNonNull(lines, "lines");
            return this;
        }

        /**
         * The fingerprint of the model's file ({@code Fingerprint.ofFile(model.zip)}), recorded as the
         * provenance's model fingerprint: a sample made by another model file is explained again.
         */
        public Builder modelKey(String key) {
            this.modelKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /** Called after each saved sample; default nothing. */
        public Builder listener(SampleListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The stage. */
        public ExplanationStage build() {
            return new ExplanationStage(this);
        }
    }
}
