package io.github.segshap.bench;

import io.github.segshap.core.explainers.ExactExplainer;
import io.github.segshap.core.explainers.Explainer;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.masking.BackgroundMasker;
import io.github.segshap.core.players.Players;
import io.github.segshap.dl4j.model.Dl4jModel;
import io.github.segshap.dl4j.runtime.Dl4jRuntime;
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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Explanation overhead for the seed U-Net (F = 8, untrained, seed 42, 4 input channels): the time
 * to explain one image exactly with 4 channel players against the time of the same forward
 * passes alone, at 24x24, 48x48 and 104x104 (the full 101x101 resolution padded to a multiple of 4).
 * Goal: explain / forward &lt;= 1.10.
 *
 * <p>Each operation explains one image ({@link ExactExplainer}, background of {@link #rows(int)}
 * rows, one explainer thread, additivity check on; the base value is shared, as for every image
 * after the first) and then replays the same model calls as plain {@code ComputationGraph.output}
 * calls on random inputs of the same batch sizes: the batch sizes the explainer handed to the
 * {@link Dl4jModel} were recorded in the set-up and are split by the model's sub-batch size
 * exactly as it does. The two halves are summed in {@link PairTimes}; their ratio is the figure.
 * nd4j runs on {@code -Dsegshap.bench.threads} OpenMP threads (default 1); the oneDNN path is on
 * when the oneDNN build of nd4j is on the class path (the default), as the report states.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 2, time = 1)
@Fork(1)
public class UNetOverheadBenchmark {
    /** Image height and width. */
    @Param({"24", "48", "104"})
    public int size;

    private Explainer explainer;
    private Image image;
    private ComputationGraph plain;
    private int[][] forwardBatches;
    private final Map<Integer, INDArray> inputs = new HashMap<>();
    private long evaluations;

    /**
     * Background rows at a given size: 100 at 24x24, 25 at 48x48, 8 at 104x104, so that one
     * explanation takes seconds, not minutes, on a loaded 2-core machine with one nd4j thread.
     */
    public static int rows(int size) {
        return size > 64 ? 8 : size > 32 ? 25 : 100;
    }

    /** Builds the net, the explainer, records the model calls of one explanation. */
    @Setup(Level.Trial)
    public void setUp() {
        Bench.configureNd4j();
        ImageShape shape = new ImageShape(4, size, size);
        ComputationGraph net = Bench.seedUNet(size);
        Dl4jModel model = Dl4jModel.of(net);
        Bench.RecordingModel recorder = new Bench.RecordingModel(model);
        List<Image> background = Bench.images(rows(size), shape, 1);
        image = Bench.images(1, shape, 2).get(0);
        explainer = ExactExplainer.builder(recorder, Players.perChannel(shape), BackgroundMasker.of(background))
                .threads(1).build();
        explainer.explain(image); // computes and caches the shared base value
        recorder.start();
        evaluations = explainer.explain(image).modelEvaluations();
        int[] calls = recorder.stop();
        int sub = model.subBatchSize(shape);
        forwardBatches = Bench.runs(calls, sub);
        for (int[] call : forwardBatches) {
            for (int b : call) {
                inputs.computeIfAbsent(b, n -> Nd4j.rand(DataType.FLOAT, n, 4, size, size));
            }
        }
        plain = Dl4jRuntime.needsRebuild(net) ? net.clone() : net;
        System.out.printf("%n[setup] %dx%d: %d background rows, %d model evaluations per image in %d calls "
                        + "(sub-batches of at most %d), nd4j threads %d, helpers %s%n", size, size, rows(size),
                evaluations, calls.length, sub, Integer.getInteger(Bench.THREADS_PROPERTY, 1),
                Dl4jRuntime.usesOneDnn(plain) ? "oneDNN" : "none");
    }

    /** Frees the input arrays. */
    @TearDown(Level.Trial)
    public void tearDown() {
        inputs.values().forEach(INDArray::close);
    }

    /** Explains the image, then makes the same forward passes alone; both halves go to {@code times}. */
    @Benchmark
    public double explainThenForward(PairTimes times) {
        long t0 = System.nanoTime();
        Explanation e = explainer.explain(image);
        long t1 = System.nanoTime();
        double s = e.value(0, 0);
        for (int[] call : forwardBatches) {
            for (int b : call) {
                INDArray out = plain.output(false, inputs.get(b))[0];
                s += out.getDouble(0);
                out.close();
            }
        }
        long t2 = System.nanoTime();
        times.explainNs += t1 - t0;
        times.modelNs += t2 - t1;
        times.ops++;
        return s;
    }
}
