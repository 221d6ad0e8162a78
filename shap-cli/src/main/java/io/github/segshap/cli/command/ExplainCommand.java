package io.github.segshap.cli.command;

import io.github.segshap.cli.CliException;
import io.github.segshap.cli.Failure;
import io.github.segshap.cli.SegshapCommand;
import io.github.segshap.cli.input.ImageFiles;
import io.github.segshap.cli.input.ImageLayout;
import io.github.segshap.cli.input.ImageStack;
import io.github.segshap.cli.input.PlayerGroups;
import io.github.segshap.cli.model.LoadedModel;
import io.github.segshap.cli.model.ModelFiles;
import io.github.segshap.cli.run.ConsoleProgress;
import io.github.segshap.cli.run.ResumableRun;
import io.github.segshap.cli.spark.SparkOptions;
import io.github.segshap.core.explainers.ExactExplainer;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.NondeterministicModelException;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.segmentation.BackgroundDraw;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.segmentation.ExplanationOptions.Method;
import io.github.segshap.core.model.IncompatibleInputException;
import io.github.segshap.report.DrawnReport;
import io.github.segshap.report.ExplanationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @ParentCommand
    SegshapCommand parent;

    @Mixin
    ModelOptions model;

    @Option(names = "--images", required = true, paramLabel = "FILE|DIR",
            description = "The images to explain: a .npy array or a folder of PNG files.")
    Path images;

    @Option(names = "--background", paramLabel = "FILE|N",
            description = "The background (what an absent player is replaced by): a .npy array in the images' layout "
                    + "and shape (every row used), or a number N of rows drawn from the images with --seed "
                    + "(default: ${DEFAULT-VALUE}; all images when there are fewer).")
    String background = Integer.toString(ExplanationOptions.DEFAULT_BACKGROUND_SIZE);

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The output folder.")
    Path out;

    @Option(names = "--layout", paramLabel = "nchw|nhwc",
            description = "Layout of a .npy --images and --background (default: the model's input layout).")
    ImageLayout layout;

    @Option(names = "--background-summary", paramLabel = "K",
            description = "Replace the background by K weighted k-means rows (faster, approximate; default: none).")
    int backgroundSummary;

    @Mixin
    ExplainerOptions explanation;

    @Mixin
    SparkOptions engine = new SparkOptions();

    @Option(names = "--interactions",
            description = "Also write interactions.npy, float64 [N, M, M, O, H, W]: the SHAP interaction values "
                    + "(shap's convention: Phi_ij = SII_ij / 2 off the diagonal, rows sum to the contributions, each "
                    + "pixel's matrix to prediction - base), and interactions.json naming it. Exact explainer only "
                    + "(auto while at most " + ExplanationOptions.EXACT_MAX_PLAYERS + " players); M x M maps per "
                    + "image in memory.")
    boolean interactions;

    @Option(names = "--batch", paramLabel = "N",
            description = "Images per streamed batch (one resumable folder each; default: ${DEFAULT-VALUE}).")
    int batch = DEFAULT_BATCH;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        PrintStream console = parent.console();
        boolean padAuto = model.padAuto();
        explanation.validate();
        if (backgroundSummary < 0) {
            throw new CliException(Failure.USAGE, "--background-summary must be >= 0, got " + backgroundSummary);
        }
        BackgroundArgument.requireExists(images, "--images");
        Path bgFile = BackgroundArgument.file(background, "row");
        if (engine.spark()) {
            return new SparkExplain(this, engine).call(padAuto, bgFile);
        }
        try (LoadedModel loaded = model.load()) {
            ImageLayout used = layout != null ? layout : loaded.inputLayout();
            ImageStack stack = ImageFiles.read(images, used, "--images");
            LoadedModel fitted = ModelFiles.fit(loaded, stack.shape(), padAuto, "--images " + images);
            ImageStack bg = bgFile != null ? ImageFiles.read(bgFile, used, "--background") : drawn(stack);
            if (!bg.shape().equals(stack.shape())) {
                throw new CliException(Failure.BAD_INPUT, "--background " + bgFile + " holds images of shape "
                        + bg.shape() + " but the images (--images " + images + ") have shape " + stack.shape()
                        + " (both read as " + used + ")");
            }
            PlayerGroups groups = explanation.groups(stack.shape().channels());
            requireExactForInteractions(groups.names().size());
            Model m = parent.modelHook().apply(fitted.model());
            ConsoleProgress progress = new ConsoleProgress(console, ConsoleProgress.onTerminal());
            ExplanationOptions options = options(groups, bg, fitted, progress);
            String bgSource = bgFile != null ? "file " + bgFile.getFileName() : "drawn from the images";
            ResumableRun run = new ResumableRun(m, options, p -> recipe(p, fitted, stack, used, bgSource), batch, out,
                    console, progress);
            ResumableRun.Result result;
            try {
                result = run.run(stack);
            } catch (NondeterministicModelException e) {
                throw new CliException(Failure.MODEL, e.getMessage(), e);
            } catch (IncompatibleInputException e) {
                throw new CliException(Failure.MODEL, "the model cannot take the images: " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new CliException(Failure.BAD_INPUT, e.getMessage(), e);
            }
            DrawnReport report = report(result, fitted);
            console.printf(Locale.ROOT, "explained %d images (%d already done%s) in %.1f s: %s, %d players %s%n",
                    result.explained(), result.skipped(), result.redone() > 0 ? ", " + result.redone()
                            + " corrupt batch folders redone" : "", (System.nanoTime() - t0) / 1e9,
                    result.explanations().method(), result.explanations().players(),
                    result.explanations().playerNames());
            console.printf(Locale.ROOT, "largest additivity residual %.3g%n", result.explanations().maxAbsResidual());
            console.println("explanations  " + out.toAbsolutePath().normalize());
            if (interactions) {
                console.println("interactions  " + out.resolve(ExplanationFolder.INTERACTIONS).toAbsolutePath()
                        .normalize());
            }
            console.println("report        " + report.html().toAbsolutePath().normalize());
            return 0;
        }
    }

    /** {@code --interactions} with an explainer that is not (or does not resolve to) the exact one: a usage error. */
    void requireExactForInteractions(int playerCount) {
        Method asked = explanation.explainer;
        Method used = asked.resolve(playerCount);
        if (interactions && used != Method.EXACT) {
            throw new CliException(Failure.USAGE, "--interactions needs the exact explainer (the values of all 2^M "
                    + "coalitions), but --explainer " + asked.label() + " is " + used.label() + " for "
                    + playerCount + " players" + (asked == Method.AUTO ? " (auto is exact only up to "
                    + ExplanationOptions.EXACT_MAX_PLAYERS + " players; --explainer exact takes up to "
                    + ExactExplainer.HARD_LIMIT + ")" : "") + "; drop --interactions or use --explainer exact");
        }
    }

    /** The options of this command line for the facade (the background always given, see {@link ResumableRun}). */
    ExplanationOptions options(PlayerGroups groups, ImageStack bg, LoadedModel fitted, ConsoleProgress progress) {
        ExplanationOptions.Builder b = explanation.builder(groups).background(bg.ids(), bg.images())
                .model(fitted.description(), fitted.fingerprint()).progress(progress).interactions(interactions);
        if (backgroundSummary > 0) {
            b.backgroundSummary(backgroundSummary);
        }
        return b.build();
    }

    private static Provenance recipe(Provenance p, LoadedModel fitted, ImageStack stack, ImageLayout layout,
                                     String bgSource) {
        return p.toBuilder().padding(fitted.padding()).extra("images_fingerprint", stack.fingerprint())
                .extra("images_layout", layout.name().toLowerCase(Locale.ROOT))
                .extra("background_source", bgSource).build();
    }

    private DrawnReport report(ResumableRun.Result result, LoadedModel fitted) {
        try {
            return ExplanationReport.builder().title("segshap explanation of " + model.file().getFileName())
                    .paragraph("Model: " + fitted.description() + ". Images: " + images + ".")
                    .build().write(result.explanations(), out);
        } catch (UncheckedIOException e) {
            throw new CliException(Failure.OUTPUT_NOT_WRITABLE, "cannot write the report into " + out + ": "
                    + e.getMessage(), e);
        }
    }

    private ImageStack drawn(ImageStack stack) {
        int n = Integer.parseInt(background);
        if (stack.size() < 2) {
            throw new CliException(Failure.BAD_INPUT, "--images " + images + " holds 1 image: a background drawn "
                    + "from it would make every contribution zero; give --background FILE");
        }
        List<String> ids = new ArrayList<>();
        List<Image> rows = new ArrayList<>();
        for (int i : BackgroundDraw.indices(stack.size(), n, explanation.seed())) {
            ids.add(stack.ids().get(i));
            rows.add(stack.images().get(i));
        }
        return new ImageStack("drawn from " + stack.source(), ids, rows);
    }
}
