/**
 * The interactive viewer: one self-contained {@code viewer.html} beside {@code report.html}
 * (script, style and data inlined; no server, no network) in which a reader chooses an image,
 * points at an output pixel and reads its additive breakdown (base value, each player, prediction,
 * truth) and, when the folder has them, its M x M interaction matrix. {@link
 * io.github.segshap.report.viewer.InteractiveViewer} writes it from an explanation folder or from
 * {@link io.github.segshap.report.figures.LabelledExplanations}; the page's script and style are
 * resource files of this package.
 */
package io.github.segshap.report.viewer;
