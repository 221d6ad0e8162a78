package io.github.segshap.cli.command;

import io.github.segshap.cli.run.OutputFolders;
import io.github.segshap.cli.run.PerImageRun;
import io.github.segshap.command.folder.ForceOption;
import io.github.segshap.command.folder.OutputFolder;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.command.Faults;
import io.github.segshap.command.PrecisionOptions;
import io.github.segshap.command.Progress;
import io.github.segshap.command.ProgressOptions;
import io.github.segshap.cli.input.ImageFiles;
import io.github.segshap.cli.input.ImageStack;
import io.github.segshap.cli.input.PlayerGroups;
import io.github.segshap.cli.model.Int8Models;
import io.github.segshap.cli.model.LoadedModel;
import io.github.segshap.cli.model.ModelFiles;
import io.github.segshap.cli.run.ResumableRun;
import io.github.segshap.cli.run.Timings;
import io.github.segshap.cli.extension.ExplainEngine;
import io.github.segshap.cli.extension.Extensions;
import io.github.segshap.cli.spark.SparkOptions;
import io.github.segshap.core.image.Layout;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.evaluation.ProgressListener;
import io.github.segshap.core.provenance.Precision;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.segmentation.BackgroundDraw;
import io.github.segshap.core.segmentation.BackgroundOptions;
import io.github.segshap.core.segmentation.ExplainerKind;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.onnx.quantize.ReducedPrecision;
import io.github.segshap.report.DrawnReport;
import io.github.segshap.report.ExplanationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code segshap explain}: explains every image with the model and writes the explanation folder,
 * the figures and {@code report.html} into {@code --out}; resumable (see {@link ResumableRun}).
 */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Explains a segmentation model's maps: for every image, a base-value map and one contribution "
                + "map per player (input channel or group of channels) that add up to the prediction at every pixel.",
                "Writes OUT/base_values.npy, contributions.npy, prediction.npy, inputs.npy, explanation.json (with "
                        + "provenance), with --interactions interactions.npy and interactions.json, OUT/figures/ and "
                        + "OUT/report.html. An interrupted run resumes: batches already "
                        + "done are skipped.",
                "", "Example:",
                "  segshap explain --model unet.onnx --images images.npy --background 32 --out results/"},
        footer = {"", "Images: a .npy float32/float64 array [N,C,H,W] (or [N,H,W,C] with --layout nhwc), or a folder "
                + "of PNG files (grey: 1 channel, RGB: 3; values / 255; ids = file names). See docs/command-line.md."})
public final class ExplainCommand implements Callable<Integer> {
    /** Images per streamed batch by default. */
    public static final int DEFAULT_BATCH = 16;

    private final SegshapContext context;

    @Mixin
    ModelOptions model;

    @Option(names = "--images", required = true, paramLabel = "FILE|DIR",
            description = "The images to explain: a .npy array or a folder of PNG files.")
    Path images;

    @Option(names = "--background", paramLabel = "FILE|N",
            description = "The background (what an absent player is replaced by): a .npy array in the images' layout "
                    + "and shape (every row used), or a number N of rows drawn from the images with --seed "
                    + "(default: ${DEFAULT-VALUE}; all images when there are fewer).")
    String background = Integer.toString(BackgroundOptions.DEFAULT_SIZE);

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The output folder.")
    Path out;

    @Option(names = "--layout", paramLabel = "nchw|nhwc",
            description = "Layout of a .npy --images and --background (default: the model's input layout).")
    Layout layout;

    @Option(names = "--background-summary", paramLabel = "K",
            description = "Replace the background by K weighted k-means rows (faster, approximate; default: none).")
    int backgroundSummary;

    @Mixin
    ExplainerOptions explanation;

    @Mixin
    PrecisionOptions precision;

    @Mixin
    ProgressOptions progress;

    @Mixin
    SparkOptions engine = new SparkOptions();

    @Option(names = "--interactions",
            description = "Also write interactions.npy, float64 [N, M, M, O, H, W]: the SHAP interaction values "
                    + "(shap's convention: Phi_ij = SII_ij / 2 off the diagonal, rows sum to the contributions, each "
                    + "pixel's matrix to prediction - base), and interactions.json naming it. Exact explainer only "
                    + "(auto while at most " + ExplanationOptions.EXACT_MAX_PLAYERS + " players); M x M maps per "
                    + "image in memory.")
    boolean interactions;

    @Mixin
    ReportOptions report = new ReportOptions();

    @Mixin
    ForceOption force;

