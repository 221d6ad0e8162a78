package io.github.segshap.bench;

import io.github.segshap.dl4j.runtime.Dl4jRuntime;
import io.github.segshap.zoo.UNet;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * DL4J inference of the seed U-Net (F = 8, untrained, 4 channels) on the default path (layer
 * helpers off, {@code -Dsegshap.onednn=false}) and on the oneDNN path (the project's default when
 * nd4j's oneDNN build is on the class path), each in its own JVM fork, at 24x24, 48x48 and 104x104.
 * One operation is one {@code output} call on a batch of {@link #batch(int)} random images; images
 * per second = batch / time. The set-up fails if a fork does not take the path it is named after
 * (checked with {@link Dl4jRuntime#usesOneDnn}), so the ratio cannot silently compare a path with
 * itself. nd4j threads: {@code -Dsegshap.bench.threads} (default 1).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 2)
@Fork(1)
public class InferenceBenchmark {
    /** Image height and width. */
    @Param({"24", "48", "104"})
    public int size;

    private ComputationGraph net;
    private INDArray input;

    /** Images per call: 64, or 16 at sizes above 64 (the default path takes seconds per call there). */
    public static int batch(int size) {
        return size > 64 ? 16 : 64;
    }

    /** Builds the net on the path this fork was started with and checks the path. */
    @Setup(Level.Trial)
    public void setUp() {
        Bench.configureNd4j();
        Dl4jRuntime.init(); // oneDNN helpers are chosen when layers are built
        net = UNet.builder().inputShape(4, size, size).seed(42).build();
        boolean wantOneDnn = !"false".equals(System.getProperty(Dl4jRuntime.ONEDNN_PROPERTY));
        if (Dl4jRuntime.usesOneDnn(net) != wantOneDnn) {
            throw new IllegalStateException("this fork should run "
                    + (wantOneDnn ? "the oneDNN path" : "without helpers") + " but the network's layer helpers are "
                    + Dl4jRuntime.helpers(net)
                    + " (oneDNN binaries on the class path: " + Dl4jRuntime.oneDnnBinariesPresent() + ")");
        }
        input = Nd4j.rand(DataType.FLOAT, batch(size), 4, size, size);
        System.out.printf("%n[setup] %dx%d, batch %d, nd4j threads %d, helpers %s%n", size, size, batch(size),
                Integer.getInteger(Bench.THREADS_PROPERTY, 1), Dl4jRuntime.helpers(net).get(0));
    }

    /** Frees the input. */
    @TearDown(Level.Trial)
    public void tearDown() {
        input.close();
    }

    private double forward() {
        INDArray out = net.output(false, input)[0];
        double s = out.getDouble(0);
        out.close();
        return s;
    }

    /** One batch without layer helpers (DL4J's built-in layers). */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-Dsegshap.onednn=false")
    public double helpersOff() {
        return forward();
    }

    /** One batch on the oneDNN path. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-Dsegshap.onednn=true")
    public double oneDnn() {
        return forward();
    }
}
