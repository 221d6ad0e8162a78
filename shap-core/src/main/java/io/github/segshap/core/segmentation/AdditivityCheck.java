package io.github.segshap.core.segmentation;

/**
 * Whether every explanation is checked to add up ({@code base + sum of contributions = prediction}),
 * and within what tolerance, as part of {@link ExplanationOptions}. Immutable.
 *
 * @param enabled   whether the check runs
 * @param tolerance tolerance relative to {@code max(1, max |output|)}, at least 0
 */
public record AdditivityCheck(boolean enabled, double tolerance) {
    /** The tolerance by default. */
    public static final double DEFAULT_TOLERANCE = 1e-6;
    /** Checked, tolerance {@value #DEFAULT_TOLERANCE}. */
    public static final AdditivityCheck DEFAULT = new AdditivityCheck(true, DEFAULT_TOLERANCE);

    /** Checks the tolerance. */
    public AdditivityCheck {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("additivity tolerance must be >= 0, got " + tolerance);
        }
    }
}
