package io.github.segshap.cli.dl4j;

import io.github.segshap.cli.extension.SegshapExtension;

import java.util.List;

/**
 * What segshap-dl4j.jar adds to the {@code segshap} program: the {@code export-onnx} and {@code fit-explainer} subcommands.
 * (DL4J model zips as {@code --model} come from shap-dl4j's model format, found by shap-core's
 * {@code ModelFormat} service loader.)
 */
public final class Dl4jExtension implements SegshapExtension {
    @Override
    public List<Class<?>> subcommands() {
        return List.of(ExportOnnxCommand.class, FitExplainerCommand.class);
    }
}
