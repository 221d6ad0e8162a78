package io.github.segshap.cli.run;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Where a command's time went: the wall-clock seconds of each step, in the order the steps ran
 * (the timings concept of the salt command's stages, {@code timings.json}), printed as one line
 * {@code time: explain 2.1 s, write 0.2 s, report 0.4 s}. Not thread-safe; one per run.
 */
public final class Timings {
    /** How the line starts. */
    public static final String PREFIX = "time: ";
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    /**
     * Adds {@code seconds} to {@code step} (a step added again keeps its first place).
     *
     * @throws IllegalArgumentException when the seconds are negative or not finite
     */
    public Timings add(String step, double seconds) {
        Objects.requireNonNull(step, "step");
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("the time of step '" + step + "' must be finite and >= 0, got "
                    + seconds);
        }
        this.seconds.merge(step, seconds, Double::sum);
        return this;
    }

    /** Adds the seconds since {@code startNanos} ({@link System#nanoTime()}) to {@code step}. */
    public Timings since(String step, long startNanos) {
        return add(step, Math.max(0, System.nanoTime() - startNanos) / 1e9);
    }

    /** The steps and their seconds, in order (a copy). */
    public Map<String, Double> seconds() {
        return new LinkedHashMap<>(seconds);
    }

    /** The one line: {@code time: explain 2.1 s, write 0.2 s, report 0.4 s} (one decimal). */
    public String line() {
        StringJoiner j = new StringJoiner(", ", PREFIX, "");
        seconds.forEach((step, s) -> j.add(String.format(Locale.ROOT, "%s %.1f s", step, s)));
        return j.toString();
    }

    @Override
    public String toString() {
        return line();
    }
}
