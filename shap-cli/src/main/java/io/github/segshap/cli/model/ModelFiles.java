package io.github.segshap.cli.model;

import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.cli.input.ImageLayout;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.PaddedModel;
import io.github.segshap.core.padding.BoundaryMode;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.dl4j.model.Dl4jModel;
import io.github.segshap.dl4j.model.Dl4jModels;
import io.github.segshap.onnx.model.OnnxModel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Loads the model of {@code --model}: a DL4J model zip (a file starting with the zip signature) or
 * else an ONNX file, and checks it against the images (channels; the size, padded when
 * {@code --pad auto} and the model suggests a size). Errors are {@link CommandException}s: a missing
 * file is {@link ExitCode#NO_INPUT}; a file that is neither format, an unknown input or output name,
 * a channel count that differs from the images' and a size the model cannot take are
 * {@link ExitCode#MODEL}.
 */
public final class ModelFiles {
    /** How {@code --pad auto} fills the border: NumPy's 'reflect'. */
    public static final BoundaryMode PAD_MODE = BoundaryMode.MIRROR;

    private ModelFiles() {
    }

    /**
     * Loads {@code file}.
     *
     * @param file       an {@code .onnx} file or a DL4J model zip
     * @param inputName  the ONNX input to feed the images to, or {@code null} for the first
     * @param outputName the ONNX output to explain, or {@code null} for the first
     */
    public static LoadedModel load(Path file, String inputName, String outputName) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new CommandException(ExitCode.NO_INPUT, "--model " + file + ": " + (Files.exists(file)
                    ? "not a readable file" : "no such file"));
        }
        String fingerprint = Fingerprint.ofFile(file);
        String name = file.getFileName().toString();
        if (isZip(file)) {
            if (inputName != null || outputName != null) {
                throw new CommandException(ExitCode.USAGE, "--input and --output name ONNX inputs and outputs; " + file
                        + " is a DL4J model zip");
            }
            Dl4jModel m;
            try {
                m = Dl4jModels.loadModel(file);
            } catch (IllegalArgumentException e) {
                throw new CommandException(ExitCode.MODEL, "--model " + file + ": " + e.getMessage(), e);
            }
            ImageLayout layout = m.layout() == Dl4jModel.Layout.NHWC ? ImageLayout.NHWC : ImageLayout.NCHW;
            return new LoadedModel(m, "DL4J model " + name + " (" + m.network().getClass().getSimpleName() + ")",
                    fingerprint, layout, "none", m);
        }
        OnnxModel m;
        try {
            OnnxModel.Builder b = OnnxModel.builder(file);
            if (inputName != null) {
                b.inputName(inputName);
            }
            if (outputName != null) {
                b.outputName(outputName);
            }
            m = b.build();
        } catch (IllegalArgumentException e) {
            boolean onnxName = name.toLowerCase(Locale.ROOT).endsWith(".onnx");
            throw new CommandException(ExitCode.MODEL, "--model " + file + ": " + (onnxName ? "" : "neither a DL4J model "
                    + "zip nor an ONNX model: ") + e.getMessage(), e);
        }
        ImageLayout layout = m.inputLayout() == io.github.segshap.onnx.model.Layout.NHWC ? ImageLayout.NHWC
                : ImageLayout.NCHW;
        return new LoadedModel(m, "ONNX model " + name + " (input '" + m.inputName() + "' "
                + Arrays.toString(m.declaredInputShape()) + " " + layout + ", output '" + m.outputName() + "')",
                fingerprint, layout, "none", m);
    }

    /**
     * Checks that the model takes images of {@code shape}: the channel count must be the model's;
     * with {@code pad} a size the model does not take is padded to the size it suggests
     * ({@link PaddedModel}, {@link #PAD_MODE}) and the padding recorded, without it that is an error.
     */
    public static LoadedModel fit(LoadedModel loaded, ImageShape shape, boolean pad, String imagesOption) {
        int expected = expectedChannels(loaded);
        if (expected > 0 && expected != shape.channels()) {
            throw new CommandException(ExitCode.MODEL, "the model (" + loaded.description() + ") takes " + expected
                    + " channels but the images (" + imagesOption + ") have " + shape.channels()
                    + "; check --layout (the images are read as " + loaded.inputLayout() + ")");
        }
        ImageShape padded;
        try {
            padded = pad ? paddedShape(loaded, shape) : requireCompatible(loaded, shape);
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCode.MODEL, "the model (" + loaded.description() + ") cannot take the images "
                    + shape + ": " + e.getMessage() + (pad ? "" : " (--pad auto pads them to the size it suggests)"), e);
        }
        if (padded.equals(shape)) {
            return loaded;
        }
        String padding = PAD_MODE.name().toLowerCase(Locale.ROOT) + " to " + padded.height() + "x" + padded.width();
        return loaded.with(PaddedModel.to(loaded.model(), padded.height(), padded.width(), PAD_MODE), padding);
    }

    private static int expectedChannels(LoadedModel loaded) {
        if (loaded.resource() instanceof OnnxModel o) {
            return o.expectedChannels();
        }
        if (loaded.resource() instanceof Dl4jModel d) {
            return d.expectedChannels();
        }
        return -1;
    }

    private static ImageShape paddedShape(LoadedModel loaded, ImageShape shape) {
        if (loaded.resource() instanceof OnnxModel o) {
            return o.paddedShape(shape);
        }
        if (loaded.resource() instanceof Dl4jModel d) {
            return d.paddedShape(shape);
        }
        return shape;
    }

    private static ImageShape requireCompatible(LoadedModel loaded, ImageShape shape) {
        if (loaded.resource() instanceof OnnxModel o) {
            o.requireCompatible(shape);
        } else if (loaded.resource() instanceof Dl4jModel d) {
            d.requireCompatible(shape);
        }
        return shape;
    }

    private static boolean isZip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        } catch (IOException e) {
            throw new CommandException(ExitCode.NO_INPUT, "--model " + file + ": cannot read it: " + e.getMessage(), e);
        }
    }
}
