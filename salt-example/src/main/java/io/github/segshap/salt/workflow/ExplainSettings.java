package io.github.segshap.salt.workflow;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.core.provenance.Precision;
import io.github.segshap.core.segmentation.BackgroundSource;
import io.github.segshap.core.segmentation.ExplainerKind;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.salt.explain.ExplanationStage;
import io.github.segshap.salt.explain.ModelRuntime;
import io.github.segshap.salt.explain.SampleSelection;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options of the explanation stage ({@code explain}, {@code explain-section}): the one record
 * the command line's mixin fills and {@code parameters.json} records; {@link #options(long)} turns
 * it into shap-core's {@link ExplanationOptions} in one place, and the stage adds only what is
 * salt's own (the test samples, the model runtime, the background rows from the training set). The
 * seed is not here: it is {@link CommonSettings#seed()} ({@code --seed}), the one seed of a run,
 * which draws the background and seeds the sampling explainers.
 *
 * @param samples           which test samples to explain
 * @param explainer         the explainer ({@code auto}: exact for the four channel players)
 * @param background        the background: N training images drawn with the seed, or a {@code .npy}
 *                          file of rows (JSON: its text, e.g. {@code "100"}; files of earlier versions
 *                          recorded a number as {@code background_size})
 * @param threads           threads calling the model, at least 1 (results do not depend on it); the
 *                          command line gives the run's {@code --threads}
 * @param runtime           what runs the network while it is explained (null, as in files of
 *                          earlier versions, reads as {@link #UNRECORDED_RUNTIME}, what ran then;
 *                          their key was {@code engine})
 * @param backgroundSummary rows of the weighted k-means summary the background is replaced by; 0 for
 *                          the whole background
 * @param precision         the arithmetic of the model's passes ({@code --precision}; null, as in files
 *                          of earlier versions, reads as float32); int8 needs the ONNX runtime
 * @param precisionCheck    held-out test images the int8 error is measured on ({@code --precision-check};
 *                          0, as in files of earlier versions, reads as the default)
 */
public record ExplainSettings(@JsonSerialize(using = ToStringSerializer.class)
                              @JsonDeserialize(using = ExplainSettings.SelectionText.class) SampleSelection samples,
                              ExplainerKind explainer,
                              @JsonAlias("background_size") @JsonSerialize(using = ToStringSerializer.class)
                              @JsonDeserialize(using = ExplainSettings.BackgroundText.class) BackgroundSource background,
                              int threads, @JsonAlias("engine") ModelRuntime runtime, int backgroundSummary,
                              Precision precision, int precisionCheck) {
    /** The samples when none are given: nine picks standing in for the original's nine. */
    public static final String DEFAULT_SAMPLES = "original9";
    /**
     * The explainer when none is given: {@code auto}, as segshap's; for the four channel players it
     * is the exact explainer (16 coalitions), recorded as {@code exact} (see {@link #options}).
     */
    public static final ExplainerKind DEFAULT_EXPLAINER = ExplainerKind.AUTO;
    /** Training images in the background when none are given: the original's 100. */
    public static final int DEFAULT_BACKGROUND = ExplanationStage.DEFAULT_BACKGROUND;
    /** The runtime when none is given: {@link ExplanationStage#DEFAULT_RUNTIME}, ONNX Runtime (the faster). */
    public static final ModelRuntime DEFAULT_RUNTIME = ExplanationStage.DEFAULT_RUNTIME;
    /**
     * The runtime of settings recorded without one (files of versions before {@code --runtime}):
     * DL4J, the only runtime then, whatever the default is now.
     */
    public static final ModelRuntime UNRECORDED_RUNTIME = ModelRuntime.DL4J;

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

    /**
     * Checks that a {@code --background FILE} exists.
     *
     * @throws CommandException ({@link ExitCode#NO_INPUT}) naming the missing file
     */
    public static void requireReadable(BackgroundSource background) {
        background.file().filter(f -> !java.nio.file.Files.isRegularFile(f)).ifPresent(f -> {
            throw new CommandException(ExitCode.NO_INPUT, "--background " + f + ": no such file (give a .npy file "
                    + "of background rows, or a number of training images to draw)");
        });
    }

    /** Checks the values. */
    public ExplainSettings {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(explainer, "explainer");
        Objects.requireNonNull(background, "background");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (runtime == null) {
            runtime = UNRECORDED_RUNTIME;
        }
        if (backgroundSummary < 0) {
            throw new IllegalArgumentException("background summary must be 0 (none) or at least 1 row, got "
                    + backgroundSummary);
        }
        if (precision == null) {
            precision = Precision.FLOAT32;
        }
        if (precisionCheck == 0) {
            precisionCheck = Precision.DEFAULT_HELD_OUT_IMAGES;
        }
        if (precisionCheck < 0) {
            throw new IllegalArgumentException("precision check must be at least 1 image, got " + precisionCheck);
        }
        if (precision != Precision.FLOAT32 && runtime != ModelRuntime.ONNX) {
            throw new IllegalArgumentException("--precision " + precision.label() + " runs through ONNX Runtime, not "
                    + runtime.label() + ": use --runtime onnx (the default)");
        }
    }

    /** Settings in float32 precision. */
    public ExplainSettings(SampleSelection samples, ExplainerKind explainer, BackgroundSource background, int threads,
                           ModelRuntime runtime, int backgroundSummary) {
        this(samples, explainer, background, threads, runtime, backgroundSummary, Precision.FLOAT32,
                Precision.DEFAULT_HELD_OUT_IMAGES);
    }

    /** Settings run by the {@link #DEFAULT_RUNTIME default runtime} on the whole background. */
    public ExplainSettings(SampleSelection samples, ExplainerKind explainer, int backgroundSize, int threads) {
        this(samples, explainer, BackgroundSource.drawn(backgroundSize), threads, DEFAULT_RUNTIME, 0);
    }

    /** The defaults, with {@link #defaultThreads()} threads. */
    public static ExplainSettings defaults() {
        return new ExplainSettings(SampleSelection.parse(DEFAULT_SAMPLES), DEFAULT_EXPLAINER, DEFAULT_BACKGROUND,
                defaultThreads());
    }

    /**
     * shap-core's options of these settings: the four channel players ({@link ExplanationStage#PLAYER_NAMES}),
     * the explainer resolved for them ({@code auto} is {@code exact} for four players, and recorded
     * so, as by earlier versions that defaulted to exact: saved samples keep their recipe), the
     * seed of the draw, the summary and the sampling explainers, the threads. The stage gives the
     * background rows.
     *
     * @param seed the run's {@code --seed}
     */
    public ExplanationOptions.Builder options(long seed) {
        ExplanationOptions.Builder b = ExplanationOptions.builder().channelNames(ExplanationStage.PLAYER_NAMES)
                .explainer(explainer.resolve(ExplanationStage.PLAYER_NAMES.size())).seed(seed).backgroundSeed(seed)
                .threads(threads);
        if (backgroundSummary > 0) {
            b.backgroundSummary(backgroundSummary);
        }
        return b;
    }

    /** Threads when none are given: the run's pinned default, {@link io.github.segshap.salt.SaltDefaults#THREADS}. */
    public static int defaultThreads() {
        return io.github.segshap.salt.SaltDefaults.THREADS;
    }

    /** Reads a background from its text or, in files of earlier versions, its number ({@link BackgroundSource#parse}). */
    static final class BackgroundText extends JsonDeserializer<BackgroundSource> {
        @Override
        public BackgroundSource deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return BackgroundSource.parse(p.getValueAsString(), "training image");
        }
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
