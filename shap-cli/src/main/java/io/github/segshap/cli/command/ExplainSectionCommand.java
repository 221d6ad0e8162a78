package io.github.segshap.cli.command;

import io.github.segshap.cli.run.OutputFolders;
import io.github.segshap.command.folder.OutputFolder;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.command.Progress;
import io.github.segshap.command.ProgressOptions;
import io.github.segshap.command.SizeArgument;
import io.github.segshap.cli.run.RecipeFlags;
import io.github.segshap.command.Faults;
import io.github.segshap.cli.input.ImageFiles;
import io.github.segshap.cli.input.ImageStack;
import io.github.segshap.cli.input.PlayerGroups;
import io.github.segshap.cli.model.LoadedModel;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.image.Layout;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.sections.SectionExplainer;
import io.github.segshap.core.store.OtherRecipeException;
import io.github.segshap.core.sections.Taper;
import io.github.segshap.core.sections.TileGrid;
import io.github.segshap.core.segmentation.BackgroundOptions;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.report.DrawnReport;
import io.github.segshap.report.ExplanationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code segshap explain-section}: explains a section larger than the model's input by overlapping
 * tiles ({@link SectionExplainer}) and writes one explanation folder of the whole section, its
 * figures and {@code report.html} into {@code --out}; resumable tile batch by tile batch.
 */
@Command(name = "explain-section", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Explains a whole section [C,H,W] larger than the model's input: cuts it into overlapping tiles "
                + "(--tile, --stride; the last row and column of tiles aligned to the section's edge), explains every "
                + "tile with one background and one explainer, and blends the tiles' maps with a raised-cosine taper "
                + "into one base-value map and one contribution map per player over the whole section, which add up to "
                + "the blended prediction at every sample.",
                "Writes OUT/base_values.npy [1,O,H,W], contributions.npy [1,M,O,H,W], prediction.npy, inputs.npy, "
                        + "explanation.json, OUT/figures/ and OUT/report.html. Tile batches are saved in OUT/tiles/ "
                        + "as they finish: an interrupted run resumes, skipping them.",
                "", "Example:",
                "  segshap explain-section --model unet.onnx --section inline.npy --background 32 --tile 101 "
                        + "--stride 64 --out section/"},
        footer = {"", "Section: a .npy float32/float64 array [C,H,W] or [1,C,H,W] ([H,W,C] with --layout nhwc). "
                + "See docs/sections.md."})
public final class ExplainSectionCommand implements Callable<Integer> {
    private final SegshapContext context;

    /** @param context the program's console and model hook */
    public ExplainSectionCommand(SegshapContext context) {
        this.context = context;
    }

    @Mixin
    ModelOptions model;

    @Option(names = "--section", required = true, paramLabel = "FILE", description = "The section: a .npy array.")
    Path section;

    @Option(names = "--background", paramLabel = "FILE|N",
            description = "The background: a .npy stack of tiles [B,C,th,tw] in the section's layout (every row used), "
                    + "or a number N of tiles drawn from the section's tiles with --seed (default: ${DEFAULT-VALUE}; "
                    + "all tiles when there are fewer).")
    String background = Integer.toString(BackgroundOptions.DEFAULT_SIZE);

    @Option(names = "--tile", required = true, paramLabel = SizeArgument.LABEL,
            description = "The tile size (the model's input size), e.g. 101 or 96,128.")
    String tile;

    @Option(names = "--stride", paramLabel = SizeArgument.LABEL,
            description = "Samples between tile origins, at most the tile size (default: 5/8 of the tile, rounded up: "
                    + "64 for 101).")
    String stride;

    @Option(names = "--taper-floor", paramLabel = "F",
            description = "Weight of a tile's border sample relative to its centre in the blend, in (0, 1]; 1 is a "
                    + "flat average (default: ${DEFAULT-VALUE}).")
    double taperFloor = Taper.DEFAULT_FLOOR;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The output folder.")
    Path out;

    @Option(names = "--layout", paramLabel = "nchw|nhwc",
            description = "Layout of --section and a --background file (default: the model's input layout).")
    Layout layout;

    @Mixin
    ExplainerOptions explanation;

    @Mixin
    ProgressOptions progress;

