/**
 * The data pipeline as one call: {@link io.github.segshap.salt.pipeline.DataPipeline} reads the
 * TGS data (or writes and reads the synthetic default), splits it, resamples it
 * ({@link io.github.segshap.salt.pipeline.ResolutionMode}), computes the four attribute channels,
 * handles NaN ({@link io.github.segshap.salt.pipeline.NanPolicy}), fits and applies the
 * Yeo-Johnson transform on the training pixels, caches the result and returns it as
 * {@link io.github.segshap.salt.pipeline.PreparedData} (one
 * {@link io.github.segshap.salt.pipeline.SplitData} per split).
 */
package io.github.segshap.salt.pipeline;
