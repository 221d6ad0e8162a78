package io.github.segshap.salt.prepare;

import java.util.function.IntConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** A progress bar on standard error, or nothing when bars are off. Thread-safe. */
final class Progress implements AutoCloseable, IntConsumer {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress start(boolean enabled, String task, long max) {
        if (!enabled) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                .setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .continuousUpdate().build());
    }

    @Override
    public void accept(int steps) {
        if (bar != null) {
            bar.stepBy(steps);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
