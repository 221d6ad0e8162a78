/**
 * The prepare stage. Sub-packages: {@code data} (reading, checking and generating TGS samples and
 * their split), {@code preprocess} (resampling and the attribute channels, matched to SciPy and
 * bruges), {@code cache} (the processed data, keyed by what it was made from). Here, the data
 * pipeline as one call: {@link io.github.segshap.salt.prepare.DataPipeline} reads the
 * TGS data (or writes and reads the synthetic default), splits it, resamples it
 * ({@link io.github.segshap.salt.prepare.ResolutionMode}), computes the four attribute channels,
 * handles NaN ({@link io.github.segshap.salt.prepare.NanPolicy}), fits and applies the
 * Yeo-Johnson transform on the training pixels, caches the result and returns it as
 * {@link io.github.segshap.salt.prepare.PreparedData} (one
 * {@link io.github.segshap.salt.prepare.SplitData} per split).
 * {@link io.github.segshap.salt.prepare.SectionPreparation} prepares a section of any size as the
 * training tiles were. The pipeline's parts are package-private, one concept each: the cache key,
 * the resampling of a resolution mode, the steps after the split, the cache entry, the step timer.
 */
package io.github.segshap.salt.prepare;
