package io.github.segshap.bench;

import io.github.segshap.core.explainers.ExactExplainer;
import io.github.segshap.core.explainers.Explainer;
import io.github.segshap.core.explainers.PermutationExplainer;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.masking.BackgroundMasker;
import io.github.segshap.core.players.Players;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Heap while explaining one 4 x 101 x 101 image (K = 101 x 101 outputs, the cheap model of
 * {@link ExplainOverheadBenchmark}) with 16 against 256 background rows. Goal: flat, apart from the
 * background itself.
 *
 * <p>The fork runs with a small heap ({@value #XMX}): the 256-row case must not fail. Per iteration
 * the heap pools' peak usage is reset after a full GC, and {@link Peak#peakHeapMiB} reports the
 * sum of the heap pools' peaks (an upper bound of the footprint: garbage not yet collected counts
 * too); {@link Peak#backgroundMiB} is the background's own size. The report also runs this class
 * with JMH's GC profiler for {@code gc.alloc.rate.norm}, the bytes allocated per explanation.
 * Cases: Exact with 4 channel players, Permutation with 16 players (channels x 2 x 2 patches,
 * {@value ExplainOverheadBenchmark#PAIRS} pairs). One explainer thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = MemoryBenchmark.XMX)
public class MemoryBenchmark {
    /** The heap limit of the fork. */
    public static final String XMX = "-Xmx320m";

    /** Background rows. */
    @Param({"16", "256"})
    public int rows;

    /** Explainer and player count, {@code method/M}. */
    @Param({"exact/4", "permutation/16"})
    public String method;

    private Explainer explainer;
    private Image image;
    private double backgroundMiB;

    /** Peak heap of an iteration, in MiB, reported as secondary results. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Peak {
        /** Sum of the heap pools' peak usage during the iteration. */
        public double peakHeapMiB;
        /** The background rows' values. */
        public double backgroundMiB;

        /** Full GC, then resets the pools' peaks. */
        @Setup(Level.Iteration)
        public void reset() {
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    pool.resetPeakUsage();
                }
            }
            peakHeapMiB = 0;
        }

        void sample() {
            long sum = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    sum += pool.getPeakUsage().getUsed();
                }
            }
            peakHeapMiB = Math.max(peakHeapMiB, sum / 1048576.0);
        }
    }

    /** The explainer and its image. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = method.split("/");
        int m = Integer.parseInt(parts[1]);
        List<Image> background = Bench.images(rows, ExplainOverheadBenchmark.SHAPE, 1);
        image = Bench.images(1, ExplainOverheadBenchmark.SHAPE, 2).get(0);
        Players players = ExplainOverheadBenchmark.players(m);
        BackgroundMasker masker = BackgroundMasker.of(background);
        explainer = parts[0].equals("exact")
                ? ExactExplainer.builder(ExplainOverheadBenchmark.cheapModel(), players, masker).threads(1).build()
                : PermutationExplainer.builder(ExplainOverheadBenchmark.cheapModel(), players, masker)
                        .permutations(ExplainOverheadBenchmark.PAIRS).threads(1).build();
        backgroundMiB = rows * 8.0 * ExplainOverheadBenchmark.SHAPE.size() / 1048576.0;
    }

    /** One explanation; the heap peak goes to {@code peak}. */
    @Benchmark
    public Explanation explain(Peak peak) {
        Explanation e = explainer.explain(image);
        peak.sample();
        peak.backgroundMiB = backgroundMiB;
        return e;
    }
}
