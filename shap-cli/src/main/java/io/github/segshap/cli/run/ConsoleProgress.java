package io.github.segshap.cli.run;

import io.github.segshap.core.evaluation.ProgressListener;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of an explanation on a console: on a terminal one line redrawn in place (a bar, images
 * done, model evaluations of the current batch, elapsed time) at most every 250 ms; when the
 * output is piped or redirected, a plain line every {@link #PIPED_INTERVAL_MILLIS} ms instead, so
 * logs show progress without control characters. Used from one thread at a time (the explainers
 * report from the calling thread).
 */
public final class ConsoleProgress implements ProgressListener {
    /** Interval of the plain lines printed when not on a terminal. */
    public static final long PIPED_INTERVAL_MILLIS = 5000;
    private static final long TERMINAL_INTERVAL_MILLIS = 250;
    private static final int BAR = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final long interval;
    private final LongSupplier clock;
    private final long start;
    private long last;
    private int imagesDone;
    private int imagesTotal;
    private boolean drawn;

    /**
     * @param out      where the progress goes
     * @param terminal whether {@code out} is a terminal (redraw in place) or piped (plain lines)
     */
    public ConsoleProgress(PrintStream out, boolean terminal) {
        this(out, terminal, terminal ? TERMINAL_INTERVAL_MILLIS : PIPED_INTERVAL_MILLIS, System::currentTimeMillis);
    }

    ConsoleProgress(PrintStream out, boolean terminal, long intervalMillis, LongSupplier clock) {
        this.out = out;
        this.terminal = terminal;
        this.interval = intervalMillis;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.last = start;
    }

    /** Whether the process's console is a terminal (standard output not piped). */
    public static boolean onTerminal() {
        return System.console() != null;
    }

    /** Sets the images done so far and the total, and shows them. */
    public void images(int done, int total) {
        this.imagesDone = done;
        this.imagesTotal = total;
        show(0, 0, true);
    }

    @Override
    public void onProgress(long done, long total, String what) {
        show(done, total, false);
    }

    private void show(long done, long total, boolean force) {
        long now = clock.getAsLong();
        if (!force && now - last < interval) {
            return;
        }
        last = now;
        double seconds = (now - start) / 1000.0;
        String evals = total > 0 ? String.format(Locale.ROOT, ", batch %d/%d evaluations", done, total) : "";
        String text = String.format(Locale.ROOT, "%d/%d images%s, %.0f s", imagesDone, imagesTotal, evals, seconds);
        if (terminal) {
            int filled = imagesTotal == 0 ? 0 : (int) ((long) BAR * imagesDone / imagesTotal);
            out.print("\r[" + "#".repeat(filled) + " ".repeat(BAR - filled) + "] " + text + "   ");
            drawn = true;
        } else {
            out.println("explain: " + text);
        }
        out.flush();
    }

    /** Ends the redrawn line (on a terminal); call before printing anything else. */
    public void finish() {
        if (terminal && drawn) {
            out.println();
            drawn = false;
        }
    }
}
