package io.github.segshap.salt.workflow;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.github.segshap.command.ProgressMode;
import io.github.segshap.salt.SaltDefaults;
import io.github.segshap.salt.prepare.ResolutionMode;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The options every stage of a salt run takes: where the data and the run folder are, the
 * resolution and the seed, and how the native runtime behaves. Immutable; paths are made absolute.
 *
 * @param data         the TGS data folder ({@code train/images}, {@code train/masks}), or null for the
 *                     synthetic data set generated into the run folder
 * @param out          the run folder (see {@link RunLayout})
 * @param resolution   the resolution mode of the data
 * @param seed         seed of the split, the synthetic data, the weights, the shuffling and the
 *                     background draw
 * @param oneDnn       DL4J's oneDNN layer helpers: true on, false off, null automatic (on when the
 *                     oneDNN build is present)
 * @param threads      nd4j's native CPU threads, pinned whatever the environment says, and the
 *                     threads calling the model in explanations; at least 1 for a run (0 only in
 *                     a {@code parameters.json} of an earlier version, which did not record it)
 * @param progress     how progress is shown: bars at a console, plain lines when piped, or nothing
 *                     (not recorded; {@code OFF} when read back)
 */
public record CommonSettings(@JsonSerialize(using = ToStringSerializer.class) Path data,
                             @JsonSerialize(using = ToStringSerializer.class) Path out,
                             ResolutionMode resolution, long seed, Boolean oneDnn, int threads,
                             @JsonIgnore ProgressMode progress) {
    /** The run folder when none is given. */
    public static final String DEFAULT_OUT = "salt-output";
    /** The resolution when none is given: the original's. */
    public static final ResolutionMode DEFAULT_RESOLUTION = ResolutionMode.SEED;

    /** Checks the values and makes the paths absolute. */
    public CommonSettings {
        data = data == null ? null : data.toAbsolutePath().normalize();
        out = Objects.requireNonNull(out, "out").toAbsolutePath().normalize();
        Objects.requireNonNull(resolution, "resolution");
        progress = progress == null ? ProgressMode.OFF : progress; // not recorded: null when read back
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
    }

    /**
     * The defaults: synthetic data, {@value #DEFAULT_OUT}, seed resolution, the study's seed,
     * {@link SaltDefaults#THREADS} threads.
     */
    public static CommonSettings defaults() {
        return new CommonSettings(null, Path.of(DEFAULT_OUT), DEFAULT_RESOLUTION, SaltDefaults.SEED, null,
                SaltDefaults.THREADS, ProgressMode.automatic());
    }

    /** Whether the run uses the generated synthetic data set. */
    public boolean synthetic() {
        return data == null;
    }

    /** The run folder's files. */
    public RunLayout layout() {
        return new RunLayout(out);
    }
}
