package io.github.segshap.salt.prepare;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The duration of each step of a {@link DataPipeline} run: logged at INFO as it ends, and summed up
 * in one line for the cache manifest (folders left out of the step names).
 */
final class Stopwatch {
    /** The pipeline's log. */
    private static final Logger LOG = LoggerFactory.getLogger(DataPipeline.class);
    private long last = System.nanoTime();
    private final StringBuilder summary = new StringBuilder();

    /** Ends the step {@code step}, which started when the previous one ended (or at construction). */
    void lap(String step) {
        long now = System.nanoTime();
        long ms = (now - last) / 1_000_000;
        last = now;
        LOG.info("{} ms  {}", ms, step);
        if (summary.length() > 0) {
            summary.append("; ");
        }
        summary.append(step.replaceAll(" /.*", "").replaceAll(" \\S*/\\S*", "")).append(' ').append(ms)
                .append(" ms");
    }

    /** Every step so far with its duration, separated by {@code "; "}. */
    String summary() {
        return summary.toString();
    }
}
