/**
 * The {@code segshap} program with DL4J (segshap-dl4j.jar): the
 * {@link io.github.segshap.cli.dl4j.ExportOnnxCommand export-onnx} subcommand, added to the program
 * through {@link io.github.segshap.cli.dl4j.Dl4jExtension} (a
 * {@link io.github.segshap.cli.extension.SegshapExtension}); DL4J model zips as {@code --model} come
 * with shap-dl4j's model format. The main class is shap-cli's {@code SegshapCommand}.
 */
package io.github.segshap.cli.dl4j;
