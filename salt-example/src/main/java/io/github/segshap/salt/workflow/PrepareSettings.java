package io.github.segshap.salt.workflow;

import io.github.segshap.salt.prepare.data.BadSamplePolicy;
import io.github.segshap.salt.prepare.data.SyntheticSaltGenerator;
import io.github.segshap.salt.prepare.preprocess.AttributeAxis;
import java.util.Objects;

/**
 * The options of the data stage ({@code prepare}), beyond the {@link CommonSettings}.
 *
 * @param axis             axis of the energy attribute's window (and the GST window's orientation)
 * @param syntheticSamples size of the synthetic data set used without a data folder (at least
 *                         {@value #MIN_SYNTHETIC_SAMPLES})
 * @param badSamples       what reading does with a single bad sample (a damaged PNG, an unpaired
 *                         file): stop, or skip it and name it; records without it read as the default
 */
public record PrepareSettings(AttributeAxis axis, int syntheticSamples, BadSamplePolicy badSamples) {
    /** The axis when none is given: the original's. */
    public static final AttributeAxis DEFAULT_AXIS = AttributeAxis.HORIZONTAL;
    /** The synthetic data set's size when none is given. */
    public static final int DEFAULT_SYNTHETIC_SAMPLES = SyntheticSaltGenerator.DEFAULT_COUNT;
    /** The smallest synthetic data set that still splits into non-empty parts. */
    public static final int MIN_SYNTHETIC_SAMPLES = 20;

    /** What reading does with a bad sample when nothing is said: stop, naming the file. */
    public static final BadSamplePolicy DEFAULT_BAD_SAMPLES = BadSamplePolicy.FAIL;

    /** Checks the values; a missing bad-sample policy (a record of an earlier version) is the default. */
    public PrepareSettings {
        Objects.requireNonNull(axis, "axis");
        badSamples = badSamples == null ? DEFAULT_BAD_SAMPLES : badSamples;
        if (syntheticSamples < MIN_SYNTHETIC_SAMPLES) {
            throw new IllegalArgumentException("the synthetic data set needs at least " + MIN_SYNTHETIC_SAMPLES
                    + " samples, got " + syntheticSamples);
        }
    }

    /** The defaults. */
    public static PrepareSettings defaults() {
        return new PrepareSettings(DEFAULT_AXIS, DEFAULT_SYNTHETIC_SAMPLES, DEFAULT_BAD_SAMPLES);
    }
}
