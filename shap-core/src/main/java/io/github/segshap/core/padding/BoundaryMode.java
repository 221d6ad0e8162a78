package io.github.segshap.core.padding;

/**
 * What a filter or a padding sees beyond the edge of an axis of length {@code n}. SciPy's
 * {@code ndimage} and NumPy's {@code pad} give the two symmetric modes opposite names ("reflect"
 * means half-sample in SciPy and whole-sample in NumPy), so the constants here are named by what
 * they do and each names both libraries' spelling. Examples are for the axis {@code a b c d}.
 */
public enum BoundaryMode {
    /**
     * Half-sample symmetric, the edge sample repeated: {@code d c b a | a b c d | d c b a}.
     * SciPy {@code ndimage} {@code mode='reflect'}; NumPy {@code pad(mode='symmetric')}.
     */
    SYMMETRIC,
    /**
     * Whole-sample symmetric, the edge sample not repeated: {@code d c b | a b c d | c b a}.
     * SciPy {@code ndimage} {@code mode='mirror'}; NumPy {@code pad(mode='reflect')} (and
     * scikit-image's {@code mode='reflect'}). An axis of length 1 repeats its only sample.
     */
    MIRROR,
    /**
     * The edge sample repeated: {@code a a a | a b c d | d d d}. SciPy {@code ndimage}
     * {@code mode='nearest'}; NumPy {@code pad(mode='edge')}.
     */
    NEAREST,
    /**
     * Zeros beyond the edges: {@code 0 0 0 | a b c d | 0 0 0}. SciPy {@code ndimage}
     * {@code mode='constant', cval=0}; NumPy {@code pad(mode='constant')} (its default).
     */
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
            case SYMMETRIC: {
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
