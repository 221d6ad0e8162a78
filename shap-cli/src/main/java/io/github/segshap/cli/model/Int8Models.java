package io.github.segshap.cli.model;

import io.github.segshap.cli.input.ImageStack;
import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.image.Layout;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.onnx.model.OnnxModel;
import io.github.segshap.onnx.quantize.HeldOutComparison;
import io.github.segshap.onnx.quantize.ReducedPrecision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code segshap explain --precision int8}: the ONNX model of {@code --model} quantized on the
 * background rows ({@link ReducedPrecision#int8}), fitted to the images as the float32 model is, and
 * its error measured on the first {@code --precision-check} images that are not background rows.
 */
public final class Int8Models {
    private Int8Models() {
    }

    /**
     * The int8 model and its record.
     *
     * @param file      the {@code --model} file
     * @param loaded    the float32 model as loaded (not fitted)
     * @param fitted    the float32 model fitted to the images
     * @param read      the layout the images were read in
     * @param padAuto   whether sizes are padded ({@code --pad auto})
     * @param stack     the images
     * @param bg        the background rows
     * @param bgDrawn   whether the background rows were drawn from the images (then they are not held out)
     * @param options   the explanation's options
     * @param heldOut   the number of held-out images
     */
    public static ReducedPrecision int8(Path file, LoadedModel loaded, LoadedModel fitted, Layout read, boolean padAuto,
                                        ImageStack stack, ImageStack bg, boolean bgDrawn, ExplanationOptions options,
                                        int heldOut) {
        if (!(loaded.model() instanceof OnnxModel onnx)) {
            throw new CommandException(ExitCode.USAGE, "--precision int8 quantizes ONNX models; --model " + file
                    + " is " + loaded.description() + " (export it with export-onnx first)");
        }
        ImageShape shape = stack.shape();
        ImageShape network = padAuto ? onnx.inputSpec(shape).suggestedShape(shape) : shape;
        List<Integer> picked;
        try {
            picked = HeldOutComparison.heldOut(stack.ids(), bgDrawn ? Set.copyOf(bg.ids()) : Set.of(), heldOut);
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCode.BAD_INPUT, "--precision int8: " + e.getMessage()
                    + " (give --background FILE or more images)", e);
        }
        List<String> ids = picked.stream().map(stack.ids()::get).toList();
        List<Image> images = picked.stream().map(stack.images()::get).toList();
        try {
            return ReducedPrecision.int8(Files.readAllBytes(file), bg.images(), network, ModelFiles.PAD_MODE,
                    bytes -> ModelFiles.fit(new LoadedModel(OnnxModel.builder(bytes).inputName(onnx.inputName())
                            .outputName(onnx.outputName()).build(), loaded.description() + " in int8",
                            loaded.fingerprint()), shape, read, padAuto, "--images").model(),
                    fitted.model(), options, ids, images);
        } catch (IOException e) {
            throw new CommandException(ExitCode.NO_INPUT, "--model " + file + ": cannot read it: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCode.MODEL, "--precision int8 cannot quantize --model " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
