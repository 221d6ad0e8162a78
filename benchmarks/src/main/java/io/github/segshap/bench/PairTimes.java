package io.github.segshap.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Nanoseconds of the two halves of an interleaved measurement, summed over a JMH iteration and
 * reported as secondary results: a benchmark that explains an image and then replays the same
 * model calls alone adds each half here. Interleaving the two halves inside every operation makes
 * their ratio robust to load that changes during the run (the machine may be shared).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class PairTimes {
    /** Nanoseconds spent explaining (model calls included). */
    public long explainNs;
    /** Nanoseconds spent in the same model calls alone. */
    public long modelNs;
    /** Operations (explanations) in this iteration. */
    public long ops;

    /** Zeroes the counters at the start of each iteration. */
    @Setup(Level.Iteration)
    public void reset() {
        explainNs = 0;
        modelNs = 0;
        ops = 0;
    }
}
