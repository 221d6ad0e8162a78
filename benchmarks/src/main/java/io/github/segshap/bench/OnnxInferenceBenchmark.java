package io.github.segshap.bench;

import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.Model;
import io.github.segshap.dl4j.model.Dl4jModel;
import io.github.segshap.dl4j.runtime.Dl4jRuntime;
import io.github.segshap.export.OnnxExport;
import io.github.segshap.onnx.model.OnnxModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
 * The seed U-Net ({@link Bench#seedUNet(int)}: the salt example's default, transposed convolutions,
 * untrained, seed 42) through ONNX Runtime against DL4J's oneDNN path, in one JMH run
 * ({@code @Param engine}), at 24x24, 48x48 and 104x104. Goal: ONNX Runtime at least 2x DL4J.
 *
 * <p>One operation is one {@link Model#predict} call on the same random batch of
 * {@link InferenceBenchmark#batch(int)} images (64, or 16 above 64 pixels) through the adapter a
 * user explains with: {@link Dl4jModel} around the network (the set-up fails unless its
 * convolutions run on oneDNN helpers), or {@link OnnxModel} on the network's ONNX export
 * ({@link OnnxExport#toBytes}, fixed size, dynamic batch). Both adapters convert the same
 * {@code double} images to float32 and the maps back, split by their default memory budget; images
 * per second = batch / time.
 *
 * <p>Threads: nd4j is asked for {@code -Dsegshap.bench.threads} OpenMP threads (default 1) and ONNX
 * Runtime's intra-op pool ({@link OnnxModel.Builder#intraOpThreads(int)}) gets the count nd4j then
 * reports ({@link Bench#nd4jThreads()}; {@code setMaxThreads} may leave it at the core count unless
 * {@code OMP_NUM_THREADS} is set), so both engines may use the same number of cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 2)
@Fork(1)
public class OnnxInferenceBenchmark {
    /** The engine that runs the U-Net. */
    public enum Engine {
        /** Deeplearning4j with its oneDNN layer helpers, through {@link Dl4jModel}. */
        DL4J_ONEDNN,
        /** ONNX Runtime's CPU provider on the exported network, through {@link OnnxModel}. */
        ONNX_RUNTIME
    }

    /** Image height and width. */
    @Param({"24", "48", "104"})
    public int size;

    /** The engine measured. */
    @Param({"DL4J_ONEDNN", "ONNX_RUNTIME"})
    public Engine engine;

    private Model model;
    private OnnxModel onnx;
    private ImageBatch batch;

    /** Builds the seed U-Net and the engine's adapter; checks that DL4J takes the oneDNN path. */
    @Setup(Level.Trial)
    public void setUp() {
        int requested = Bench.configureNd4j();
        int threads = Bench.nd4jThreads(); // what nd4j really reports, given to ONNX Runtime too
        ImageShape shape = new ImageShape(4, size, size);
        ComputationGraph net = Bench.seedUNet(size);
        int sub;
        if (engine == Engine.DL4J_ONEDNN) {
            Dl4jModel dl4j = Dl4jModel.of(net);
            requireOneDnn(dl4j);
            model = dl4j;
            sub = dl4j.subBatchSize(shape);
        } else {
            onnx = onnxModel(net, shape, threads);
            model = onnx;
            sub = onnx.subBatchSize(shape);
        }
        batch = Bench.batch(InferenceBenchmark.batch(size), shape, 3);
        model.predict(batch); // first run: ONNX Runtime's allocations, DL4J's workspaces
        System.out.printf("%n[setup] %s %dx%d, batch %d (runs of at most %d), threads %d (nd4j OpenMP as reported, "
                + "%d requested; ONNX Runtime intra-op the same)%n", engine, size, size, batch.count(), sub, threads,
                requested);
    }

    /** The ONNX export of the network through ONNX Runtime with {@code threads} intra-op threads. */
    static OnnxModel onnxModel(ComputationGraph net, ImageShape shape, int threads) {
        return OnnxModel.builder(OnnxExport.toBytes(net, shape, OnnxExport.Size.FIXED)).intraOpThreads(threads)
                .build();
    }

    /** Fails unless the adapter's network runs its convolutions on oneDNN helpers. */
    static void requireOneDnn(Dl4jModel model) {
        if (!Dl4jRuntime.usesOneDnn(model.network())) {
            throw new IllegalStateException("DL4J should run on the oneDNN path but the network's layer helpers are "
                    + Dl4jRuntime.helpers(model.network()) + " (oneDNN binaries on the class path: "
                    + Dl4jRuntime.oneDnnBinariesPresent() + ", -D" + Dl4jRuntime.ONEDNN_PROPERTY + "="
                    + System.getProperty(Dl4jRuntime.ONEDNN_PROPERTY) + ")");
        }
    }

    /** Closes the ONNX Runtime session. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (onnx != null) {
            onnx.close();
        }
    }

    /** One batch through the engine's adapter. */
    @Benchmark
    public double predict() {
        return model.predict(batch)[0];
    }
}
