package io.github.segshap.salt.workflow;

import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.command.ProgressMode;
import io.github.segshap.salt.SaltDefaults;
import io.github.segshap.core.model.NondeterministicModelException;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.core.provenance.Precision;
import io.github.segshap.dl4j.model.Dl4jModel;
import io.github.segshap.dl4j.model.Dl4jModels;
import io.github.segshap.core.model.IncompatibleInputException;
import io.github.segshap.dl4j.runtime.Dl4jRuntime;
import io.github.segshap.dl4j.runtime.NativeThreads;
import io.github.segshap.salt.train.TrainSettings;
import io.github.segshap.zoo.UNet;
import io.github.segshap.salt.prepare.cache.ProcessedDataCache;
import io.github.segshap.salt.prepare.data.DataFiles;
import io.github.segshap.salt.prepare.data.DataFormatException;
import io.github.segshap.salt.prepare.data.SaltDatasetReader;
import io.github.segshap.salt.explain.ExplanationStage;
import io.github.segshap.salt.explain.SectionStage;
import io.github.segshap.core.sections.SectionExplainer;
import io.github.segshap.salt.explain.CohortSummary;
import io.github.segshap.salt.explain.UnknownSampleException;
import io.github.segshap.salt.io.JsonFiles;
import io.github.segshap.salt.prepare.DataPipeline;
import io.github.segshap.salt.prepare.PreparedData;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Runs the salt study's stages on one {@link RunLayout run folder}:
 * <ol>
 *   <li>{@link #prepare()}: {@link DataPipeline} (read, split, attributes, NaN drop, Yeo-Johnson) with
 *       its cache in {@code out/data-cache}; without a data folder the synthetic data set is generated
 *       there first;</li>
 *   <li>{@link #train(PreparedData)}: the U-Net, MLflow run, test metrics, {@code model.zip};</li>
 *   <li>{@link #explain(PreparedData)}: channel contributions of the selected test samples
 *       ({@link ExplanationStage}), resumable;</li>
 *   <li>{@link #report()}: figures and {@code report.html};</li>
 * </ol>
 * and {@link #runAll()} does all four. nd4j's native threads are pinned to
 * {@link CommonSettings#threads()} when the workflow is made ({@link NativeThreads}), whatever the
 * environment says, so that the same settings train the same model anywhere. Each stage prints one line with its wall time and records it
 * in {@code timings.json}. Problems the user can fix become {@link CommandException}s with their
 * {@link ExitCode} kind; every file is replaced atomically and only by a complete new version.
 */
public final class SaltWorkflow {
    private final WorkflowSettings settings;
    private final RunLayout layout;
    private final PrintStream console;
    private ExplanationStage.SampleListener sampleListener = (id, done, total) -> { };
    private FolderProbe folderProbe = FolderProbe.CREATE_FILE;

    /**
     * @param settings the options
     * @param console  where progress lines and the summary go
     */
    public SaltWorkflow(WorkflowSettings settings, PrintStream console) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.layout = settings.layout();
        this.console = Objects.requireNonNull(console, "console");
        NativeThreads.Pinned pinned = NativeThreads.pin(settings.common().threads());
        if (!pinned.overridden().isEmpty()) {
            console.println("  nd4j threads: " + pinned.threads() + " (--threads), not " + pinned.overriddenText()
                    + " from the environment");
        }
        Boolean oneDnn = settings.common().oneDnn();
        if (Boolean.TRUE.equals(oneDnn)) {
            if (!Dl4jRuntime.enableOneDnn()) {
                console.println("warning: --onednn is on but the oneDNN build of nd4j-native is not on the class path,"
                        + " so the helpers are not faster");
            }
        } else if (Boolean.FALSE.equals(oneDnn)) {
            System.setProperty(Dl4jRuntime.ONEDNN_PROPERTY, "false");
            Dl4jRuntime.disableOneDnn();
        } else {
            Dl4jRuntime.init();
        }
    }

    /** Called after each explained sample is saved (tests use it to interrupt a run). */
    public SaltWorkflow sampleListener(ExplanationStage.SampleListener listener) {
        this.sampleListener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * How each stage checks that it can write in the run folder, {@code explanations/} and
     * {@code figures/} before it changes anything; default {@link FolderProbe#CREATE_FILE} (tests
     * stand in for a read-only file system here).
     */
    public SaltWorkflow folderProbe(FolderProbe probe) {
        this.folderProbe = Objects.requireNonNull(probe, "probe");
        return this;
    }

    /** The settings. */
    public WorkflowSettings settings() {
        return settings;
    }

    /** What {@link #runAll()} produced. */
    public record Summary(PreparedData data, Map<String, Double> test, ExplanationStage.Result explanation,
                          Path report) {
    }

    /** Runs every stage and prints a summary (the caller prints the path of {@code report.html} last). */
    public Summary runAll() {
        long t0 = System.nanoTime();
        requireKnownSamples();
        PreparedData data = prepare();
        Map<String, Double> test = train(data);
        ExplanationStage.Result ex = explain(data);
        Path report = report();
        double total = (System.nanoTime() - t0) / 1e9;
        StageTimings.record(layout.timings(), "run-all", total);
        console.println();
        console.println("== summary ==");
        console.printf(Locale.ROOT, "data        %s%n", data);
        console.printf(Locale.ROOT, "test        Kaggle metric %.4f (%.4f with the tuned mask rule), salt IoU %.4f,"
                        + " mean IoU %.4f, AUC %.4f%n",
                test.getOrDefault("kaggle_tgs", Double.NaN), test.getOrDefault("kaggle_tgs_tuned", Double.NaN),
                test.getOrDefault("salt_iou", Double.NaN),
                test.getOrDefault("mean_iou", Double.NaN), test.getOrDefault("auc", Double.NaN));
        StringBuilder ch = new StringBuilder();
        for (CohortSummary.Channel s : ex.summary().channels()) {
            ch.append(String.format(Locale.ROOT, "%s %.4f  ", s.name(), s.meanAbs()));
        }
        console.printf(Locale.ROOT, "explained   %d samples (%d computed now); mean |contribution|: %s%n",
                ex.summary().samples(), ex.computed().size(), ch.toString().trim());
        console.printf(Locale.ROOT, "run folder  %s%n", layout.root());
        console.printf(Locale.ROOT, "total time  %.1f s%n", total);
        if (settings.common().synthetic()) {
            console.println("note        synthetic demo data; for real results: run-all --data path/to/tgs-salt");
        }
        return new Summary(data, test, ex, report);
    }

    /**
     * Reads, splits and pre-processes the data (or loads it from the cache).
     *
     * @throws CommandException for missing or badly laid out data, or an unwritable output folder
     */
    public PreparedData prepare() {
        start();
        CommonSettings common = settings.common();
        if (common.data() != null) {
            checkData(common.data());
        }
        return timed("prepare", () -> {
            try {
                PreparedData d = pipeline().run();
                recordParameters(d);
                console.printf(Locale.ROOT, "  %s: train %d, validation %d, test %d at %d x %d%s%n",
                        common.synthetic() ? "synthetic data" : "data", d.train().count(), d.validation().count(),
                        d.test().count(), d.size(), d.size(), d.fromCache() ? " (from the cache)" : "");
                if (!d.skipped().isEmpty()) {
                    console.printf(Locale.ROOT, "  skipped %d bad sample%s (--bad-samples skip): %s%n",
                            d.skipped().size(), d.skipped().size() == 1 ? "" : "s", d.skipped().stream()
                                    .map(k -> k.id() + " (" + k.file() + ": " + k.reason() + ")")
                                    .collect(Collectors.joining("; ")));
                }
                return d;
            } catch (DataFormatException e) {
                throw badData(e);
            } catch (IllegalStateException e) {
                throw new CommandException(ExitCode.BAD_INPUT, "the data cannot be used: " + e.getMessage(), e);
            }
        });
    }

    /** The data pipeline of these settings, on the run folder's cache. */
    private DataPipeline pipeline() {
        CommonSettings common = settings.common();
        DataPipeline.Builder b = DataPipeline.builder().resolution(common.resolution())
                .axis(settings.prepare().axis()).badSamples(settings.prepare().badSamples()).seed(common.seed())
                .cacheDir(layout.dataCache()).progressBars(common.progress() == ProgressMode.BARS);
        if (common.data() != null) {
            b.dataDir(common.data());
        } else {
            b.synthetic(settings.prepare().syntheticSamples());
        }
        return b.build();
    }

    /**
     * Checks the {@code --samples} ids against the test split the data will have, from the file names
     * alone, so that {@code run-all} names an unknown id before it prepares and trains.
     *
     * @throws CommandException ({@link ExitCode#UNKNOWN_IDS}) naming the ids
     */
    private void requireKnownSamples() {
        List<String> planned;
        try {
            planned = pipeline().plannedTestIds();
        } catch (DataFormatException e) {
            return; // the data stage names what is wrong with the data
        }
        try {
            settings.explain().samples().requireKnown(planned);
        } catch (UnknownSampleException u) {
            throw new CommandException(ExitCode.UNKNOWN_IDS, u.getMessage() + " (checked before preparing and"
                    + " training)", u);
        }
    }

    /** Each stage's start: the run folder is writable, and what a killed run left is removed and named. */
    private void start() {
        layout.requireWritable(folderProbe);
        StageTimings.read(layout.timings()); // a damaged timings.json is named before the stage works
        List<Path> removed = new ArrayList<>(layout.removeTemporaries());
        removed.addAll(new ProcessedDataCache(layout.dataCache()).removeTemporaries());
        if (!removed.isEmpty()) {
            console.printf(Locale.ROOT, "  removed %d temporar%s left by an interrupted run: %s%n", removed.size(),
                    removed.size() == 1 ? "y" : "ies", removed.stream().map(p -> layout.root().relativize(p).toString())
                            .collect(Collectors.joining(", ")));
        }
    }

    private static CommandException badData(DataFormatException e) {
        return new CommandException(ExitCode.BAD_INPUT, "the data cannot be used: " + e.getMessage(), e);
    }

    /**
     * Trains the U-Net and returns the test metrics.
     */
    public Map<String, Double> train(PreparedData data) {
        start();
        return timed("train", () -> {
            TrainSettings t = settings.train();
            console.printf(Locale.ROOT, "  U-Net F=%d, %dx%d kernels, depth %d, dropout %s, %s up-sampling, %s loss,"
                            + " up to %d epochs (patience %d)%s, batch %d%s, seed %d, oneDNN %s%n",
                    t.filters(), t.kernel(), t.kernel(), t.depth(),
                    t.dropout() == 0 ? "off" : String.valueOf(t.dropout()),
                    t.upsampling() == UNet.Upsampling.TRANSPOSED_CONVOLUTION
                            ? "transposed-convolution" : "resize-convolution", t.loss().label(),
                    t.epochs(), t.patience(),
                    t.timeLimitMinutes() == null ? "" : " within " + t.timeLimitMinutes() + " min",
                    t.batchSize(), (t.flipAugmentation() ? ", left-right flips" : "")
                            + (t.batchNormalization() ? ", batch normalisation" : "")
                            + (t.learningRateDecay() < 1 ? ", learning rate x" + t.learningRateDecay()
                            + " per epoch" : ""), settings.common().seed(),
                    Dl4jRuntime.oneDnnEnabled() && Dl4jRuntime.oneDnnBinariesPresent() ? "on" : "off");
            TrainingStage.Outcome o = new TrainingStage(settings, console).run(data);
            console.printf(Locale.ROOT, "  best epoch %d of %d; test: %s%n", o.result().bestEpoch(),
                    o.result().epochsRun(), format(o.test()));
            console.println("  model: " + o.model() + " (MLflow run " + o.runId() + ")");
            return o.test();
        });
    }

    /**
     * Explains the selected test samples with the trained model in the run folder (resuming).
     *
     * @throws CommandException when there is no model, it was trained on other shapes, or ids are unknown
     */
    public ExplanationStage.Result explain(PreparedData data) {
        start();
        LoadedModel loaded = loadModel(data);
        layout.requireWritable(layout.explanations(), folderProbe);
        String modelKey = Fingerprint.ofFile(layout.model());
        return timed("explain", () -> {
            ExplainSettings e = settings.explain();
            ExplanationStage stage = ExplanationStage.builder(loaded.network(), data, layout.explanations(),
                            e.options(settings.common().seed()).build())
                    .networkInput(loaded.input()).selection(e.samples()).background(e.background())
                    .progress(settings.common().progress(), line -> console.println("  " + line))
                    .runtime(e.runtime()).precision(e.precision(), e.precisionCheck()).onnxFile(layout.onnxModel())
                    .modelKey(modelKey).listener(sampleListener).build();
            try {
                ExplanationStage.Result r = stage.run();
                recordExplainParameters(r);
                if (e.background().file().isEmpty() && r.background() < e.background().count()) {
                    console.printf(Locale.ROOT, "  background: %d training images (every one; --background asked for"
                            + " %d)%n", r.background(), e.background().count());
                }
                console.printf(Locale.ROOT, "  %d selected (%s): %d explained now, %d already done; max |residual| "
                                + "%.2g; results in %s%n", r.selected().size(), e.samples(), r.computed().size(),
                        r.reused().size(), r.summary().maxAbsResidual(), layout.explanations());
                r.reexplained().forEach((why, ids) -> console.printf(Locale.ROOT, "  %d sample%s re-explained: %s"
                        + " (%s)%n", ids.size(), ids.size() == 1 ? "" : "s", why, String.join(", ", ids)));
                return r;
            } catch (UnknownSampleException u) {
                throw new CommandException(ExitCode.UNKNOWN_IDS, u.getMessage(), u);
            } catch (NondeterministicModelException n) {
                throw new CommandException(ExitCode.MODEL, "the model in " + layout.model() + " cannot be explained: "
                        + n.getMessage(), n);
            }
        });
    }

    /**
     * Explains a synthetic section of {@code tileRows x tileColumns} tiles' worth by overlapping tiles
     * ({@link SectionStage}) with the trained model, into {@code <out>/section/}; the explain options
     * give the explainer, background and threads. Resumable.
     *
     * @param stride samples between tile origins at the model's size, {@code {rows, columns}}; null for the
     *     default (5/8 of the tile, rounded up)
     * @throws CommandException when there is no model or it was trained on other shapes
     */
    public SectionExplainer.Result explainSection(PreparedData data, int tileRows, int tileColumns, int[] stride) {
        layout.requireWritable();
        LoadedModel loaded = loadModel(data);
        Path dir = layout.root().resolve("section");
        if (settings.explain().precision() != Precision.FLOAT32) {
            throw new CommandException(ExitCode.USAGE, "--precision " + settings.explain().precision().label()
                    + " applies to explain and run-all; explain-section runs in float32");
        }
        return timed("explain-section", () -> {
            ExplainSettings e = settings.explain();
            try {
                SectionExplainer.Result r = SectionStage.builder(loaded.network(), data, dir,
                                e.options(settings.common().seed()).build())
                        .networkInput(loaded.input()).tiles(tileRows, tileColumns).stride(stride)
                        .background(e.background()).seed(settings.common().seed())
                        .modelKey(Fingerprint.ofFile(layout.model())).build().run();
                console.printf(Locale.ROOT, "  section %s by %d tiles (%d explained now, %d already done); max "
                                + "|residual| %.2g; results in %s%n", r.explanation().imageShape(), r.grid().size(),
                        r.explained(), r.skipped(), r.maxAbsResidual(), dir);
                return r;
            } catch (NondeterministicModelException n) {
                throw new CommandException(ExitCode.MODEL, "the model in " + layout.model() + " cannot be explained: "
                        + n.getMessage(), n);
            }
        });
    }

    /** Draws the figures and writes the report; returns the absolute path of {@code report.html}. */
    public Path report() {
        start();
        layout.requireWritable(layout.figures(), folderProbe);
        return timed("report", () -> {
            Path p = new ReportStage(settings).run();
            console.println("  figures in " + layout.figures());
            return p.toAbsolutePath();
        });
    }

    // ------------------------------------------------------------------ checks

    private static void checkData(Path data) {
        if (!Files.exists(data)) {
            throw new CommandException(ExitCode.NO_INPUT, "no data at " + data + ": --data must be the TGS training set "
                    + "(a folder with train/images/<id>.png and train/masks/<id>.png, or that train folder); leave "
                    + "--data out to run on the synthetic data set");
        }
        if (!Files.isDirectory(data)) {
            throw new CommandException(ExitCode.NO_INPUT, "--data " + data + " is a file, not a folder");
        }
        Path root;
        try {
            root = SaltDatasetReader.resolveLayout(data);
        } catch (DataFormatException e) {
            throw new CommandException(ExitCode.BAD_INPUT, "the data folder " + data + " is not in the Kaggle TGS "
                    + "layout: " + e.problem() + " (" + e.file() + ")", e);
        }
        DataFiles files;
        try {
            files = DataFiles.list(root);
        } catch (DataFormatException e) {
            throw badData(e);
        }
        if (files.images().isEmpty()) {
            throw new CommandException(ExitCode.NO_INPUT, "no data: " + root.resolve("images")
                    + " holds no .png images");
        }
    }

    /** A trained U-Net and the padded shape it takes the data at. */
    private record LoadedModel(ComputationGraph network, ImageShape input) {
    }

    private LoadedModel loadModel(PreparedData data) {
        Path file = layout.model();
        if (!Files.isRegularFile(file)) {
            throw new CommandException(ExitCode.MODEL, "no trained model at " + file + ": run `" + SaltDefaults.PROGRAM + " train` (or `" + SaltDefaults.PROGRAM + " "
                    + "run-all`) with --out " + layout.root() + " first");
        }
        int size = data.size();
        int channels = data.train().channels();
        String dataShape = channels + " x " + size + " x " + size + " (resolution "
                + data.resolution().name().toLowerCase(Locale.ROOT) + ", axis "
                + data.axis().name().toLowerCase(Locale.ROOT) + ")";
        ImageShape recorded = null; // the padded input shape training recorded, if any
        // what the model file itself records wins over model.json, which may belong to another model
        ModelInfo info = ModelFile.read(file).or(() -> JsonFiles.readIfPresent(layout.modelInfo(), ModelInfo.class))
                .orElse(null);
        if (info != null) {
            List<Integer> in = info.dataShapeOrInput();
            String axis = info.axis() == null ? "unknown" : info.axis().name().toLowerCase(Locale.ROOT);
            String modelShape = dim(in, 0) + " x " + dim(in, 1) + " x " + dim(in, 2) + " (resolution "
                    + (info.resolution() == null ? "unknown" : info.resolution().name().toLowerCase(Locale.ROOT))
                    + ", axis " + axis + ")";
            boolean same = dim(in, 0) == channels && dim(in, 1) == size && dim(in, 2) == size
                    && info.axis() == data.axis();
            if (!same) {
                throw new CommandException(ExitCode.MODEL, "the model in " + file + " was trained on data of "
                        + modelShape + " but the data is " + dataShape + ": run `" + SaltDefaults.PROGRAM + " train` with these options first, "
                        + "or use the options the model was trained with");
            }
            if (info.dataFingerprint() != null && data.fingerprint() != null
                    && !info.dataFingerprint().equals(data.fingerprint())) {
                throw new CommandException(ExitCode.MODEL, "the data changed since the model in " + file + " was "
                        + "trained: it was trained on prepared data " + info.dataFingerprint() + ", the data now is "
                        + data.fingerprint() + " (an input file or a data option such as --seed differs): run `" + SaltDefaults.PROGRAM + " "
                        + "train` again, or restore the data and options it was trained with");
            }
            List<Integer> input = info.inputShape();
            if (input != null && input.size() == 3 && dim(input, 0) == channels && dim(input, 1) >= size
                    && dim(input, 2) >= size) {
                recorded = new ImageShape(channels, dim(input, 1), dim(input, 2));
            }
        }
        if (info == null) {
            console.println("warning: " + file + " records no data it was trained on (no " + layout.modelInfo()
                    .getFileName() + ", no " + ModelFile.ENTRY + " inside it): it is used on the data of " + dataShape
                    + " unchecked (its resolution, axis and data fingerprint are unknown)");
        }
        NeuralNetwork net;
        try {
            net = Dl4jModels.load(file);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new CommandException(ExitCode.MODEL, "cannot load the model: " + e.getMessage()
                    + "; run `" + SaltDefaults.PROGRAM + " train` to make a new one", e);
        }
        if (!(net instanceof ComputationGraph graph)) {
            throw new CommandException(ExitCode.MODEL, "the model in " + file + " is a MultiLayerNetwork, not the "
                    + "U-Net ComputationGraph `" + SaltDefaults.PROGRAM + " train` saves");
        }
        ImageShape input;
        try {
            // the recorded shape needs one probe; without a record, probing finds the padded size
            Dl4jModel model = Dl4jModel.of(graph);
            if (recorded != null) {
                model.requireCompatible(recorded);
                input = recorded;
            } else {
                ImageShape images = new ImageShape(channels, size, size);
                input = model.inputSpec(images).suggestedShape(images);
            }
        } catch (IncompatibleInputException e) {
            throw new CommandException(ExitCode.MODEL, "the model in " + file + " does not take the data " + dataShape
                    + ": " + e.getMessage(), e);
        }
        return new LoadedModel(graph, input);
    }

    // ------------------------------------------------------------------ helpers

    /** Records the data stage's settings and what it produced in {@code parameters.json}. */
    private void recordParameters(PreparedData d) {
        CommonSettings common = settings.common();
        RunParameters p = RunParameters.read(layout.parameters()).withPrepare(common, settings.prepare(),
                RunParameters.DataInfo.of(d, common, settings.prepare()));
        JsonFiles.write(layout.parameters(), p);
    }

    /** Records the explanation stage's settings and what it used in {@code parameters.json}. */
    private void recordExplainParameters(ExplanationStage.Result r) {
        JsonFiles.write(layout.parameters(), RunParameters.read(layout.parameters()).withExplain(settings.explain(),
                new RunParameters.Explained(r.background())));
    }

    /** Entry {@code i} of a recorded shape, or -1 when it has none. */
    private static int dim(List<Integer> shape, int i) {
        return shape != null && i < shape.size() && shape.get(i) != null ? shape.get(i) : -1;
    }

    private <T> T timed(String stage, Supplier<T> body) {
        console.println("== " + stage + " ==");
        long t0 = System.nanoTime();
        T out = body.get();
        double s = (System.nanoTime() - t0) / 1e9;
        StageTimings.record(layout.timings(), stage, s);
        console.printf(Locale.ROOT, "%s: %.1f s%n", stage, s);
        return out;
    }

    private static String format(Map<String, Double> m) {
        StringBuilder sb = new StringBuilder();
        for (String k : new String[] {"kaggle_tgs", "kaggle_tgs_tuned", "salt_iou", "mean_iou", "auc"}) {
            if (m.containsKey(k)) {
                sb.append(String.format(Locale.ROOT, "%s %.4f  ", k, m.get(k)));
            }
        }
        return sb.toString().trim();
    }
}
