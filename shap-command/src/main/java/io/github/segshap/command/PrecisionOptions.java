package io.github.segshap.command;

import io.github.segshap.core.provenance.Precision;
import picocli.CommandLine.Option;

/**
 * The {@code --precision} and {@code --precision-check} options of both programs' explain
 * commands (a picocli mixin): the arithmetic of the model's passes, and with {@code int8} the
 * number of held-out images its error against float32 is measured on.
 */
public final class PrecisionOptions {
    @Option(names = "--precision", paramLabel = "float32|int8",
            description = "float32 (default): the model as it is. int8: a static int8 copy of the ONNX model, "
                    + "calibrated on the background rows, about 2x faster on CPUs with VNNI; its error against the "
                    + "float32 explanation is measured on --precision-check held-out images and recorded in the "
                    + "provenance and the report. The predictions explained are then the int8 model's.")
    String precision = Precision.FLOAT32.label();

    @Option(names = "--precision-check", paramLabel = "N",
            description = "With --precision int8: held-out images (not background rows) explained both ways to measure "
                    + "the error (default: ${DEFAULT-VALUE}).")
    int heldOut = Precision.DEFAULT_HELD_OUT_IMAGES;

    /** The precision asked for; a label other than float32 or int8 is a {@link ExitCode#USAGE} error. */
    public Precision precision() {
        try {
            return Precision.of(precision);
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCode.USAGE, "--" + e.getMessage());
        }
    }

    /** The held-out images to measure the int8 error on; fewer than 1 is a {@link ExitCode#USAGE} error. */
    public int heldOut() {
        if (heldOut < 1) {
            throw new CommandException(ExitCode.USAGE, "--precision-check must be at least 1, got " + heldOut);
        }
        return heldOut;
    }
}