    @Option(names = "--learned", paramLabel = "DIR",
            description = "With --explainer learned: the learned explainer's folder (written by segshap-dl4j.jar "
                    + "fit-explainer); its explainer.onnx runs through ONNX Runtime, one pass per image.")
    Path learned;

    @Option(names = "--batch", paramLabel = "N",
            description = "Images per streamed batch (one resumable folder each; default: ${DEFAULT-VALUE}).")
    int batch = DEFAULT_BATCH;

    @Spec
    CommandSpec spec;

    /** @param context the program's console and model hook */
    public ExplainCommand(SegshapContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ExplainEngine other = engine.spark() ? Extensions.load().requireEngine(engine.engine.name()) : null;
        ExplainRequest request = request();
        Precision p = precision.precision();
        if (other != null && p != Precision.FLOAT32) {
            throw new CommandException(ExitCode.USAGE, "--precision " + p.label() + " runs on the local engine; drop "
                    + "--engine " + engine.engine.name() + " or --precision");
        }
        int heldOut = precision.heldOut();
        boolean isLearned = requireLearnedConsistent(other != null);
        if (isLearned && p != Precision.FLOAT32) {
            throw new CommandException(ExitCode.USAGE, "--precision " + p.label() + " quantises the explained model "
                    + "of an exact run; the learned explainer was fitted for the float32 model: drop --precision");
        }
        try (OutputFolder folder = OutputFolders.claim(spec, out, context.console())) {
            force.apply(folder, context.console());
            if (isLearned) {
                return LearnedExplain.run(request, learned);
            }
            return other != null ? other.explain(request) : explainLocally(request, p, heldOut);
        }
    }

    /** Whether the learned explainer is asked for, checked against --learned, the engine and --interactions. */
    private boolean requireLearnedConsistent(boolean otherEngine) {
        boolean isLearned = explanation.explainer == ExplainerKind.LEARNED;
        if (isLearned != (learned != null)) {
            throw new CommandException(ExitCode.USAGE, isLearned ? "--explainer learned needs --learned DIR, the "
                    + "folder fit-explainer wrote" : "--learned goes with --explainer learned");
        }
        if (isLearned && (otherEngine || interactions)) {
            throw new CommandException(ExitCode.USAGE, "--explainer learned runs on the local engine and has no "
                    + "interaction values: drop " + (otherEngine ? "--engine" : "--interactions"));
        }
        return isLearned;
    }

    /** The request of these options, checked: usage errors and missing inputs are named here. */
    ExplainRequest request() {
        boolean padAuto = model.padAuto();
        explanation.validate();
        if (backgroundSummary < 0) {
            throw new CommandException(ExitCode.USAGE, "--background-summary must be >= 0, got " + backgroundSummary);
        }
        if (!engine.spark() && !engine.merge) {
            throw new CommandException(ExitCode.USAGE, "--no-merge goes with --engine spark (the local engine always "
                    + "writes one merged folder)");
        }
        BackgroundArgument.requireExists(images, "--images");
        Path bgFile = BackgroundArgument.file(background, "row");
        ExplainRequest.Spark spark = engine.spark() ? new ExplainRequest.Spark(engine.master, engine.partitions,
                engine.idColumn, engine.pixelsColumn, engine.imageShape, engine.merge) : null;
        return new ExplainRequest(context, model.file(), model.input, model.output, padAuto, images, layout, bgFile,
                bgFile == null ? BackgroundArgument.source(background, "row").count() : 0, backgroundSummary, explanation.explainer,
                explanation.seed(), explanation::groups, explanation::builder, interactions, batch, out,
                progress.mode(), spark, report.panels());
    }

