package io.github.segshap.cli.dl4j;

import io.github.segshap.cli.command.ExportOnnxOptions;
import io.github.segshap.cli.command.SegshapContext;
import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.dl4j.model.Dl4jModel;
import io.github.segshap.dl4j.model.Dl4jModels;
import io.github.segshap.export.OnnxExport;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code segshap export-onnx}: writes a DL4J U-Net (ComputationGraph zip) as an ONNX model
 * ({@link OnnxExport}). Added to the program by {@link Dl4jExtension}; its options are shap-cli's
 * {@link ExportOnnxOptions}, which segshap.jar's stand-in shares.
 */
@Command(name = ExportOnnxOptions.COMMAND, mixinStandardHelpOptions = true,
        description = {"Writes a DL4J model zip (a ComputationGraph such as the salt example's U-Net) as an ONNX "
                + "model with a dynamic batch axis, runnable by ONNX Runtime (Java, Python) and by segshap explain.",
                "", "Example:", ExportOnnxOptions.EXAMPLE})
public final class ExportOnnxCommand implements Callable<Integer> {
    /** The side of the probe images when the size is left dynamic. */
    public static final int DYNAMIC_PROBE = 128;

    private final SegshapContext context;

    /** @param context the program's console and model hook */
    public ExportOnnxCommand(SegshapContext context) {
        this.context = context;
    }

    @Mixin
    ExportOnnxOptions options;

    @Override
    public Integer call() {
        boolean fixed = options.fixedSize();
        Path model = options.model();
        Path out = options.out();
        NeuralNetwork net;
        try {
            net = Dl4jModels.load(model);
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCode.MODEL, "--model " + model + ": " + e.getMessage(), e);
        }
        if (!(net instanceof ComputationGraph graph)) {
            throw new CommandException(ExitCode.MODEL, "--model " + model + " is a " + net.getClass().getSimpleName()
                    + "; the export takes a ComputationGraph (e.g. the salt example's U-Net)");
        }
        int channels;
        try (Dl4jModel m = Dl4jModel.of(graph)) {
            channels = m.inputSpec().channels().orElse(-1);
        }
        if (channels < 1) {
            throw new CommandException(ExitCode.MODEL, "--model " + model + ": cannot read its input channel count");
        }
        ImageShape shape = new ImageShape(channels, fixed ? options.height() : DYNAMIC_PROBE,
                fixed ? options.width() : DYNAMIC_PROBE);
        try {
            OnnxExport.write(graph, shape, fixed ? OnnxExport.Size.FIXED : OnnxExport.Size.DYNAMIC, out);
        } catch (UncheckedIOException e) {
            throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "cannot write " + out + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCode.MODEL, "cannot export " + model + ": " + e.getMessage(), e);
        }
        context.console().println("onnx model    " + out.toAbsolutePath().normalize() + " (" + shape.channels()
                + " channels, " + (fixed ? options.height() + "x" + options.width() : "dynamic size") + ")");
        return 0;
    }
}
