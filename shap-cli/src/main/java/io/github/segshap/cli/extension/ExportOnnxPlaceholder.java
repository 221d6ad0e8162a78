package io.github.segshap.cli.extension;

import io.github.segshap.cli.command.ExportOnnxOptions;
import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * {@code segshap export-onnx} in a jar without DL4J (segshap.jar): the same options as the command of
 * {@value Extensions#DL4J_JAR} ({@link ExportOnnxOptions}), but it says to run that jar and exits with
 * {@link ExitCode#MODEL}. Added to the program only when no extension brings the real command.
 */
@Command(name = ExportOnnxOptions.COMMAND, mixinStandardHelpOptions = true,
        description = {"Writes a DL4J model zip as an ONNX model: run it with " + Extensions.DL4J_JAR
                + " (java -jar " + Extensions.DL4J_JAR + " export-onnx ...); this jar reads ONNX models only.", "",
                "Example:", ExportOnnxOptions.EXAMPLE})
public final class ExportOnnxPlaceholder implements Callable<Integer> {
    /** The subcommand's name. */
    public static final String NAME = ExportOnnxOptions.COMMAND;

    @Mixin
    ExportOnnxOptions options;

    @Override
    public Integer call() {
        throw new CommandException(ExitCode.MODEL, NAME + " reads DL4J models, and this jar has no DL4J: run the same "
                + "command with " + Extensions.DL4J_JAR + " (java -jar " + Extensions.DL4J_JAR + " " + NAME + " --model "
                + "... --out ...)");
    }
}
