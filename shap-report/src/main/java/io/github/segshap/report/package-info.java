/**
 * The report of an explanation folder: {@link io.github.segshap.report.ExplanationReport} draws
 * every figure ({@code figures/*.png}) and one self-contained {@code report.html} from an
 * {@link io.github.segshap.core.io.ExplanationFolder} or
 * {@link io.github.segshap.core.explanation.Explanations}, with optional extras (true masks,
 * {@link io.github.segshap.report.TrainingCurve}s, metrics and other tables, parameters, timings,
 * notes) and returns the files it wrote ({@link io.github.segshap.report.DrawnReport}). Its options
 * and the order of the page live there; each part of the page drawn from the explanations is one
 * package-private {@code ReportSection} (expected values, sample panels, additive strips,
 * interactions, global analysis, contribution tables), drawn through one {@code FigureWriter}.
 *
 * <p>Sub-packages: {@code chart} (chart primitives: heat maps, scatter plots, colour maps, grid
 * layout, PNG writing), {@code figures} (one class per figure kind) and {@code html} (the page
 * builder). Depends on shap-core and JFreeChart only.
 */
package io.github.segshap.report;
