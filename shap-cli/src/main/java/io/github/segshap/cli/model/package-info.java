/**
 * Loading the model of {@code --model} through the model formats on the class path (ONNX, DL4J
 * model zips: {@link io.github.segshap.core.model.ModelFormat}) and fitting it to the images with
 * its input spec, padded when it suggests a size ({@link io.github.segshap.cli.model.ModelFiles},
 * {@link io.github.segshap.cli.model.LoadedModel}).
 */
package io.github.segshap.cli.model;
