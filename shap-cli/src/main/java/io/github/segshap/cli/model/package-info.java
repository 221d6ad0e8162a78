/**
 * Loading the model of {@code --model}: an ONNX file or a DL4J model zip, padded when it suggests a
 * size ({@link io.github.segshap.cli.model.ModelFiles}, {@link io.github.segshap.cli.model.LoadedModel}).
 */
package io.github.segshap.cli.model;
