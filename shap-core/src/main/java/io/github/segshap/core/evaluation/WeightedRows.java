package io.github.segshap.core.evaluation;

/**
 * The loops that turn model outputs into coalition values: weighted rows of K outputs set or
 * added into a coalition's value, one or two images at a time. Two rows in one pass compute
 * {@code v = (v + w y) + u z} with the operations of two passes in the same order, so the values do
 * not depend on how the rows are grouped.
 *
 * <p>Each loop reports whether a value it wrote is infinite or NaN. An infinite or NaN output
 * always makes the value so (weights are finite: {@code 0 x Inf} is NaN), so checking the values
 * finds every such output with one test per value instead of one per output; a report can also
 * come from finite outputs whose weighted sum overflows, which the caller tells apart by looking
 * at the outputs.
 */
final class WeightedRows {
    private WeightedRows() {
    }

    /**
     * {@code v = w y} or, when {@code add}, {@code v += w y}, y the {@code k} outputs at {@code offset}.
     *
     * @return negative when a value written is infinite or NaN, so always when an output is
     */
    static long one(double[] out, int offset, double w, double[] v, int k, boolean add) {
        long exponents = 0;
        for (int x = 0; x < k; x++) {
            double y = w * out[offset + x];
            // the test is the same in every iteration, so the compiler takes it out of the loop
            double s = add ? v[x] + y : y;
            v[x] = s;
            exponents |= notFiniteBit(s);
        }
        return exponents;
    }

    /**
     * {@code v = w y + u z} or, when {@code add}, {@code v = (v + w y) + u z}, z the {@code k}
     * outputs after y: {@link #one} twice in one pass.
     */
    static long two(double[] out, int offset, double w, double u, double[] v, int k, boolean add) {
        long exponents = 0;
        int next = offset + k;
        for (int x = 0; x < k; x++) {
            double y = w * out[offset + x];
            double z = u * out[next + x];
            double s = (add ? v[x] + y : y) + z;
            v[x] = s;
            exponents |= notFiniteBit(s);
        }
        return exponents;
    }

    /**
     * The sign bit set exactly when {@code y} is infinite or NaN (its exponent field all ones, so
     * adding one to the field carries into the sign); branch-free, so the loops stay vectorised.
     */
    private static long notFiniteBit(double y) {
        return (Double.doubleToRawLongBits(y) & 0x7FF0_0000_0000_0000L) + 0x0010_0000_0000_0000L;
    }

    /** The first output of the {@code k} at {@code offset} that is infinite or NaN, or -1. */
    static int firstNotFinite(double[] out, int offset, int k) {
        for (int x = 0; x < k; x++) {
            if (!Double.isFinite(out[offset + x])) {
                return x;
            }
        }
        return -1;
    }
}
