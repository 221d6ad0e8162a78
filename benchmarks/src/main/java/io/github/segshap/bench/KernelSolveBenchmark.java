package io.github.segshap.bench;

import io.github.segshap.core.evaluation.Coalition;
import io.github.segshap.core.explainers.KernelExplainer;
import io.github.segshap.core.explainers.KernelRegression;
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

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The Kernel SHAP solve for K = 101 x 101 outputs: all outputs in one factorization and one matrix
 * product ({@link #allOutputs}) against one regression per output as shap does it
 * ({@link #perOutputLoop}, timed on {@value #LOOP_OUTPUTS} outputs: multiply by K / {@value #LOOP_OUTPUTS}
 * for the whole loop, which is linear in K). Rows: the default budget {@code 2M + 2048} coalitions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class KernelSolveBenchmark {
    /** Outputs of a 101 x 101 mask. */
    public static final int OUTPUTS = 101 * 101;
    /** Outputs the per-output loop is timed on. */
    public static final int LOOP_OUTPUTS = 101;

    /** Players M. */
    @Param({"4", "16", "64"})
    public int players;

    private List<Coalition> rows;
    private double[] weights;
    private double[][] values;
    private double[][] loopValues;
    private double[] base;
    private double[] fx;

    /** Random coalitions of the default budget with random values. */
    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(42);
        long n = KernelExplainer.defaultBudget(players) - 2;
        Set<Coalition> seen = new HashSet<>();
        rows = new ArrayList<>();
        while (rows.size() < n) {
            boolean[] present = new boolean[players];
            int size = 1 + r.nextInt(players - 1);
            for (int i = 0; i < size; i++) {
                present[r.nextInt(players)] = true;
            }
            Coalition c = Coalition.of(present);
            if (!c.isEmpty() && !c.isFull() && seen.add(c)) {
                rows.add(c);
            }
        }
        weights = new double[rows.size()];
        values = new double[rows.size()][OUTPUTS];
        loopValues = new double[rows.size()][LOOP_OUTPUTS];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = r.nextDouble(0.01, 1);
            for (int k = 0; k < OUTPUTS; k++) {
                values[i][k] = r.nextDouble();
            }
            System.arraycopy(values[i], 0, loopValues[i], 0, LOOP_OUTPUTS);
        }
        base = new double[OUTPUTS];
        fx = new double[OUTPUTS];
        for (int k = 0; k < OUTPUTS; k++) {
            base[k] = r.nextDouble();
            fx[k] = r.nextDouble();
        }
    }

    /** One factorization, one matrix product, all K outputs. */
    @Benchmark
    public double[][] allOutputs() {
        return KernelRegression.solve(rows, weights, values, base, fx);
    }

    /** One regression per output, on {@value #LOOP_OUTPUTS} outputs. */
    @Benchmark
    public double[][] perOutputLoop() {
        return KernelRegression.solvePerOutput(rows, weights, loopValues, java.util.Arrays.copyOf(base, LOOP_OUTPUTS),
                java.util.Arrays.copyOf(fx, LOOP_OUTPUTS));
    }
}
