/**
 * The images a Spark job explains: {@link io.github.segshap.spark.input.ImageSet} (the ids and how
 * to read each image, listed on the driver) from a {@code .npy} stack, a folder of {@code .npy} or
 * PNG files or a Parquet table; {@link io.github.segshap.spark.input.ImageInput} (one image, read on
 * an executor), {@link io.github.segshap.spark.input.ImageDecoder} and
 * {@link io.github.segshap.spark.input.NpyDecoder} (files to images) and
 * {@link io.github.segshap.spark.input.ImageRows} (images in a serialisable form, e.g. the
 * broadcast background).
 */
package io.github.segshap.spark.input;
