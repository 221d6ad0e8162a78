package io.github.segshap.salt.prepare.data;

/**
 * What the reader does with a single bad sample: an image without a mask or a mask without an
 * image, a corrupt or truncated PNG, a wrong size, a non-grey image or a non-binary mask. Problems
 * with the data set as a whole (a missing folder, no pairs at all) always fail.
 */
public enum BadSamplePolicy {
    /**
     * Stop with a {@link DataFormatException} naming the first bad file (in id order). The
     * default: results on a silently reduced data set are not comparable.
     */
    FAIL,
    /**
     * Leave the sample out and record it as a {@link SkippedSample} (id, file, reason) in
     * {@link SaltDataset#skipped()}; the pipeline logs every skipped sample and saves the list in
     * its manifest.
     */
    SKIP
}
