package io.github.segshap.salt.workflow;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.salt.explain.ExplanationStage;
import io.github.segshap.salt.explain.SampleSelection;
import java.util.Objects;

/**
 * The options of the explanation stage ({@code explain}).
 *
 * @param samples        which test samples to explain
 * @param explainer      the Shapley estimator
 * @param backgroundSize training images in the background, at least 1
 * @param threads        threads calling the model, at least 1 (results do not depend on it)
 */
public record ExplainSettings(@JsonSerialize(using = ToStringSerializer.class)
                              @JsonDeserialize(using = ExplainSettings.SelectionText.class) SampleSelection samples,
                              ExplanationOptions.Method explainer, int backgroundSize, int threads) {
    /** The samples when none are given: nine picks standing in for the original's nine. */
    public static final String DEFAULT_SAMPLES = "original9";
    /** The estimator when none is given: exact enumeration of the 16 coalitions of the four channels. */
    public static final ExplanationOptions.Method DEFAULT_EXPLAINER = ExplanationOptions.Method.EXACT;
    /** The background size when none is given: the original's. */
    public static final int DEFAULT_BACKGROUND = ExplanationStage.DEFAULT_BACKGROUND;

    /** Checks the values. */
    public ExplainSettings {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(explainer, "explainer");
        if (backgroundSize < 1) {
            throw new IllegalArgumentException("background size must be at least 1, got " + backgroundSize);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** The defaults, with one thread per processor. */
    public static ExplainSettings defaults() {
        return new ExplainSettings(SampleSelection.parse(DEFAULT_SAMPLES), DEFAULT_EXPLAINER, DEFAULT_BACKGROUND,
                defaultThreads());
    }

    /** Threads when none are given: one per processor. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Reads a selection from its text ({@link SampleSelection#parse}). */
    static final class SelectionText extends FromStringDeserializer<SampleSelection> {
        SelectionText() {
            super(SampleSelection.class);
        }

        @Override
        protected SampleSelection _deserialize(String value, DeserializationContext ctxt) {
            return SampleSelection.parse(value);
        }
    }
}
