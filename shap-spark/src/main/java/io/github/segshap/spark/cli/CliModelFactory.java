package io.github.segshap.spark.cli;

import io.github.segshap.cli.model.LoadedModel;
import io.github.segshap.cli.model.ModelFiles;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.Model;
import io.github.segshap.spark.model.ModelFactory;

import java.nio.file.Path;

/**
 * The {@code --model} loader of the command line as a shap-spark {@link ModelFactory}: an ONNX file
 * or a DL4J zip, fitted to the images as {@code segshap explain} fits it (padded when
 * {@code --pad auto} and the model suggests a size). The model's native resources live as long as
 * the executor.
 *
 * @param inputName  the ONNX input, or null for the first
 * @param outputName the ONNX output, or null for the first
 * @param pad        whether {@code --pad auto}
 * @param channels   the images' channels
 * @param height     the images' rows
 * @param width      the images' columns
 */
public record CliModelFactory(String inputName, String outputName, boolean pad, int channels, int height, int width)
        implements ModelFactory {
    private static final long serialVersionUID = 1L;

    /** The factory for images of {@code shape}. */
    public static CliModelFactory of(String inputName, String outputName, boolean pad, ImageShape shape) {
        return new CliModelFactory(inputName, outputName, pad, shape.channels(), shape.height(), shape.width());
    }

    @Override
    public Model create(Path file) {
        LoadedModel loaded = ModelFiles.load(file, inputName, outputName);
        return ModelFiles.fit(loaded, new ImageShape(channels, height, width), loaded.inputLayout(), pad, "--images")
                .model();
    }
}
