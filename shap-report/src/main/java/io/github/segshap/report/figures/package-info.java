/**
 * The figure kinds, one class each, drawn from {@link io.github.segshap.report.figures.LabelledExplanations}
 * (explanations plus optional true masks) with shared {@link io.github.segshap.report.figures.FigureOptions}:
 * {@link io.github.segshap.report.figures.ExpectedValuesFigure},
 * {@link io.github.segshap.report.figures.SamplePanelFigure} (inputs, prediction and contribution maps of
 * one image), {@link io.github.segshap.report.figures.AdditiveStripFigure},
 * {@link io.github.segshap.report.figures.GlobalByChannelFigure} and
 * {@link io.github.segshap.report.figures.GlobalCombinedFigure} (input value against contribution),
 * {@link io.github.segshap.report.figures.MeanAbsContributionFigure} and
 * {@link io.github.segshap.report.figures.TrainingCurvesFigure}. Each returns a {@code BufferedImage};
 * every statistic shown comes from the core result type
 * ({@link io.github.segshap.core.explanation.Explanations#cohort},
 * {@link io.github.segshap.core.explanation.InputContributions}).
 */
package io.github.segshap.report.figures;
