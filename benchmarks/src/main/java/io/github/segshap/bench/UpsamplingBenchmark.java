package io.github.segshap.bench;

import io.github.segshap.dl4j.runtime.Dl4jRuntime;
import io.github.segshap.zoo.UNet;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
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
 * The seed U-Net (F = 8, 5x5, depth 2, binary cross-entropy) at 104x104 on the oneDNN
 * path, with the seed's transposed-convolution up-sampling and with nearest-neighbour doubling
 * followed by a convolution ({@link UNet.Upsampling}): one training step ({@code fit} on a random
 * batch of {@value #BATCH}) and one inference call on the same batch. DL4J 1.0.0-M2.1's
 * transposed convolution has no oneDNN helper, which is why the choice matters for training time
 * at full resolution. nd4j threads: {@code -Dsegshap.bench.threads} (default 1).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 2, time = 5)
@Fork(1)
public class UpsamplingBenchmark {
    /** Images per call. */
    public static final int BATCH = 16;

    /** The decoder's up-sampling. */
    @Param({"TRANSPOSED_CONVOLUTION", "NEAREST_THEN_CONVOLUTION"})
    public UNet.Upsampling upsampling;

    private ComputationGraph net;
    private DataSet batch;

    /** Builds the network and a random batch. */
    @Setup(Level.Trial)
    public void setUp() {
        Bench.configureNd4j();
        Dl4jRuntime.init(); // oneDNN helpers are chosen when layers are built
        net = UNet.builder().inputShape(4, 104, 104).upsampling(upsampling).seed(42).build();
        if (Dl4jRuntime.oneDnnBinariesPresent() && !Dl4jRuntime.usesOneDnn(net)) {
            throw new IllegalStateException("oneDNN is present but not used: " + Dl4jRuntime.helpers(net));
        }
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, 4, 104, 104);
        INDArray y = Nd4j.rand(DataType.FLOAT, BATCH, 1, 104, 104).gt(0.5).castTo(DataType.FLOAT);
        batch = new DataSet(x, y);
    }

    /** Frees the batch. */
    @TearDown(Level.Trial)
    public void tearDown() {
        batch.getFeatures().close();
        batch.getLabels().close();
    }

    /** One optimiser step on the batch. */
    @Benchmark
    public double trainStep() {
        net.fit(batch);
        return net.score();
    }

    /** One inference call on the batch. */
    @Benchmark
    public double inference() {
        INDArray out = net.output(false, batch.getFeatures())[0];
        double s = out.getDouble(0);
        out.close();
        return s;
    }
}
