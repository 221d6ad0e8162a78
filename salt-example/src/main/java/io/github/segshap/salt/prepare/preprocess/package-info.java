/**
 * Pre-processing of seismic images, matched to the Python calls of the original pipeline:
 * {@link io.github.segshap.salt.prepare.preprocess.Resampling} (decimation and scikit-image's anti-aliased
 * {@code resize}), {@link io.github.segshap.salt.prepare.preprocess.Attributes} (the four input
 * channels: seismic, energy, GST similarity, Sobel, along a chosen
 * {@link io.github.segshap.salt.prepare.preprocess.AttributeAxis}),
 * {@link io.github.segshap.salt.prepare.preprocess.Filters} (SciPy {@code ndimage}-style 1-D filters and
 * shap-core's {@link io.github.segshap.core.padding.BoundaryMode}s) and
 * {@link io.github.segshap.salt.prepare.preprocess.YeoJohnson} (scikit-learn's {@code PowerTransformer}).
 * Padding to a network-friendly size and cropping back is shap-core's
 * {@link io.github.segshap.core.padding.Padding}.
 *
 * <p>Images here are {@code double[]} in row-major order ({@code [row * width + column]}, row =
 * depth, top first) with their height and width passed alongside; functions never modify their
 * inputs and return new arrays.
 */
package io.github.segshap.salt.prepare.preprocess;