    /** The local engine: one resumable run into one explanation folder, and its report. */
    static int explainLocally(ExplainRequest r, Precision precision, int heldOut) {
        long t0 = System.nanoTime();
        PrintStream console = r.context().console();
        try (LoadedModel loaded = r.loadModel()) {
            Layout used = r.layoutFor(loaded);
            ImageStack stack = ImageFiles.read(r.images(), used, "--images");
            LoadedModel fitted = ModelFiles.fit(loaded, stack.shape(), used, r.padAuto(), "--images " + r.images(),
                    console::println);
            ImageStack bg = r.backgroundFile() != null ? ImageFiles.read(r.backgroundFile(), used, "--background")
                    : drawn(r, stack);
            if (r.backgroundFile() != null) {
                BackgroundArgument.requireShape(r.backgroundFile(), bg.images(), stack.shape(), "--images "
                        + r.images() + "; both read as " + used.label());
            }
            PlayerGroups groups = r.players().apply(stack.shape().channels());
            r.requireExactForInteractions(groups.names().size());
            ReducedPrecision int8 = precision == Precision.INT8 ? Int8Models.int8(r.model(), loaded, fitted, used,
                    r.padAuto(), stack, bg, r.backgroundFile() == null, r.options(groups, bg, fitted,
                            ProgressListener.NONE), heldOut) : null;
            if (int8 != null) {
                console.println(int8.record().summary());
                if (int8.record().aboveAdvice()) {
                    console.println(int8.record().warning());
                }
            }
            Model m = r.context().modelHook().apply(int8 != null ? int8.model() : fitted.model());
            ResumableRun.Result result;
            try (Progress progress = Progress.start(r.progress(), "explain", "images", stack.size(),
                    console::println)) {
                ExplanationOptions options = r.options(groups, bg, fitted, progress);
                ResumableRun run = new ResumableRun(m, options, p -> {
                    Provenance recipe = recipe(p, stack, used, r.backgroundSource());
                    return int8 != null ? int8.recorded(recipe) : recipe;
                }, r.batch(), r.out(), console, progress);
                result = run(run, stack);
            } finally {
                if (int8 != null) {
                    int8.close();
                }
            }
            Timings timings = new Timings().add("explain", Math.max(0, (System.nanoTime() - t0) / 1e9
                    - result.writeSeconds())).add("write", result.writeSeconds());
            long drawing = System.nanoTime();
            DrawnReport report = report(r.out(), r.model().getFileName().toString(), fitted.description(),
                    r.images().toString(), r.reportPanels());
            timings.since("report", drawing);
            console.printf(Locale.ROOT, "explained %d images (%d already done%s) in %.1f s: %s, %d players %s%n",
                    result.explained(), result.skipped(), result.redone() > 0 ? ", " + result.redone()
                            + " corrupt batch folders redone" : "", (System.nanoTime() - t0) / 1e9,
                    result.merged().explainer(), result.merged().players().size(), result.merged().players());
            console.printf(Locale.ROOT, "largest additivity residual %.3g%n", result.merged().maxAbsResidual());
            console.println("explanations  " + r.out().toAbsolutePath().normalize());
            if (r.interactions()) {
                console.println("interactions  " + r.out().resolve(ExplanationFolder.INTERACTIONS).toAbsolutePath()
                        .normalize());
            }
            console.println("report        " + report.html().toAbsolutePath().normalize());
            console.println(timings.line());
            return 0;
        }
    }

    /** Runs; a core argument check nothing else names is bad input data. */
    private static ResumableRun.Result run(ResumableRun run, ImageStack stack) {
        try {
            return run.run(stack);
        } catch (IllegalArgumentException e) {
            throw Faults.STANDARD.classifyOr(e, ExitCode.BAD_INPUT);
        }
    }

    private static Provenance recipe(Provenance p, ImageStack stack, Layout layout, String bgSource) {
        return p.toBuilder().extra(PerImageRun.IMAGES_FINGERPRINT, stack.fingerprint())
                .extra("images_layout", layout.label())
                .extra("background_source", bgSource).build();
    }

    /**
     * Draws {@code figures/} and {@code report.html} of the explanation folder {@code folder} into it:
     * the one report of an explanation run, whichever engine made the folder (the local engine, the
     * Spark engine's merge, {@code segshap merge}).
     *
     * @param folder           the merged explanation folder
     * @param modelFile        the model file's name, for the title
     * @param modelDescription what the model is
     * @param images           the images as given
     * @param panels           per-image panels for the first {@code panels} images ({@code --report-panels})
     */
    public static DrawnReport report(Path folder, String modelFile, String modelDescription, String images,
                                     int panels) {
        try {
            return ExplanationReport.builder().title("segshap explanation of " + modelFile)
                    .paragraph("Model: " + modelDescription + ". Images: " + images + ".")
                    .panelCount(panels).build().write(folder, folder);
        } catch (UncheckedIOException e) {
            throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "cannot write the report into " + folder + ": "
                    + e.getMessage(), e);
        }
    }

    private static ImageStack drawn(ExplainRequest r, ImageStack stack) {
        BackgroundDraw.Drawn drawn;
        try {
            BackgroundDraw.requireSeveral(stack.size());
            drawn = BackgroundDraw.draw(stack.ids(), stack.images(), r.backgroundRows(), r.seed(), stack.shape());
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCode.BAD_INPUT, "--images " + r.images() + ": " + e.getMessage()
                    + " (give --background FILE)", e);
        }
        return new ImageStack("drawn from " + stack.source(), drawn.ids(), drawn.rows());
    }
}
