/**
 * A DL4J {@code ComputationGraph} or {@code MultiLayerNetwork} as a shap-core
 * {@link io.github.segshap.core.model.Model}, and loading ModelSerializer zips
 * ({@link io.github.segshap.dl4j.model.Dl4jModels}, found by front ends as the
 * {@link io.github.segshap.core.model.ModelFormat} {@link io.github.segshap.dl4j.model.Dl4jModelFormat}).
 *
 * <p>{@link io.github.segshap.dl4j.model.Dl4jModel} is the adapter: it runs the network, owns the
 * one memory budget of a call, says what it takes ({@link io.github.segshap.core.model.InputSpec})
 * and closes the copies it made. It delegates each concern to
 * a package-private part:
 * <ul>
 *   <li>{@code InputProbe}: what input the network takes (probe passes, output shape, memory per
 *       image) and the {@link io.github.segshap.core.model.IncompatibleInputException} naming the
 *       size to pad to;</li>
 *   <li>{@code ReplicaPool}: the network and its copies for concurrent calls, freed on close;</li>
 *   <li>{@code LayoutConverter}: NCHW/NHWC detection, inputs in the network's type and channels-last output maps
 *       back to channels first;</li>
 *   <li>{@code Networks}: the one switch between graph and multi-layer network.</li>
 * </ul>
 */
package io.github.segshap.dl4j.model;
