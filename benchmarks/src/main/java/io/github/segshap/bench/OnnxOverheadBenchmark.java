package io.github.segshap.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.segshap.core.explainers.ExactExplainer;
import io.github.segshap.core.explainers.Explainer;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.masking.BackgroundMasker;
import io.github.segshap.core.players.Players;
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

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Explanation overhead through ONNX Runtime, as {@link UNetOverheadBenchmark} measures it through
 * DL4J: the seed U-Net ({@link Bench#seedUNet(int)}) exported with {@link OnnxExport} and explained
 * through {@link OnnxModel} (Exact, 4 channel players, {@link UNetOverheadBenchmark#rows(int)}
 * background rows, one explainer thread, additivity check on, base value shared), against the same
 * forward passes alone, at 24x24, 48x48 and 104x104. Goal: explain / forward &lt;= 1.10.
 *
 * <p>The forward passes alone are plain {@code OrtSession.run} calls of a second session on the
 * same model bytes with the same options, on prepared float32 input tensors of the batch sizes the
 * explainer handed to the {@link OnnxModel} (recorded in the set-up, split by its sub-batch size as
 * it splits them). Each operation explains, then replays; the halves are summed in
 * {@link PairTimes}. Both sessions use as many intra-op threads as nd4j reports after being asked
 * for {@code -Dsegshap.bench.threads} (default 1; see {@link Bench#nd4jThreads()}), the thread count
 * of the DL4J benchmarks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 2, time = 1)
@Fork(1)
public class OnnxOverheadBenchmark {
    /** Image height and width. */
    @Param({"24", "48", "104"})
    public int size;

    private OnnxModel model;
    private Explainer explainer;
    private Image image;
    private OrtSession.SessionOptions options;
    private OrtSession session;
    private int[][] forwardBatches;
    private final Map<Integer, OnnxTensor> inputs = new HashMap<>();

    /** Exports the net, builds the explainer, records the model calls of one explanation. */
    @Setup(Level.Trial)
    public void setUp() throws OrtException {
        int requested = Bench.configureNd4j();
        int threads = Bench.nd4jThreads(); // what nd4j really reports, given to ONNX Runtime too
        ImageShape shape = new ImageShape(4, size, size);
        ComputationGraph net = Bench.seedUNet(size);
        byte[] bytes = OnnxExport.toBytes(net, shape, OnnxExport.Size.FIXED);
        model = OnnxModel.builder(bytes).intraOpThreads(threads).build();
        Bench.RecordingModel recorder = new Bench.RecordingModel(model);
        List<Image> background = Bench.images(UNetOverheadBenchmark.rows(size), shape, 1);
        image = Bench.images(1, shape, 2).get(0);
        explainer = ExactExplainer.builder(recorder, Players.perChannel(shape), BackgroundMasker.of(background))
                .threads(1).build();
        explainer.explain(image); // computes and caches the shared base value
        recorder.start();
        long evaluations = explainer.explain(image).modelEvaluations();
        int[] calls = recorder.stop();
        int sub = model.subBatchSize(shape);
        forwardBatches = Bench.runs(calls, sub);

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        options = model.sessionSettings().toOptions(); // the model's own options
        session = env.createSession(bytes, options);
        SplittableRandom r = new SplittableRandom(4);
        for (int[] call : forwardBatches) {
            for (int b : call) {
                if (!inputs.containsKey(b)) {
                    FloatBuffer v = ByteBuffer.allocateDirect(4 * b * shape.size()).order(ByteOrder.nativeOrder())
                            .asFloatBuffer();
                    for (int i = 0; i < v.capacity(); i++) {
                        v.put(i, (float) r.nextDouble());
                    }
                    inputs.put(b, OnnxTensor.createTensor(env, v, new long[] {b, 4, size, size}));
                }
            }
        }
        System.out.printf("%n[setup] %dx%d: %d background rows, %d model evaluations per image in %d calls "
                        + "(runs of at most %d), ONNX Runtime intra-op threads %d (as nd4j reports; %d requested)%n",
                size, size, UNetOverheadBenchmark.rows(size), evaluations, calls.length, sub, threads, requested);
    }

    /** Closes the tensors, the second session and the model. */
    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        inputs.values().forEach(OnnxTensor::close);
        session.close();
        options.close();
        model.close();
    }

    /** Explains the image, then makes the same forward passes alone; both halves go to {@code times}. */
    @Benchmark
    public double explainThenForward(PairTimes times) throws OrtException {
        long t0 = System.nanoTime();
        Explanation e = explainer.explain(image);
        long t1 = System.nanoTime();
        double s = e.value(0, 0);
        for (int[] call : forwardBatches) {
            for (int b : call) {
                try (OrtSession.Result out = session.run(Map.of(OnnxExport.INPUT, inputs.get(b)))) {
                    s += ((OnnxTensor) out.get(0)).getFloatBuffer().get(0);
                }
            }
        }
        long t2 = System.nanoTime();
        times.explainNs += t1 - t0;
        times.modelNs += t2 - t1;
        times.ops++;
        return s;
    }
}
