package io.github.segshap.command;

import io.github.segshap.core.evaluation.ProgressListener;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Progress of one task (steps out of a known total: samples, images, tiles), as its
 * {@link ProgressMode} says: a bar redrawn on standard error at a console (the progress-bar
 * library), a plain line {@code task: done/total unit[, detail], N s} at most every
 * {@value #LINE_INTERVAL_MILLIS} ms when the output is piped (logs show progress without control
 * characters), or nothing. As a {@link ProgressListener} it shows the model evaluations of the step
 * under way as the detail. Thread-safe.
 */
public final class Progress implements AutoCloseable, IntConsumer, ProgressListener {
    /** Interval of the plain lines when no console is attached. */
    public static final long LINE_INTERVAL_MILLIS = 5000;
    private static final int BAR_INTERVAL_MILLIS = 250;

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
    private String detail = "";
    private boolean closed;

    private Progress(ProgressBar bar, Consumer<String> lines, String task, String unit, long max, long intervalMillis,
                     LongSupplier clock) {
        this.bar = bar;
        this.lines = lines;
        this.task = Objects.requireNonNull(task, "task");
        this.unit = Objects.requireNonNull(unit, "unit");
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
     * @return the task's progress; close it when the task ends
     */
    public static Progress start(ProgressMode mode, String task, String unit, long max, Consumer<String> lines) {
        Objects.requireNonNull(mode, "mode");
        return switch (mode) {
            case BARS -> new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(" " + unit, 1)
                    .setUpdateIntervalMillis(BAR_INTERVAL_MILLIS).setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .continuousUpdate().build(), null, task, unit, max, 0, System::currentTimeMillis);
            case LINES -> lines(task, unit, max, lines, LINE_INTERVAL_MILLIS, System::currentTimeMillis);
            case OFF -> new Progress(null, null, task, unit, max, 0, System::currentTimeMillis);
        };
    }

    /**
     * Plain lines at most every {@code intervalMillis} of {@code clock} (tests pass their own clock).
     *
     * @param out receives the lines
     * @return the task's progress
     */
    public static Progress lines(String task, String unit, long max, Consumer<String> out, long intervalMillis,
                                 LongSupplier clock) {
        return new Progress(null, Objects.requireNonNull(out, "out"), task, unit, max, intervalMillis, clock);
    }

    /** Adds {@code steps} done. */
    @Override
    public void accept(int steps) {
        if (bar != null) {
            bar.stepBy(steps);
        } else if (lines != null) {
            update(done + steps, null);
        }
    }

    /** Sets the steps done so far (e.g. the ones a resumed run skips). */
    public void stepTo(long steps) {
        if (bar != null) {
            bar.stepTo(steps);
        } else if (lines != null) {
            update(steps, null);
        }
    }

    /** Shows the model evaluations of the step under way ({@code batch done/total evaluations}). */
    @Override
    public void onProgress(long evaluations, long total, String what) {
        String text = total > 0 ? String.format(Locale.ROOT, "batch %d/%d evaluations", evaluations, total) : "";
        if (bar != null) {
            bar.setExtraMessage(text);
        } else if (lines != null) {
            update(-1, text);
        }
    }

    private synchronized void update(long steps, String newDetail) {
        if (steps >= 0) {
            done = steps;
        }
        if (newDetail != null) {
            detail = newDetail;
        }
        long now = clock.getAsLong();
        if (now - last >= interval) {
            last = now;
            lines.accept(String.format(Locale.ROOT, "%s: %d/%d %s%s, %.0f s", task, done, max, unit,
                    detail.isEmpty() ? "" : ", " + detail, (now - start) / 1000.0));
        }
    }

    /** Ends the bar (at a console); nothing more is shown. */
    @Override
    public synchronized void close() {
        if (bar != null && !closed) {
            bar.close();
            closed = true;
        }
    }
}
