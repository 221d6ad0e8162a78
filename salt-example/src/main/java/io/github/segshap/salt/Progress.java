package io.github.segshap.salt;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Progress of one task of the salt study (steps out of a known total), as its {@link Mode} says: a
 * bar redrawn on standard error at a console, a plain line every {@value #LINE_INTERVAL_MILLIS} ms
 * when the output is piped (so logs show progress without control characters, as shap-cli's
 * {@code ConsoleProgress} does for the {@code segshap} command), or nothing. Thread-safe.
 */
public final class Progress implements AutoCloseable, IntConsumer {
    /** Interval of the plain lines when no console is attached. */
    public static final long LINE_INTERVAL_MILLIS = 5000;

    /** How progress is shown. */
    public enum Mode {
        /** A bar on standard error, redrawn in place (a console is attached). */
        BARS,
        /** A plain line every {@link #LINE_INTERVAL_MILLIS} ms (output piped or redirected). */
        LINES,
        /** Nothing ({@code --no-progress}). */
        OFF;

        /** {@link #BARS} when a console is attached ({@code System.console() != null}), {@link #LINES} otherwise. */
        public static Mode automatic() {
            return System.console() != null ? BARS : LINES;
        }
    }

    private final ProgressBar bar;
    private final Consumer<String> lines;
    private final String task;
    private final String unit;
    private final long max;
    private final long interval;
    private final LongSupplier clock;
    private final long start;
    private long last;
    private long done;

    private Progress(ProgressBar bar, Consumer<String> lines, String task, String unit, long max, long intervalMillis,
                     LongSupplier clock) {
        this.bar = bar;
        this.lines = lines;
        this.task = task;
        this.unit = unit;
        this.max = max;
        this.interval = intervalMillis;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.last = start;
    }

    /**
     * Starts showing a task.
     *
     * @param mode  how
     * @param task  what is done ("explain", "train epoch 2/6")
     * @param unit  what is counted, plural ("samples")
     * @param max   the total
     * @param lines receives the plain lines, without a line end (the run's console)
     */
    public static Progress start(Mode mode, String task, String unit, long max, Consumer<String> lines) {
        Objects.requireNonNull(mode, "mode");
        return switch (mode) {
            case BARS -> new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                    .setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .continuousUpdate().build(), null, task, unit, max, 0, System::currentTimeMillis);
            case LINES -> lines(task, unit, max, lines, LINE_INTERVAL_MILLIS, System::currentTimeMillis);
            case OFF -> new Progress(null, null, task, unit, max, 0, System::currentTimeMillis);
        };
    }

    /** Plain lines at most every {@code intervalMillis} of {@code clock} (tests pass their own clock). */
    static Progress lines(String task, String unit, long max, Consumer<String> out, long intervalMillis,
                          LongSupplier clock) {
        return new Progress(null, Objects.requireNonNull(out, "out"), task, unit, max, intervalMillis, clock);
    }

    @Override
    public void accept(int steps) {
        if (bar != null) {
            bar.stepBy(steps);
        } else if (lines != null) {
            step(steps);
        }
    }

    private synchronized void step(int steps) {
        done += steps;
        long now = clock.getAsLong();
        if (now - last >= interval) {
            last = now;
            lines.accept(String.format(Locale.ROOT, "%s: %d/%d %s, %.0f s", task, done, max, unit,
                    (now - start) / 1000.0));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
