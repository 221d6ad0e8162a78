package io.github.segshap.cli.dl4j;

import io.github.segshap.cli.command.BackgroundArgument;
import io.github.segshap.cli.command.ExplainerOptions;
import io.github.segshap.cli.command.ModelOptions;
import io.github.segshap.cli.command.SegshapContext;
import io.github.segshap.cli.input.ImageFiles;
import io.github.segshap.cli.input.ImageStack;
import io.github.segshap.cli.input.PlayerGroups;
import io.github.segshap.cli.model.LoadedModel;
import io.github.segshap.cli.run.OutputFolders;
import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.command.Faults;
import io.github.segshap.command.folder.OutputFolder;
import io.github.segshap.core.image.Layout;
import io.github.segshap.core.learned.LearnedFolder;
import io.github.segshap.core.learned.LearnedRecord;
import io.github.segshap.core.segmentation.BackgroundOptions;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.dl4j.learned.LearnedFit;
import io.github.segshap.export.OnnxExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code segshap fit-explainer}: fits a learned explainer ({@link LearnedFit}) of a model on images,
 * with the explain options' vocabulary (model, images, background, players, seed, threads; the
 * explanations it fits on are always exact), and writes its folder: {@code explainer.zip},
 * {@code explainer.onnx} ({@link OnnxExport}), {@code base.npy} and {@code learned.json} with the
 * held-out error, which it prints. Added to the program by {@link Dl4jExtension}.
 */
@Command(name = "fit-explainer", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fits a learned explainer: explains the images exactly, trains a small convolutional network "
                + "(input: the image's channels and the model's prediction; output: one map per player) on part of "
                + "them, measures its error on the images held out, and writes DIR/explainer.zip, explainer.onnx, "
                + "base.npy and learned.json. Its explanations are exactly additive (base + maps = prediction).",
                "", "Example:",
                "  segshap fit-explainer --model unet.zip --images train.npy --background 16 --out learned/"})
public final class FitExplainerCommand implements Callable<Integer> {
    private final SegshapContext context;

    @Mixin
    ModelOptions model;

    @Option(names = "--images", required = true, paramLabel = "FILE|DIR",
            description = "The images to fit on: a .npy array or a folder of PNG files.")
    Path images;

    @Option(names = "--background", paramLabel = "FILE|N",
            description = "The background: a .npy array in the images' layout and shape, or a number N of rows drawn "
                    + "from the images with --seed (default: ${DEFAULT-VALUE}).")
    String background = Integer.toString(BackgroundOptions.DEFAULT_SIZE);

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The learned explainer's folder.")
    Path out;

    @Option(names = "--layout", paramLabel = "nchw|nhwc",
            description = "Layout of a .npy --images and --background (default: the model's input layout).")
    Layout layout;

    @Option(names = "--holdout", paramLabel = "F",
            description = "The share of the images held out to measure the error, in (0, 1) (default: ${DEFAULT-VALUE}).")
    double holdout = 0.2;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the fitted images (default: ${DEFAULT-VALUE}).")
    int epochs = 100;

    @Option(names = "--layers", paramLabel = "N", description = "Hidden 3x3 convolutions (default: ${DEFAULT-VALUE}).")
    int layers = 3;

    @Option(names = "--filters", paramLabel = "N", description = "Channels of each hidden convolution "
            + "(default: ${DEFAULT-VALUE}).")
    int filters = 16;

    @Mixin
    ExplainerOptions explanation;

    @Spec
    CommandSpec spec;

    /** @param context the program's console and model hook */
    public FitExplainerCommand(SegshapContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        LearnedFit fit = fitter();
        explanation.validate();
        model.padAuto();
        BackgroundArgument.requireExists(images, "--images");
        Path bgFile = BackgroundArgument.file(background, "row");
        PrintStream console = context.console();
        long t0 = System.nanoTime();
        try (OutputFolder folder = OutputFolders.claim(spec, out, console);
             LoadedModel loaded = model.load()) {
            Layout used = layout != null ? layout : loaded.inputLayout();
            ImageStack stack = ImageFiles.read(images, used, "--images");
            LoadedModel fitted = model.fit(loaded, stack.shape(), used, "--images " + images, console::println);
            PlayerGroups groups = explanation.groups(stack.shape().channels());
            ExplanationOptions.Builder options = explanation.builder(groups)
                    .model(fitted.description(), fitted.fingerprint());
            if (bgFile != null) {
                ImageStack bg = ImageFiles.read(bgFile, used, "--background");
                BackgroundArgument.requireShape(bgFile, bg.images(), stack.shape(), "--images " + images);
                options.background(bg.ids(), bg.images());
            } else {
                options.backgroundSize(BackgroundArgument.source(background, "row").count())
                        .backgroundSeed(explanation.seed());
            }
            LearnedFit.Fitted result;
            try {
                result = fit.fit(context.modelHook().apply(fitted.model()), options.build(), stack.ids(),
                        stack.images());
            } catch (IllegalArgumentException e) {
                throw Faults.STANDARD.classifyOr(e, ExitCode.BAD_INPUT);
            }
            try {
                OnnxExport.write(result.graph(), result.networkInput(), out.resolve(LearnedFolder.NETWORK_ONNX));
                result.write(out);
            } catch (UncheckedIOException e) {
                throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "cannot write to " + out + ": "
                        + e.getMessage(), e);
            }
            LearnedRecord r = result.record();
            console.printf(Locale.ROOT, "fitted a learned explainer on %d images (%d held out) in %.1f s%n",
                    r.fittedIds().size(), r.heldOutIds().size(), (System.nanoTime() - t0) / 1e9);
            console.println("held-out error: " + r.heldOutError().summary());
            console.println("learned explainer  " + out.toAbsolutePath().normalize());
            return 0;
        }
    }

    /** The fitter of these options; a bad value is a usage error. */
    private LearnedFit fitter() {
        try {
            return LearnedFit.builder().holdout(holdout).epochs(epochs).layers(layers).filters(filters)
                    .seed(explanation.seed()).build();
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCode.USAGE, e.getMessage(), e);
        }
    }
}
