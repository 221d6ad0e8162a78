package io.github.segshap.salt.prepare;

/**
 * What to do with samples whose attributes contain NaN. GST similarity is 0/0 = NaN wherever every
 * gradient in its window is 0, i.e. on constant images (80 of the 4000 TGS tiles) and in perfectly
 * flat regions.
 */
public enum NanPolicy {
    /**
     * Drop the sample from its split, as the original did; the dropped ids are logged and listed
     * per split in {@link PreparedData#droppedForNan()} and in the cache manifest. The default.
     */
    DROP,
    /**
     * Keep the sample and replace each NaN by {@value #FILL_VALUE} before the power transform is
     * fitted: a GST similarity of 0 means "no oriented structure", which is what a flat window has.
     */
    FILL;

    /** The value that replaces NaN under {@link #FILL}. */
    public static final double FILL_VALUE = 0.0;
}
