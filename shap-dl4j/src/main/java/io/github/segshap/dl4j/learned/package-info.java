/**
 * Fitting the learned explainer with DL4J: {@link io.github.segshap.dl4j.learned.ExplainerNetwork},
 * the small convolutional network, and {@link io.github.segshap.dl4j.learned.LearnedFit}, which
 * explains the fitting images exactly with the core engine, trains the network on them, measures the
 * held-out error and saves the explainer's folder (core's
 * {@link io.github.segshap.core.learned.LearnedFolder}).
 */
package io.github.segshap.dl4j.learned;
