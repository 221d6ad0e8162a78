package io.github.segshap.command;

/** How {@link Progress} is shown. */
public enum ProgressMode {
    /** A bar on standard error, redrawn in place (a console is attached). */
    BARS,
    /** A plain line every {@link Progress#LINE_INTERVAL_MILLIS} ms (output piped or redirected). */
    LINES,
    /** Nothing ({@code --no-progress}). */
    OFF;

    /** {@link #BARS} when a console is attached ({@code System.console() != null}), {@link #LINES} otherwise. */
    public static ProgressMode automatic() {
        return System.console() != null ? BARS : LINES;
    }
}
