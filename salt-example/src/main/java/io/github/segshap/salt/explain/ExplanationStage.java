package io.github.segshap.salt.explain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.PaddedModel;
import io.github.segshap.core.padding.BoundaryMode;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.segmentation.BackgroundDraw;
import io.github.segshap.core.segmentation.ExplanationOptions.Method;
import io.github.segshap.dl4j.SegmentationExplainer;
import io.github.segshap.dl4j.model.Dl4jModel;
import io.github.segshap.salt.SaltDefaults;
import io.github.segshap.salt.cache.Fingerprints;
import io.github.segshap.salt.pipeline.PreparedData;
import io.github.segshap.salt.pipeline.SplitData;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Explains test samples of the salt study channel by channel and saves each one as soon as it is
 * done.
 *
 * <p>For every selected test sample: the {@link SegmentationExplainer} with one player per input
 * channel ({@link #PLAYER_NAMES}), an interventional background of {@value #DEFAULT_BACKGROUND}
 * training images drawn with seed {@value #DEFAULT_BACKGROUND_SEED} ({@link BackgroundDraw}: a
 * seeded shuffle of the training indices, the first ones, in index order), exact Shapley values by
 * default. The samples are streamed through the explainer one at a time (one background, one
 * explainer), and each saved folder carries the provenance (background fingerprint and training
 * ids, seeds, players, model key, padding). Images of a size the U-Net cannot take
 * are padded by reflection to the size it takes ({@link Dl4jModel#paddedShape}: 101 x 101 becomes
 * 104 x 104 at depth 2, 112 x 112 at depth 4), as in training, and the maps are cropped back, so
 * every saved map has the data's size and
 * {@code base + sum of contributions = prediction} holds pixel by pixel.
 *
 * <p>Results go to {@code <dir>/<id>/} ({@link SampleFiles}), each folder written atomically.
 * A <b>key</b> - the hash of the model identity given by {@link Builder#modelKey}, the estimator, the
 * background and the data settings - is stored with every sample; a rerun skips the samples whose
 * folder is complete with the same key, so an interrupted run resumes where it stopped, and a new
 * model or other settings recompute (an older folder is replaced only once its new version is
 * complete). {@code <dir>/selection.json} lists the selection; {@code <dir>/summary.json} holds the
 * {@link ExplanationSummary} over every sample in the folder with the current key.
 */
public final class ExplanationStage {
    /** The players: one per input channel, in channel order. */
    public static final List<String> PLAYER_NAMES = List.of("seismic", "energy", "semblance", "sobel");
    /** Training images in the background by default. */
    public static final int DEFAULT_BACKGROUND = 100;
    /** Seed of the background draw by default. */
    public static final long DEFAULT_BACKGROUND_SEED = SaltDefaults.SEED;
    private static final Logger LOG = LoggerFactory.getLogger(ExplanationStage.class);
    private static final ObjectMapper JSON = new ObjectMapper();

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
     * @param selected the selected ids, in order
     * @param computed the ids explained in this run
     * @param reused   the ids whose saved results were kept
     * @param summary  statistics over every sample in the folder with the current key
     * @param key      the explanation key
     * @param seconds  wall time
     */
    public record Result(List<String> selected, List<String> computed, List<String> reused,
                         ExplanationSummary summary, String key, double seconds) {
    }

    /**
     * The key of these settings: same key, same explanations.
     */
    public String key() {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("model", b.modelKey);
        k.put("method", b.method.name());
        k.put("budget", b.budget);
        k.put("background", b.backgroundSize);
        k.put("backgroundSeed", b.backgroundSeed);
        k.put("seed", b.seed);
        k.put("players", PLAYER_NAMES);
        k.put("data", data.parameters().asMap().toString());
        k.put("train", data.train().ids().hashCode());
        k.put("size", data.size());
        return Fingerprints.sha256(k.toString()).substring(0, 16);
    }

    /**
     * Explains the selected samples that are not done yet, then summarises.
     *
     * @throws UnknownSampleException when the selection names ids that are not in the test set
     * @throws io.github.segshap.dl4j.model.IncompatibleInputException when the network cannot take the images
     */
    public Result run() {
        long start = System.nanoTime();
        SplitData test = data.test();
        List<String> selected = b.selection.resolve(test);
        String key = key();
        int cleaned = SampleFiles.cleanPartial(b.dir);
        if (cleaned > 0) {
            LOG.info("removed {} incomplete sample folders left by an interrupted run", cleaned);
        }
        List<String> todo = new ArrayList<>();
        List<String> reused = new ArrayList<>();
        for (String id : selected) {
            (SampleFiles.isComplete(b.dir.resolve(id), key) ? reused : todo).add(id);
        }
        Map<String, Object> sel = new LinkedHashMap<>();
        sel.put("selection", b.selection.toString());
        sel.put("key", key);
        sel.put("ids", selected);
        SampleFiles.writeJsonAtomically(b.dir.resolve("selection.json"), sel);
        if (!reused.isEmpty()) {
            LOG.info("explain: {} of {} samples already done with this model and settings, skipped", reused.size(),
                    selected.size());
        }
        List<String> computed = new ArrayList<>();
        if (!todo.isEmpty()) {
            computed = explain(todo, key);
        }
        ExplanationSummary.Builder sb = ExplanationSummary.builder(PLAYER_NAMES);
        List<String> all = SampleFiles.completeIds(b.dir, key);
        for (String id : all) {
            sb.add(SampleFiles.read(b.dir.resolve(id)));
        }
        ExplanationSummary summary = sb.build();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("key", key);
        s.put("ids", all);
        s.putAll(summary.asMap());
        SampleFiles.writeJsonAtomically(b.dir.resolve("summary.json"), s);
        return new Result(selected, computed, reused, summary, key, (System.nanoTime() - start) / 1e9);
    }

    private List<String> explain(List<String> todo, String key) {
        SplitData test = data.test();
        SplitData train = data.train();
        int c = test.channels();
        int h = test.height();
        int w = test.width();
        ImageShape shape = new ImageShape(c, h, w);
        Dl4jModel adapter = Dl4jModel.of(network);
        ImageShape input = b.networkInput != null ? b.networkInput : adapter.paddedShape(shape);
        adapter.requireCompatible(input);
        int ph = input.height();
        int pw = input.width();
        boolean pad = ph != h || pw != w;
        Model model = pad ? PaddedModel.to(adapter, ph, pw, BoundaryMode.MIRROR) : adapter;

        List<Integer> bgIndex = drawIndices(train.count(), b.backgroundSize, b.backgroundSeed);
        List<Image> background = new ArrayList<>(bgIndex.size());
        for (int i : bgIndex) {
            background.add(Image.of(shape, train.image(i)));
        }
        List<String> backgroundIds = new ArrayList<>(bgIndex.size());
        for (int i : bgIndex) {
            backgroundIds.add(train.ids().get(i));
        }
        SegmentationExplainer.Builder eb = SegmentationExplainer.builder(model).channelNames(PLAYER_NAMES)
                .background(backgroundIds, background).backgroundSeed(b.backgroundSeed).method(b.method)
                .threads(b.threads).seed(b.seed).keepInputs(false)
                .model("salt U-Net taking " + input, b.modelKey);
        if (b.budget > 0) {
            eb.budget(b.budget);
        }
        SegmentationExplainer explainer = eb.build();
        String padding = pad ? "mirror (NumPy reflect) " + h + "x" + w + " to " + ph + "x" + pw + ", outputs cropped back" : "none";
        List<Image> images = new AbstractList<>() {
            @Override
            public Image get(int i) {
                return Image.of(shape, test.image(test.indexOf(todo.get(i))));
            }

            @Override
            public int size() {
                return todo.size();
            }
        };
        LOG.info("explain: {} samples of {} x {} x {}{} with {} ({} background images from the training set, seed {},"
                        + " {} threads)", todo.size(), c, h, w, pad ? " padded to " + ph + " x " + pw : "",
                b.method.name().toLowerCase(Locale.ROOT), background.size(), b.backgroundSeed, b.threads);

        List<String> done = new ArrayList<>();
        ProgressBar bar = b.progressBars ? new ProgressBarBuilder().setTaskName("explain").setInitialMax(todo.size())
                .setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .continuousUpdate().build() : null;
        long[] t0 = {System.nanoTime()};
        try {
            explainer.explain(todo, images, 1, part -> {
                String id = part.id(0);
                int index = test.indexOf(id);
                float[] inputs = test.image(index);
                float[] truth = test.mask(index);
                Explanation e = part.get(0);
                Provenance provenance = part.provenance().orElseThrow().toBuilder().padding(padding).build();
                Explanations se = Explanations.of(List.of(id), List.of(), List.of(e), shape, provenance);
                double seconds = (System.nanoTime() - t0[0]) / 1e9;
                ObjectNode meta = JSON.createObjectNode();
                meta.put("key", key);
                meta.put("test_index", index);
                meta.put("salt_fraction", fraction(truth));
                meta.put("seconds", seconds);
                meta.put("background_size", background.size());
                meta.put("padded_to", pad ? ph + "x" + pw : null);
                SampleFiles.write(b.dir, id, se, inputs, truth, meta);
                done.add(id);
                LOG.debug("explained {} in {} s (max |residual| {})", id, seconds, se.maxAbsResidual());
                if (bar != null) {
                    bar.step();
                }
                b.listener.saved(id, done.size(), todo.size());
                t0[0] = System.nanoTime();
            });
        } finally {
            if (bar != null) {
                bar.close();
            }
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
        private boolean progressBars;
        private String modelKey = "unknown";
        private SampleListener listener = (id, done, total) -> { };
        private ImageShape networkInput;

        private Builder(NeuralNetwork network, PreparedData data, Path dir) {
            this.network = Objects.requireNonNull(network, "network");
            this.data = Objects.requireNonNull(data, "data");
            this.dir = Objects.requireNonNull(dir, "dir");
        }

        /**
         * The (padded) shape the network takes the images at, when known (e.g. recorded at training);
         * by default it is found by probing the network ({@link Dl4jModel#paddedShape}).
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

        /** A progress bar on standard error; default off. */
        public Builder progressBars(boolean on) {
            this.progressBars = on;
            return this;
        }

        /** What identifies the model, e.g. the hash of its file; part of the key. */
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
