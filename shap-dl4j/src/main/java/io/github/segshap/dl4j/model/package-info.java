/**
 * A DL4J {@code ComputationGraph} or {@code MultiLayerNetwork} as a shap-core
 * {@link io.github.segshap.core.model.Model} ({@link io.github.segshap.dl4j.model.Dl4jModel}):
 * input layout, output maps, memory-bounded batches, thread safety, input validation; and loading
 * ModelSerializer zips ({@link io.github.segshap.dl4j.model.Dl4jModels}).
 */
package io.github.segshap.dl4j.model;
