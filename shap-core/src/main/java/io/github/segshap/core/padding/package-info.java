/**
 * Padding images to a size a model can take and cropping its outputs back:
 * {@link io.github.segshap.core.padding.Padding} (one immutable centred pad, for {@code Image}s,
 * NCHW {@code float[]} and {@code double[]} planes) and
 * {@link io.github.segshap.core.padding.BoundaryMode} (what lies beyond an edge, with the SciPy
 * {@code ndimage} and NumPy {@code pad} names of each mode). The model decorator that applies a
 * padding to every batch is {@link io.github.segshap.core.model.PaddedModel}.
 */
package io.github.segshap.core.padding;
