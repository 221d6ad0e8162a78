package io.github.segshap.salt.preprocess;

/**
 * How a filter sees samples beyond the edge of an axis of length {@code n}. The names are
 * SciPy's {@code ndimage} modes; NumPy's {@code pad} calls the same two symmetric modes differently
 * (see each constant).
 */
public enum BoundaryMode {
    /**
     * SciPy {@code 'reflect'} (half-sample symmetric, the edge sample repeated):
     * {@code d c b a | a b c d | d c b a}. NumPy's {@code pad(mode='symmetric')}.
     */
    REFLECT,
    /**
     * SciPy {@code 'mirror'} (whole-sample symmetric, the edge sample not repeated):
     * {@code d c b | a b c d | c b a}. NumPy's {@code pad(mode='reflect')} and scikit-image's
     * {@code mode='reflect'}. An axis of length 1 repeats its only sample.
     */
    MIRROR,
    /** SciPy {@code 'nearest'}: the edge sample repeated, {@code a a a | a b c d | d d d}. */
    NEAREST,
    /** SciPy {@code 'constant'} with {@code cval = 0}: zeros beyond the edges. */
    ZERO;

    /**
     * The in-range index that stands for index {@code i} of an axis of length {@code n}, or -1
     * when the sample is the constant 0 ({@link #ZERO} outside the axis).
     *
     * @param i any index, possibly negative or {@code >= n}
     * @param n the axis length, at least 1
     */
    public int index(int i, int n) {
        if (i >= 0 && i < n) {
            return i;
        }
        switch (this) {
            case REFLECT: {
                int period = 2 * n;
                int k = Math.floorMod(i, period);
                return k < n ? k : period - 1 - k;
            }
            case MIRROR: {
                if (n == 1) {
                    return 0;
                }
                int period = 2 * n - 2;
                int k = Math.floorMod(i, period);
                return k < n ? k : period - k;
            }
            case NEAREST:
                return i < 0 ? 0 : n - 1;
            case ZERO:
                return -1;
            default:
                throw new IllegalStateException(name());
        }
    }
}
