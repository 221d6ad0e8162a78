package io.github.segshap.bench;

import io.github.segshap.core.explainers.ExactExplainer;
import io.github.segshap.core.explainers.Explainer;
import io.github.segshap.core.explainers.KernelExplainer;
import io.github.segshap.core.explainers.PartitionExplainer;
import io.github.segshap.core.explainers.PermutationExplainer;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.masking.BackgroundMasker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.players.ChannelGroups;
import io.github.segshap.core.players.PixelRegions;
import io.github.segshap.core.players.PlayerHierarchy;
import io.github.segshap.core.players.Players;
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

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Time spent outside model calls by each explainer on one 4 x 101 x 101 image with K = 101 x 101
 * outputs, for M = 4, 16, 64 players (channels, channels x 2 x 2 patches, channels x 4 x 4
 * patches) and a background of {@value #ROWS} rows. The model is a cheap per-pixel linear map
 * (a few nanoseconds per output), so the explainer's own work (masking, batching, accumulation,
 * the solve) is not drowned by model time.
 *
 * <p>Cases ({@link #method}): Exact (M &lt;= 16 only: 2^M coalitions), Kernel (default budget
 * {@code 2M + 2050} coalitions, paired), Partition (a balanced binary hierarchy, {@link #balanced}:
 * what clustering gives for structured images; {@code clusterOn} a random background gives a chain,
 * i.e. all 2^M coalitions, and fails at M = 64), Permutation ({@value #PAIRS} antithetic pairs).
 * Each operation explains the image and then replays the same model calls alone (the batch sizes
 * were recorded in the set-up); {@link PairTimes} sums both halves, and their difference per
 * explanation is the time outside model calls. One explainer thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 2)
@Fork(1)
public class ExplainOverheadBenchmark {
    static final ImageShape SHAPE = new ImageShape(4, 101, 101);
    /** Background rows. */
    public static final int ROWS = 2;
    /** Permutation pairs of the Permutation explainer. */
    public static final int PAIRS = 10;

    /** Explainer and player count, {@code method/M}. */
    @Param({"exact/4", "exact/16", "kernel/4", "kernel/16", "kernel/64", "partition/4", "partition/16",
            "partition/64", "permutation/4", "permutation/16", "permutation/64"})
    public String method;

    private Explainer explainer;
    private Image image;
    private Model model;
    private int[] calls;
    private long evaluations;
    private double[] batch;

    /** A cheap per-pixel model: a linear map of two channels. */
    static Model cheapModel() {
        return Model.perImage(OutputShape.map(101, 101), (b, n, out, off) -> {
            double[] v = b.values();
            int base = n * SHAPE.size();
            int px = SHAPE.pixels();
            for (int i = 0; i < px; i++) {
                out[off + i] = v[base + i] - 0.5 * v[base + 2 * px + i];
            }
        });
    }

    /** M players: channels (M = 4) or channels x square grid patches. */
    static Players players(int m) {
        int grid = (int) Math.round(Math.sqrt(m / 4.0));
        return grid == 1 ? Players.perChannel(SHAPE)
                : Players.of(SHAPE, ChannelGroups.perChannel(4), PixelRegions.grid(101, 101, grid, grid));
    }

    /**
     * A balanced binary hierarchy over players {@code from .. to-1}: halves of the index range, so
     * players of one channel (consecutive indices) are grouped first. 2M^2 coalitions at most.
     */
    static PlayerHierarchy balanced(int from, int to) {
        if (to - from == 1) {
            return PlayerHierarchy.leaf(from);
        }
        int mid = (from + to) / 2;
        return PlayerHierarchy.node(balanced(from, mid), balanced(mid, to));
    }

    /** The explainer, its image, and the model calls of one explanation. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = method.split("/");
        int m = Integer.parseInt(parts[1]);
        List<Image> background = Bench.images(ROWS, SHAPE, 1);
        image = Bench.images(1, SHAPE, 2).get(0);
        model = cheapModel();
        Bench.RecordingModel recorder = new Bench.RecordingModel(model);
        Players players = players(m);
        BackgroundMasker masker = BackgroundMasker.of(background);
        explainer = switch (parts[0]) {
            case "exact" -> ExactExplainer.builder(recorder, players, masker).threads(1).build();
            case "kernel" -> KernelExplainer.builder(recorder, players, masker).threads(1).build();
            case "partition" -> PartitionExplainer.builder(recorder, players, masker).hierarchy(balanced(0, m))
                    .threads(1).build();
            case "permutation" -> PermutationExplainer.builder(recorder, players, masker).permutations(PAIRS)
                    .threads(1).build();
            default -> throw new IllegalArgumentException("unknown explainer " + parts[0]);
        };
        explainer.explain(image); // computes and caches the shared base value
        recorder.start();
        evaluations = explainer.explain(image).modelEvaluations();
        calls = recorder.stop();
        int largest = 1;
        for (int c : calls) {
            largest = Math.max(largest, c);
        }
        SplittableRandom r = new SplittableRandom(3);
        batch = new double[largest * SHAPE.size()];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = r.nextDouble();
        }
        System.out.printf("%n[setup] %s: %d model evaluations per image in %d calls%n", method, evaluations,
                calls.length);
    }

    /** Explains the image, then makes the same model calls alone; both halves go to {@code times}. */
    @Benchmark
    public double explainThenModel(PairTimes times) {
        long t0 = System.nanoTime();
        Explanation e = explainer.explain(image);
        long t1 = System.nanoTime();
        double s = e.value(0, 0);
        for (int n : calls) {
            s += model.predict(new ImageBatch(SHAPE, n, batch))[0];
        }
        long t2 = System.nanoTime();
        times.explainNs += t1 - t0;
        times.modelNs += t2 - t1;
        times.ops++;
        return s;
    }
}
