package io.github.segshap.cli.command;

import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.cli.model.LoadedModel;
import io.github.segshap.cli.model.ModelFiles;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.image.Layout;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The model options that {@code explain} and {@code explain-section} share (a picocli mixin): the
 * model file, its ONNX input and output names, and whether a size it cannot take is padded.
 */
public final class ModelOptions {
    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "The model: an .onnx file (PyTorch, TensorFlow, Keras exports) or a DL4J model zip.")
    Path model;

    @Option(names = "--input", paramLabel = "NAME", description = "The ONNX input the images go to (default: the first).")
    String input;

    @Option(names = "--output", paramLabel = "NAME", description = "The ONNX output to explain (default: the first).")
    String output;

    @Option(names = "--pad", paramLabel = "auto|none",
            description = "auto (default): when the model cannot take the images' size but suggests one, pad them "
                    + "(mirror) to it and crop the maps back, recorded in the provenance; none: such a size is an error.")
    String pad = "auto";

    /** The model file. */
    public Path file() {
        return model;
    }

    /** Loads the model ({@link ModelFiles#load}); the caller closes it. */
    public LoadedModel load() {
        return ModelFiles.load(model, input, output);
    }

    /**
     * The loaded model fitted to images of {@code shape} ({@link ModelFiles#fit}), padded when
     * {@code --pad auto}.
     *
     * @param read the layout the images were read in
     * @param what the option and file the images came from, for messages
     * @param say  told when the images are padded
     */
    public LoadedModel fit(LoadedModel loaded, ImageShape shape, Layout read, String what,
                           java.util.function.Consumer<String> say) {
        return ModelFiles.fit(loaded, shape, read, padAuto(), what, say);
    }

    /** Checks {@code --pad}: auto or none, else a {@link ExitCode#USAGE} error. */
    public boolean padAuto() {
        return switch (pad.toLowerCase(Locale.ROOT)) {
            case "auto" -> true;
            case "none" -> false;
            default -> throw new CommandException(ExitCode.USAGE, "--pad must be auto or none, got '" + pad + "'");
        };
    }
}
