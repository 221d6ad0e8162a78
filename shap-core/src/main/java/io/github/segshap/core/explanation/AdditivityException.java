package io.github.segshap.core.explanation;

/**
 * Thrown when base value + sum of player values differs from the model output by more than the
 * tolerance at some output. Carries the worst output, its residual and the tolerance.
 */
public final class AdditivityException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int outputIndex;
    private final double residual;
    private final double tolerance;

    /**
     * @param outputIndex the flat index of the worst output
     * @param position    its position in the output shape, for the message
     * @param residual    f(x) - base value - sum of values at that output
     * @param tolerance   the tolerance that was exceeded
     */
    public AdditivityException(int outputIndex, String position, double residual, double tolerance) {
        super("additivity fails at output " + outputIndex + " (position " + position + "): f(x) - base value - "
                + "sum of player values = " + residual + ", tolerance " + tolerance);
        this.outputIndex = outputIndex;
        this.residual = residual;
        this.tolerance = tolerance;
    }

    /** The flat index of the worst output. */
    public int outputIndex() {
        return outputIndex;
    }

    /** The residual at the worst output. */
    public double residual() {
        return residual;
    }

    /** The tolerance that was exceeded. */
    public double tolerance() {
        return tolerance;
    }
}