    @Option(names = "--batch", paramLabel = "N",
            description = "Tiles per streamed batch (one resumable folder each; default: ${DEFAULT-VALUE}).")
    int batch = SectionExplainer.DEFAULT_TILES_PER_BATCH;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (OutputFolder folder = OutputFolders.claim(spec, out, context.console())) {
            return explain();
        }
    }

    private Integer explain() {
        long t0 = System.nanoTime();
        PrintStream console = context.console();
        model.padAuto();
        explanation.validate();
        int[] tileSize = SizeArgument.parse(tile, "--tile");
        int[] strideSize = stride != null ? SizeArgument.parse(stride, "--stride")
                : new int[] {(tileSize[0] * 5 + 7) / 8, (tileSize[1] * 5 + 7) / 8};
        if (strideSize[0] > tileSize[0] || strideSize[1] > tileSize[1]) {
            throw new CommandException(ExitCode.USAGE, "--stride " + strideSize[0] + "," + strideSize[1] + " is larger than "
                    + "--tile " + tileSize[0] + "," + tileSize[1] + ": samples between tiles would be left out");
        }
        if (!(taperFloor > 0 && taperFloor <= 1)) {
            throw new CommandException(ExitCode.USAGE, "--taper-floor must be in (0, 1], got " + taperFloor);
        }
        if (batch < 1) {
            throw new CommandException(ExitCode.USAGE, "--batch must be at least 1, got " + batch);
        }
        Path bgFile = BackgroundArgument.file(background, "tile");
        try (LoadedModel loaded = model.load()) {
            Layout used = layout != null ? layout : loaded.inputLayout();
            ImageStack stack = ImageFiles.readSection(section, used, "--section");
            Image image = stack.images().get(0);
            if (image.shape().height() < tileSize[0] || image.shape().width() < tileSize[1]) {
                throw new CommandException(ExitCode.USAGE, "--tile " + tileSize[0] + "," + tileSize[1] + " is larger "
                        + "than the section: --section " + section + " of " + image.shape() + " is smaller than a tile of "
                        + tileSize[0] + "x" + tileSize[1] + "; --tile can be at most " + image.shape().height() + ","
                        + image.shape().width() + " (or explain it with `segshap explain`)");
            }
            ImageShape tileShape = new ImageShape(image.shape().channels(), tileSize[0], tileSize[1]);
            LoadedModel fitted = model.fit(loaded, tileShape, used, "--tile " + tileSize[0] + "," + tileSize[1],
                    console::println);
            PlayerGroups groups = explanation.groups(tileShape.channels());
            ExplanationOptions.Builder options = explanation.builder(groups)
                    .model(fitted.description(), fitted.fingerprint());
            String bgSource;
            if (bgFile != null) {
                ImageStack bg = ImageFiles.read(bgFile, used, "--background");
                BackgroundArgument.requireShape(bgFile, bg.images(), tileShape, "the tiles: --tile " + tile
                        + ", the section's channels; read as " + used.label());
                options.background(bg.ids(), bg.images());
                bgSource = "file " + bgFile.getFileName();
            } else {
                options.backgroundSize(BackgroundArgument.source(background, "tile").count())
                        .backgroundSeed(explanation.seed());
                bgSource = "drawn from the section's tiles";
            }
            Model m = context.modelHook().apply(fitted.model());
            int tiles = TileGrid.of(image.shape(), tileSize[0], tileSize[1], strideSize[0], strideSize[1]).size();
            requireWritable();
            SectionExplainer.Result result;
            try (Progress shown = Progress.start(progress.mode(), "explain-section", "tiles", tiles,
                    console::println)) {
                SectionExplainer explainer = SectionExplainer.builder(m, options.progress(shown).build())
                        .tile(tileSize[0], tileSize[1]).stride(strideSize[0], strideSize[1])
                        .taper(Taper.raisedCosine(taperFloor)).tilesPerBatch(batch)
                        .recipe(p -> p.toBuilder()
                                .extra("images_layout", used.label())
                                .extra("background_source", bgSource).build())
                        .progress((done, total) -> shown.stepTo(done))
                        .build();
                console.println("explain-section: " + explainer.grid(image.shape()) + ", background " + bgSource);
                result = explainer.explainInto("section", image, out);
            } catch (OtherRecipeException e) {
                throw RecipeFlags.refusal(e);
            } catch (UncheckedIOException e) {
                throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "cannot write to " + out + ": " + e.getMessage(),
                        e);
            } catch (IllegalArgumentException e) {
                throw Faults.STANDARD.classifyOr(e, ExitCode.BAD_INPUT);
            }
            DrawnReport report = report(result.explanation(), fitted, result);
            Explanations e = result.explanation();
            console.printf(Locale.ROOT, "explained section %s by %d tiles (%d explained, %d already done%s) in %.1f s: "
                            + "%s, %d players %s%n", e.imageShape(), result.grid().size(), result.explained(),
                    result.skipped(), result.redone() > 0 ? ", " + result.redone() + " corrupt tile folders redone" : "",
                    (System.nanoTime() - t0) / 1e9, e.explainer(), e.players(), e.playerNames());
            console.printf(Locale.ROOT, "largest additivity residual %.3g%n", result.maxAbsResidual());
            console.println("explanations  " + out.toAbsolutePath().normalize());
            console.println("report        " + report.html().toAbsolutePath().normalize());
            return 0;
        }
    }

    private DrawnReport report(Explanations e, LoadedModel fitted, SectionExplainer.Result result) {
        try {
            return ExplanationReport.builder().title("segshap explanation of section " + section.getFileName())
                    .paragraph("Model: " + fitted.description() + ". Section: " + section + ", " + e.imageShape()
                            + ", " + result.grid() + ", blended with a " + e.provenance().orElseThrow().extra()
                            .get("section_taper") + " taper.")
                    .build().write(e, out);
        } catch (UncheckedIOException ex) {
            throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "cannot write the report into " + out + ": "
                    + ex.getMessage(), ex);
        }
    }

    private void requireWritable() {
        try {
            Files.createDirectories(out);
            Path probe = Files.createTempFile(out, ".write-test-", "");
            Files.delete(probe);
        } catch (IOException | UncheckedIOException e) {
            throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "cannot write to " + out + ": " + e.getMessage(), e);
        }
    }
}
