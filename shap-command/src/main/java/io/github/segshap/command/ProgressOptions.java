package io.github.segshap.command;

import picocli.CommandLine.Option;

/** The {@code --progress} / {@code --no-progress} option of both programs (a picocli mixin). */
public final class ProgressOptions {
    @Option(names = "--progress", negatable = true,
            description = "Progress: --progress draws bars on standard error; --no-progress shows none. Default: bars "
                    + "when a console is attached, otherwise (output piped or redirected) a plain line every "
                    + (Progress.LINE_INTERVAL_MILLIS / 1000) + " s.")
    Boolean progress;

    /** The mode asked for: bars, none, or (not given) {@link ProgressMode#automatic()}. */
    public ProgressMode mode() {
        return progress == null ? ProgressMode.automatic() : progress ? ProgressMode.BARS : ProgressMode.OFF;
    }
}
