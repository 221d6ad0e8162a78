/**
 * Chart primitives the figures are built from, with JFreeChart: colour maps
 * ({@link io.github.segshap.report.chart.ColorMap}), heat maps drawn like images with colour bars,
 * two-colour legends and mask outlines ({@link io.github.segshap.report.chart.Heatmap}), scatter
 * plots of sampled points with trend lines ({@link io.github.segshap.report.chart.Scatter},
 * {@link io.github.segshap.report.chart.PointSample}), the shared fonts, colours and axis styling
 * ({@link io.github.segshap.report.chart.ChartStyle}), value ranges of a map for colour scales
 * ({@link io.github.segshap.report.chart.MapRange}), charts laid out on a grid into one image
 * ({@link io.github.segshap.report.chart.Grid}) and PNG writing
 * ({@link io.github.segshap.report.chart.Png}).
 *
 * <p>Rendering is headless: {@link io.github.segshap.report.chart.ChartStyle} sets
 * {@code java.awt.headless=true} if nothing set it before.
 */
package io.github.segshap.report.chart;
