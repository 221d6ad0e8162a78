package io.github.segshap.cli.model;

import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.image.Layout;
import io.github.segshap.core.model.InputSpec;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.ModelFormat;
import io.github.segshap.core.model.PaddedModel;
import io.github.segshap.core.padding.BoundaryMode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Loads the model of {@code --model} through the {@link ModelFormat}s on the class path (ONNX from
 * shap-onnx, DL4J model zips from shap-dl4j), and checks it against the images with its
 * {@link InputSpec} (channels; the size, padded when {@code --pad auto} and the model suggests a
 * size). Errors are {@link CommandException}s: a missing file is {@link ExitCode#NO_INPUT}; names given
 * to a format without names are {@link ExitCode#USAGE}; a file no format reads (the message lists
 * the formats there are), an unknown input or output name, a channel count that differs from the
 * images' and a size the model cannot take are {@link ExitCode#MODEL}.
 */
public final class ModelFiles {
    /** How {@code --pad auto} fills the border: NumPy's 'reflect'. */
    public static final BoundaryMode PAD_MODE = BoundaryMode.MIRROR;

    private ModelFiles() {
    }

    /**
     * Loads {@code file}.
     *
     * @param file       an {@code .onnx} file or a DL4J model zip (or any format on the class path)
     * @param inputName  the ONNX input to feed the images to, or {@code null} for the first
     * @param outputName the ONNX output to explain, or {@code null} for the first
     */
    public static LoadedModel load(Path file, String inputName, String outputName) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new CommandException(ExitCode.NO_INPUT, "--model " + file + ": " + (Files.exists(file)
                    ? "not a readable file" : "no such file"));
        }
        byte[] head = head(file);
        ModelFormat format = ModelFormat.forFile(file, head).orElseThrow(() -> unread(file, head));
        ModelFormat.Options options = new ModelFormat.Options(inputName, outputName);
        if (options.namesGiven() && !format.takesNames()) {
            throw new CommandException(ExitCode.USAGE, "--input and --output name ONNX inputs and outputs; " + file
                    + " is a " + format.name());
        }
        ModelFormat.Loaded loaded;
        try {
            loaded = format.load(file, options);
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCode.MODEL, "--model " + file + ": " + e.getMessage(), e);
        }
        return new LoadedModel(loaded.model(), loaded.description(), loaded.fingerprint());
    }

    /** No format reads the file: name the formats there are, and the jar a DL4J zip needs. */
    private static CommandException unread(Path file, byte[] head) {
        List<ModelFormat> formats = ModelFormat.available();
        String names = formats.isEmpty() ? "none" : formats.stream().map(Object::toString)
                .collect(Collectors.joining(", "));
        boolean zip = head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        return new CommandException(ExitCode.MODEL, "--model " + file + ": no model format on the class path reads it "
                + "(formats here: " + names + ")" + (zip ? "; it is a zip: DL4J model zips need segshap-dl4j.jar on "
                + "the class path" : ""));
    }

    /**
     * Checks that the model takes images of {@code shape} ({@link Model#inputSpec}): the channel
     * count must be the model's; with {@code pad} a size the model does not take is padded to the size
     * it suggests ({@link PaddedModel}, {@link #PAD_MODE}, which records the padding in the
     * provenance), without it that is an error.
     *
     * @param read the layout the images were read in (named when the channels differ)
     */
    public static LoadedModel fit(LoadedModel loaded, ImageShape shape, Layout read, boolean pad,
                                  String imagesOption) {
        return fit(loaded, shape, read, pad, imagesOption, line -> { });
    }

    /**
     * {@link #fit(LoadedModel, ImageShape, Layout, boolean, String)}, telling {@code say} when it pads
     * (e.g. {@code padding 101x101 images to 104x104 (mirror) for the model; outputs cropped back}).
     */
    public static LoadedModel fit(LoadedModel loaded, ImageShape shape, Layout read, boolean pad,
                                  String imagesOption, Consumer<String> say) {
        Model model = loaded.model();
        InputSpec declared = model.inputSpec();
        OptionalInt expected = declared.channels();
        if (expected.isPresent() && expected.getAsInt() != shape.channels()) {
            throw new CommandException(ExitCode.MODEL, "the model (" + loaded.description() + ") takes "
                    + expected.getAsInt() + " channels but the images (" + imagesOption + ") have " + shape.channels()
                    + "; check --layout (the images were read as " + read.label() + ", the model takes "
                    + declared.layout().label() + ")");
        }
        ImageShape padded;
        try {
            if (pad) {
                padded = model.inputSpec(shape).suggestedShape(shape);
            } else {
                model.outputShape(shape);
                padded = shape;
            }
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCode.MODEL, "the model (" + loaded.description() + ") cannot take the images "
                    + shape + ": " + e.getMessage() + (pad ? "" : " (--pad auto pads them to the size it suggests)"), e);
        }
        if (padded.equals(shape)) {
            return loaded;
        }
        say.accept(paddingLine(shape, padded));
        return loaded.with(PaddedModel.to(model, padded.height(), padded.width(), PAD_MODE));
    }

    /** The console line of {@code --pad auto} padding {@code shape} to {@code padded}. */
    public static String paddingLine(ImageShape shape, ImageShape padded) {
        return "padding " + shape.width() + "x" + shape.height() + " images to " + padded.width() + "x"
                + padded.height() + " (" + PAD_MODE.name().toLowerCase(java.util.Locale.ROOT) + ") for the model;"
                + " outputs cropped back";
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(ModelFormat.HEAD_BYTES);
        } catch (IOException e) {
            throw new CommandException(ExitCode.NO_INPUT, "--model " + file + ": cannot read it: " + e.getMessage(), e);
        }
    }
}
