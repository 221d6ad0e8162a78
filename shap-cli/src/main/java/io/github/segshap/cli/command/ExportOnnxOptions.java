package io.github.segshap.cli.command;

import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The options of {@code segshap export-onnx} (a picocli mixin), declared once for the command in
 * segshap-dl4j.jar and for its stand-in in segshap.jar, so both jars show and accept the same flags.
 */
public final class ExportOnnxOptions {
    /** The subcommand's name. */
    public static final String COMMAND = "export-onnx";
    /** The help text's example. */
    public static final String EXAMPLE = "  segshap export-onnx --model out/model.zip --out unet.onnx --height 101 --width 101";

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model: a DL4J model zip.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "FILE.onnx", description = "The ONNX file to write.")
    Path out;

    @Option(names = "--height", paramLabel = "H", description = "Fixed input height (default: dynamic).")
    Integer height;

    @Option(names = "--width", paramLabel = "W", description = "Fixed input width (default: dynamic).")
    Integer width;

    /** The DL4J model zip, checked to exist. */
    public Path model() {
        if (!Files.isRegularFile(model)) {
            throw new CommandException(ExitCode.NO_INPUT, "--model " + model + ": no such file");
        }
        return model;
    }

    /** The ONNX file to write. */
    public Path out() {
        return out;
    }

    /** Whether {@code --height} and {@code --width} fix the input size (checked: both positive, or neither). */
    public boolean fixedSize() {
        if ((height == null) != (width == null) || (height != null && (height < 1 || width < 1))) {
            throw new CommandException(ExitCode.USAGE, "give both --height and --width (positive), or neither");
        }
        return height != null;
    }

    /** {@code --height}; only with {@link #fixedSize()}. */
    public int height() {
        return height;
    }

    /** {@code --width}; only with {@link #fixedSize()}. */
    public int width() {
        return width;
    }
}
