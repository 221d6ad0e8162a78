package io.github.segshap.salt.explain;

import io.github.segshap.core.model.IncompatibleInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.AtomicFiles;
import io.github.segshap.core.io.CorruptFolderException;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.PaddedModel;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.segmentation.BackgroundDraw;
import io.github.segshap.core.segmentation.ExplanationOptions.Method;
import io.github.segshap.command.Progress;
import io.github.segshap.command.ProgressMode;
import io.github.segshap.salt.SaltDefaults;
import io.github.segshap.core.segmentation.ImageExplainer;
import io.github.segshap.dl4j.SegmentationExplainer;
import io.github.segshap.dl4j.model.Dl4jModel;
import io.github.segshap.export.OnnxExport;
import io.github.segshap.onnx.model.OnnxModel;
import io.github.segshap.salt.io.JsonFiles;
import io.github.segshap.salt.prepare.PreparedData;
import io.github.segshap.salt.prepare.SplitData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Explains test samples of the salt study channel by channel and saves each one as soon as it is
 * done.
 *
 * <p>For every selected test sample: the {@link SegmentationExplainer} facade with one player per
 * input channel ({@link #PLAYER_NAMES}), an interventional background of {@value #DEFAULT_BACKGROUND}
 * training images drawn by the library's {@link BackgroundDraw} with the background seed (by
 * default {@value #DEFAULT_BACKGROUND_SEED}; the run's {@code --seed}) and handed to the facade with
 * their training ids, exact Shapley values by default. The facade first checks that the network
 * is deterministic ({@code Determinism}: a network left in training mode, with dropout active, is
 * named before anything is explained). The samples are streamed through the explainer one at a time (one
 * background, one explainer). Images of a size the U-Net cannot take are padded by reflection to
 * the size it takes ({@link Dl4jModel#inputSpec(ImageShape)}: 101 x 101 becomes 104 x 104 at depth 2,
 * 112 x 112 at depth 4), as in training, through {@link PaddedModel}, and the maps are cropped back,
 * so every saved map has the data's size and {@code base + sum of contributions = prediction}
 * holds pixel by pixel.
 *
 * <p><b>Engine and background summary.</b> By default DL4J runs the network
 * ({@link InferenceEngine#DL4J}); with {@link InferenceEngine#ONNX} the network is exported by
 * shap-onnx's {@link OnnxExport} at the padded input shape and run by ONNX Runtime
 * ({@link OnnxModel}, one intra-op thread per explainer thread), the export also written to
 * {@link Builder#onnxFile} when one is given (replaced atomically only when its fingerprint is not
 * the export's, so it always belongs to the current model). The provenance records the engine
 * (extra {@value SampleFiles#ENGINE}); the model fingerprint stays that of the DL4J model file.
 * {@link Builder#backgroundSummary} replaces the background by the facade's weighted k-means
 * summary, recorded in the provenance's explainer options.
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
    /** Seed of the background draw by default. */
    public static final long DEFAULT_BACKGROUND_SEED = SaltDefaults.SEED;
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
     */
    public static Builder builder(NeuralNetwork network, PreparedData data, Path dir) {
        return new Builder(network, data, dir);
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
        try (Setup setup = setup()) {
            return run(start, test, selected, setup);
        }
    }

    private Result run(long start, SplitData test, List<String> selected, Setup setup) {
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
    private String staleness(String id, Setup setup) {
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

    /** The model, the explainer and the provenance this run records, fixed once; closes the engine. */
    private final class Setup implements AutoCloseable {
        private final SplitData test = data.test();
        private final ImageShape shape;
        private final Model model;
        private final OnnxModel onnx;
        private final SegmentationExplainer explainer;
        private final Provenance recipe;
        private final String description;
        private final int backgroundSize;

        Setup() {
            SplitData train = data.train();
            int c = test.channels();
            int h = test.height();
            int w = test.width();
            shape = new ImageShape(c, h, w);
            Dl4jModel adapter = Dl4jModel.of(network);
            ImageShape input = PaddedNetwork.inputFor(adapter, b.networkInput, shape);
            onnx = b.engine == InferenceEngine.ONNX ? exported(input) : null;
            PaddedNetwork fitted = PaddedNetwork.of(onnx != null ? onnx : adapter, shape, input);
            model = fitted.model();
            List<Integer> bgIndex = drawIndices(train.count(), b.backgroundSize, b.backgroundSeed);
            backgroundSize = bgIndex.size();
            if (backgroundSize < b.backgroundSize) {
                LOG.info("explain: a background of {} images was asked for, the training set has {}: all {} used",
                        b.backgroundSize, train.count(), backgroundSize);
            }
            List<Image> background = new ArrayList<>(bgIndex.size());
            List<String> backgroundIds = new ArrayList<>(bgIndex.size());
            for (int i : bgIndex) {
                background.add(Image.of(shape, train.image(i)));
                backgroundIds.add(train.ids().get(i));
            }
            SegmentationExplainer.Builder eb = SegmentationExplainer.builder(model).channelNames(PLAYER_NAMES)
                    .background(backgroundIds, background).backgroundSeed(b.backgroundSeed).method(b.method)
                    .threads(b.threads).seed(b.seed).keepInputs(false)
                    .model("salt U-Net taking " + input, b.modelKey);
            if (b.budget > 0) {
                eb.budget(b.budget);
            }
            if (b.backgroundSummary > 0) {
                eb.backgroundSummary(b.backgroundSummary);
            }
            explainer = eb.build();
            Image first = image(0);
            recipe = ImageExplainer.of(model, explainer.options()).provenanceFor(List.of(test.ids().get(0)),
                    List.of(first)).toBuilder().extra(SampleFiles.ENGINE, b.engine.label()).build();
            boolean padded = !input.equals(shape);
            description = c + " x " + h + " x " + w
                    + (padded ? " padded to " + input.height() + " x " + input.width() : "") + " with "
                    + b.method.name().toLowerCase(Locale.ROOT) + " (" + background.size()
                    + " background images from the training set, seed " + b.backgroundSeed
                    + (b.backgroundSummary > 0 ? ", summarised by k-means to " + b.backgroundSummary + " rows" : "")
                    + ", " + b.threads + " threads, " + (onnx != null ? "ONNX Runtime" : "DL4J") + ")";
        }

        /** The network exported to ONNX at {@code input}, written to the ONNX file when one is asked for. */
        private OnnxModel exported(ImageShape input) {
            if (!(network instanceof ComputationGraph graph)) {
                throw new IllegalArgumentException("only a ComputationGraph can be exported to ONNX, the model is a "
                        + network.getClass().getSimpleName() + "; explain it with the dl4j engine");
            }
            byte[] bytes = OnnxExport.toBytes(graph, input, OnnxExport.Size.FIXED);
            if (b.onnxFile != null) {
                writeIfChanged(b.onnxFile, bytes);
            }
            return OnnxModel.builder(bytes).intraOpThreads(1).build();
        }

        @Override
        public void close() {
            if (onnx != null) {
                onnx.close();
            }
        }

        Image image(int index) {
            return Image.of(shape, test.image(index));
        }

        /** The provenance explaining test sample {@code id} records (its image's fingerprint added). */
        Provenance provenance(String id) {
            return recipe.withExtra(SampleFiles.IMAGE_FINGERPRINT,
                    Fingerprint.ofImages(List.of(image(test.indexOf(id)))));
        }
    }

    private Setup setup() {
        return new Setup();
    }

    /**
     * Writes {@code bytes} to {@code file} atomically unless the file already holds them (same
     * fingerprint), so an unchanged model leaves its export untouched.
     */
    static void writeIfChanged(Path file, byte[] bytes) {
        try {
            if (Files.isRegularFile(file) && Fingerprint.ofFile(file).equals(Fingerprint.ofBytes(bytes))) {
                return;
            }
            AtomicFiles.write(file, bytes);
            LOG.info("explain: the network exported to ONNX in {}", file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ONNX export " + file + ": " + e.getMessage(), e);
        }
    }

    private List<String> explain(List<String> todo, Setup setup) {
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
                Provenance made = part.provenance().orElseThrow().toBuilder()
                        .extra(SampleFiles.IMAGE_FINGERPRINT, Fingerprint.ofImages(List.of(setup.image(index))))
                        .extra(SampleFiles.ENGINE, b.engine.label()).build();
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
     * The background indices among {@code count} training images: the library's draw,
     * {@link BackgroundDraw#indices}.
     */
    static List<Integer> drawIndices(int count, int size, long seed) {
        return BackgroundDraw.indices(count, size, seed);
    }

    /** Options of an {@link ExplanationStage}. */
    public static final class Builder {
        private final NeuralNetwork network;
        private final PreparedData data;
        private final Path dir;
        private SampleSelection selection = SampleSelection.original9();
        private Method method = Method.EXACT;
        private long budget;
        private int backgroundSize = DEFAULT_BACKGROUND;
        private long backgroundSeed = DEFAULT_BACKGROUND_SEED;
        private long seed = SaltDefaults.SEED;
        private int threads = Runtime.getRuntime().availableProcessors();
        private ProgressMode progress = ProgressMode.OFF;
        private java.util.function.Consumer<String> progressLines = System.out::println;
        private String modelKey = "unknown";
        private SampleListener listener = (id, done, total) -> { };
        private ImageShape networkInput;
        private InferenceEngine engine = InferenceEngine.DL4J;
        private int backgroundSummary;
        private Path onnxFile;

        private Builder(NeuralNetwork network, PreparedData data, Path dir) {
            this.network = Objects.requireNonNull(network, "network");
            this.data = Objects.requireNonNull(data, "data");
            this.dir = Objects.requireNonNull(dir, "dir");
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

        /** The estimator; default exact (4 players: 16 coalitions). */
        public Builder method(Method method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /** Budget of the sampling estimators; 0 (default) for theirs. */
        public Builder budget(long budget) {
            this.budget = budget;
            return this;
        }

        /** Training images in the background; default {@value #DEFAULT_BACKGROUND}. */
        public Builder backgroundSize(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("background size must be at least 1, got " + n);
            }
            this.backgroundSize = n;
            return this;
        }

        /** What runs the network; default {@link InferenceEngine#DL4J}. */
        public Builder engine(InferenceEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /**
         * Where the ONNX engine writes the exported network (e.g. {@code model.onnx} beside
         * {@code model.zip}); default nowhere (the export stays in memory).
         */
        public Builder onnxFile(Path file) {
            this.onnxFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Replaces the background by its weighted k-means summary of {@code k} rows (seeded with the
         * background seed); 0 (default) keeps the whole background.
         */
        public Builder backgroundSummary(int k) {
            if (k < 0) {
                throw new IllegalArgumentException("background summary must be 0 (none) or at least 1 row, got " + k);
            }
            this.backgroundSummary = k;
            return this;
        }

        /** Seed of the background draw; default {@value #DEFAULT_BACKGROUND_SEED}. */
        public Builder backgroundSeed(long seed) {
            this.backgroundSeed = seed;
            return this;
        }

        /** Seed of the sampling estimators; default {@value SaltDefaults#SEED}. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Threads calling the model; default one per processor. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * How progress is shown (default none), and where its plain lines go.
         *
         * @param mode  bars on standard error, plain lines or nothing
         * @param lines receives the plain lines (the run's console)
         */
        public Builder progress(ProgressMode mode, java.util.function.Consumer<String> lines) {
            this.progress = java.util.Objects.requireNonNull(mode, "mode");
            this.progressLines = java.util.Objects.requireNonNull(lines, "lines");
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
