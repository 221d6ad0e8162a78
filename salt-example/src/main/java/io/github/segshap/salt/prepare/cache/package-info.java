/**
 * The processed-data cache: {@link io.github.segshap.salt.prepare.cache.ProcessedDataCache} stores named
 * arrays as NumPy {@code .npy} files plus text files and a {@code manifest.json} (parameters,
 * versions, input fingerprint, SHA-256 of every file) in one folder per key, written atomically;
 * {@link io.github.segshap.salt.prepare.cache.CacheEntry} is a verified entry read back, and
 * {@link io.github.segshap.salt.prepare.cache.Fingerprints} hashes input files.
 */
package io.github.segshap.salt.prepare.cache;
