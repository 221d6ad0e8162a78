/**
 * Whole sections explained by overlapping tiles: a section {@code [C, H, W]} larger than the
 * model's input is cut into tiles ({@link io.github.segshap.core.sections.TileGrid}: tile size,
 * stride, the last row and column aligned to the section's edge), each tile is explained by the
 * {@link io.github.segshap.core.segmentation.ImageExplainer} facade, and the tiles' maps are
 * blended with fixed separable weights ({@link io.github.segshap.core.sections.Taper}) into one
 * explanation of the whole section ({@link io.github.segshap.core.sections.SectionExplainer}).
 * Blending is linear, so base + contributions = the blended prediction at every sample. Tiles are
 * streamed in batches (memory bounded by the tiles in flight) and, given a folder, saved batch by
 * batch so an interrupted run resumes tile by tile.
 */
package io.github.segshap.core.sections;
