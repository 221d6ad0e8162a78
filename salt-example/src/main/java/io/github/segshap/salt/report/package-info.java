/**
 * Figures and the HTML report of the salt example, from plain arrays so they do not depend on the
 * model or explainer classes.
 *
 * <ul>
 *   <li>{@link io.github.segshap.salt.report.ExplainedSample}: one explained image (inputs, truth,
 *       prediction, base values, per-channel contributions) as an immutable value;</li>
 *   <li>{@link io.github.segshap.salt.report.Figures}: the original study's figures rebuilt with
 *       JFreeChart heat maps and scatter plots - expected values, the 2 x N sample panel, the
 *       additive strip, the global analysis - plus a mean-|contribution| bar chart and training
 *       curves; each returns a {@code BufferedImage} and {@link io.github.segshap.salt.report.Figures#writePng}
 *       saves it;</li>
 *   <li>{@link io.github.segshap.salt.report.ColorMap}: viridis, grey and a blue-white-red diverging
 *       map as JFreeChart {@code PaintScale}s;</li>
 *   <li>{@link io.github.segshap.salt.report.HtmlReport}: one self-contained {@code report.html}
 *       with embedded PNGs, tables, parameters, timings and reading notes.</li>
 * </ul>
 * Rendering is headless: the classes set {@code java.awt.headless=true} if nothing set it before.
 */
package io.github.segshap.salt.report;
