/**
 * The TGS salt data as files: {@link io.github.segshap.salt.prepare.data.SaltDatasetReader} reads the
 * Kaggle layout ({@code train/images/<id>.png}, {@code train/masks/<id>.png}, optional
 * {@code depths.csv} when asked) into a {@link io.github.segshap.salt.prepare.data.SaltDataset} of
 * {@link io.github.segshap.salt.prepare.data.SaltSample}s, checking every file and reporting skipped
 * samples ({@link io.github.segshap.salt.prepare.data.SkippedSample},
 * {@link io.github.segshap.salt.prepare.data.BadSamplePolicy});
 * {@link io.github.segshap.salt.prepare.data.DataFiles} is the one definition of which files are data
 * (for the reader and the data fingerprint alike);
 * {@link io.github.segshap.salt.prepare.data.DatasetSplit} makes the reproducible train / validation /
 * test split; {@link io.github.segshap.salt.prepare.data.SyntheticSaltGenerator} writes a small salt-like
 * data set in the same layout for machines without the real data, and
 * {@link io.github.segshap.salt.prepare.data.SyntheticSection} a whole synthetic section of several tiles.
 */
package io.github.segshap.salt.prepare.data;
