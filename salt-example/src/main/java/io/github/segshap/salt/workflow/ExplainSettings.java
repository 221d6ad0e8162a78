package io.github.segshap.salt.workflow;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.salt.explain.ExplanationStage;
import io.github.segshap.salt.explain.InferenceEngine;
import io.github.segshap.salt.explain.SampleSelection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options of the explanation stage ({@code explain}). The seed of the background draw is not
 * here: it is {@link CommonSettings#seed()} ({@code --seed}), the one seed of a run, which the
 * explanation stage must use so that {@code --seed} governs the draw as documented.
 *
 * @param samples        which test samples to explain
 * @param explainer      the Shapley estimator
 * @param backgroundSize    training images in the background, at least 1
 * @param threads           threads calling the model, at least 1 (results do not depend on it); the
 *                          command line gives the run's {@code --threads}
 * @param engine            what runs the network while it is explained (null, as in files of
 *                          earlier versions, reads as {@link #DEFAULT_ENGINE})
 * @param backgroundSummary rows of the weighted k-means summary the background is replaced by; 0 for
 *                          the whole background
 */
public record ExplainSettings(@JsonSerialize(using = ToStringSerializer.class)
                              @JsonDeserialize(using = ExplainSettings.SelectionText.class) SampleSelection samples,
                              ExplanationOptions.Method explainer, int backgroundSize, int threads,
                              InferenceEngine engine, int backgroundSummary) {
    /** The samples when none are given: nine picks standing in for the original's nine. */
    public static final String DEFAULT_SAMPLES = "original9";
    /** The estimator when none is given: exact enumeration of the 16 coalitions of the four channels. */
    public static final ExplanationOptions.Method DEFAULT_EXPLAINER = ExplanationOptions.Method.EXACT;
    /** The background size when none is given: the original's. */
    public static final int DEFAULT_BACKGROUND = ExplanationStage.DEFAULT_BACKGROUND;
    /** The engine when none is given: DL4J, the network as trained. */
    public static final InferenceEngine DEFAULT_ENGINE = InferenceEngine.DL4J;

    /**
     * Names used inside {@code explanations/} beside the per-sample folders: a sample id equal to one
     * of them (or one that is not a plain file name) would overwrite them, so {@code --samples} refuses it.
     */
    public static final Set<String> RESERVED_IDS = Set.of("selection.json", "summary.json", "provenance.json",
            ".", "..");

    /**
     * Checks that the ids of a {@code --samples} text can name a folder of their own in
     * {@code explanations/}.
     *
     * @param samples the option's text ({@code original9}, {@code all} or ids separated by commas)
     * @throws CommandException ({@link ExitCode#UNKNOWN_IDS}) naming the first reserved or unusable id
     */
    public static void requireUsableIds(String samples) {
        for (String raw : samples.split(",")) {
            String id = raw.trim();
            boolean reserved = RESERVED_IDS.contains(id.toLowerCase(Locale.ROOT)) || id.startsWith(".")
                    || id.contains("/") || id.contains("\\") || id.indexOf('\0') >= 0;
            if (reserved) {
                throw new CommandException(ExitCode.UNKNOWN_IDS, "--samples id '" + id + "' cannot be a "
                        + "sample: it is a name the run folder uses in explanations/ (" + String.join(", ",
                        new TreeSet<>(RESERVED_IDS)) + ") or not a plain file name");
            }
        }
    }

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
        if (engine == null) {
            engine = DEFAULT_ENGINE;
        }
        if (backgroundSummary < 0) {
            throw new IllegalArgumentException("background summary must be 0 (none) or at least 1 row, got "
                    + backgroundSummary);
        }
    }

    /** Settings run by DL4J on the whole background. */
    public ExplainSettings(SampleSelection samples, ExplanationOptions.Method explainer, int backgroundSize,
                           int threads) {
        this(samples, explainer, backgroundSize, threads, DEFAULT_ENGINE, 0);
    }

    /** The defaults, with {@link #defaultThreads()} threads. */
    public static ExplainSettings defaults() {
        return new ExplainSettings(SampleSelection.parse(DEFAULT_SAMPLES), DEFAULT_EXPLAINER, DEFAULT_BACKGROUND,
                defaultThreads());
    }

    /** Threads when none are given: the run's pinned default, {@link io.github.segshap.salt.SaltDefaults#THREADS}. */
    public static int defaultThreads() {
        return io.github.segshap.salt.SaltDefaults.THREADS;
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
