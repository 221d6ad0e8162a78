package io.github.segshap.onnx.model;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.util.Objects;

/**
 * The ONNX Runtime session options segshap sets, and their defaults, in one place: every session
 * segshap opens ({@link OnnxModel}, the benchmarks' sessions) takes its options from
 * {@link #toOptions()}. The defaults ({@link #DEFAULTS}) were chosen by measurement on the U-Nets of
 * the salt example (see {@code docs/performance.md}, "The ceiling").
 *
 * @param intraOpThreads threads of one run (ONNX Runtime's intra-op pool); 0: ONNX Runtime's
 *                       choice, one per physical core
 * @param optimization   the graph optimisation level
 * @param parallel       whether independent nodes of the graph run at the same time (ONNX Runtime's
 *                       parallel execution mode) instead of one after another
 * @param interOpThreads threads running independent nodes in parallel mode (0: ONNX Runtime's choice);
 *                       ignored in sequential mode
 * @param spinning       whether idle intra-op threads spin waiting for work
 *                       ({@code session.intra_op.allow_spinning}) instead of sleeping
 * @param cpuArena       whether tensors come from ONNX Runtime's CPU memory arena
 * @param memoryPattern  whether ONNX Runtime plans the memory of a run from earlier runs of the same shapes
 */
public record SessionSettings(int intraOpThreads, OrtSession.SessionOptions.OptLevel optimization, boolean parallel,
                              int interOpThreads, boolean spinning, boolean cpuArena, boolean memoryPattern) {
    /** The configuration key of spinning. */
    public static final String SPINNING_KEY = "session.intra_op.allow_spinning";

    /**
     * The defaults: one intra-op thread per run, all graph optimisations, sequential execution,
     * spinning, the CPU arena and memory patterns on. One thread per run because the explainers
     * call the model from one thread per processor by default: with ONNX Runtime's own choice (one
     * per core) as many runs at once would put cores x cores threads on the cores. Measured
     * ({@code SessionSweep}, benchmarks): at an explanation's batch, two single-threaded runs at once
     * on one session gave 1.0x to 1.6x the images per second of one run on two threads; parallel
     * execution, lower optimisation levels and no arena were slower.
     */
    public static final SessionSettings DEFAULTS = new SessionSettings(1,
            OrtSession.SessionOptions.OptLevel.ALL_OPT, false, 0, true, true, true);

    /** Checks the values. */
    public SessionSettings {
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intra-op threads must be >= 0 (0: ONNX Runtime's default), got "
                    + intraOpThreads);
        }
        if (interOpThreads < 0) {
            throw new IllegalArgumentException("inter-op threads must be >= 0 (0: ONNX Runtime's default), got "
                    + interOpThreads);
        }
        Objects.requireNonNull(optimization, "optimisation level");
    }

    /** These settings with {@code threads} intra-op threads. */
    public SessionSettings withIntraOpThreads(int threads) {
        return new SessionSettings(threads, optimization, parallel, interOpThreads, spinning, cpuArena, memoryPattern);
    }

    /** These settings with another graph optimisation level. */
    public SessionSettings withOptimization(OrtSession.SessionOptions.OptLevel level) {
        return new SessionSettings(intraOpThreads, level, parallel, interOpThreads, spinning, cpuArena, memoryPattern);
    }

    /** These settings in parallel execution mode with {@code threads} inter-op threads, or sequential. */
    public SessionSettings withParallel(boolean on, int threads) {
        return new SessionSettings(intraOpThreads, optimization, on, threads, spinning, cpuArena, memoryPattern);
    }

    /** These settings with spinning on or off. */
    public SessionSettings withSpinning(boolean on) {
        return new SessionSettings(intraOpThreads, optimization, parallel, interOpThreads, on, cpuArena, memoryPattern);
    }

    /** These settings with the CPU arena and memory patterns on or off. */
    public SessionSettings withMemory(boolean arena, boolean pattern) {
        return new SessionSettings(intraOpThreads, optimization, parallel, interOpThreads, spinning, arena, pattern);
    }

    /**
     * New ONNX Runtime session options carrying these settings; the caller closes them (after the
     * session).
     *
     * @throws IllegalStateException when ONNX Runtime refuses an option
     */
    public OrtSession.SessionOptions toOptions() {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        try {
            o.setOptimizationLevel(optimization);
            o.setIntraOpNumThreads(intraOpThreads);
            o.setExecutionMode(parallel ? OrtSession.SessionOptions.ExecutionMode.PARALLEL
                    : OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            if (parallel) {
                o.setInterOpNumThreads(interOpThreads);
            }
            o.addConfigEntry(SPINNING_KEY, spinning ? "1" : "0");
            o.setCPUArenaAllocator(cpuArena);
            o.setMemoryPatternOptimization(memoryPattern);
            return o;
        } catch (OrtException e) {
            o.close();
            throw new IllegalStateException("ONNX Runtime refused the session options " + this + ": "
                    + e.getMessage(), e);
        }
    }

    /** A short description, e.g. {@code 2 threads, all, sequential, spinning, arena, memory pattern}. */
    public String describe() {
        return (intraOpThreads == 0 ? "default" : Integer.toString(intraOpThreads)) + " intra-op threads, "
                + optimization.name().toLowerCase(java.util.Locale.ROOT)
                + (parallel ? ", parallel (" + interOpThreads + " inter-op)" : ", sequential")
                + (spinning ? ", spinning" : ", no spinning") + (cpuArena ? ", arena" : ", no arena")
                + (memoryPattern ? ", memory pattern" : ", no memory pattern");
    }
}
