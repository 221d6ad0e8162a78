/**
 * The learned explainer: a network fitted on exact explanations that gives every player's
 * contribution maps in one pass ({@link io.github.segshap.core.learned.LearnedExplainer}), projected
 * so that the base value map plus the maps equals the model's prediction at every pixel; the record
 * of how it was fitted ({@link io.github.segshap.core.learned.LearnedRecord}); its error against exact
 * explanations ({@link io.github.segshap.core.learned.LearnedError}); and its folder
 * ({@link io.github.segshap.core.learned.LearnedFolder}). Fitting a network needs a training library
 * and lives outside the core (shap-dl4j's {@code dl4j.learned}).
 */
package io.github.segshap.core.learned;
