package io.github.segshap.bench;

import io.github.segshap.core.explainers.Explainer;
import io.github.segshap.core.explainers.KernelExplainer;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.masking.BackgroundMasker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.players.ChannelGroups;
import io.github.segshap.core.players.PixelRegions;
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

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Time spent outside model calls when explaining one 4 x 101 x 101 image with the Kernel
 * explainer (default budget) and 8 background rows, for M = 4, 16, 64 players (channels, channels
 * x 2 x 2 patches, channels x 4 x 4 patches). {@link #explain} runs the whole explanation with a
 * cheap per-pixel model; {@link #modelOnly} makes the same model calls on the same batch sizes.
 * Their difference is the explainer's own cost (masking, batching, accumulation, the solve), to
 * be compared with the model time a U-Net would need for the same number of evaluations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ExplainOverheadBenchmark {
    static final ImageShape SHAPE = new ImageShape(4, 101, 101);

    /** Players M. */
    @Param({"4", "16", "64"})
    public int players;

    private Explainer explainer;
    private Image image;
    private Model model;
    private long evaluations;
    private double[] batch;

    /** A cheap per-pixel model: a logistic function of two channels. */
    static Model cheapModel() {
        return Model.perImage(OutputShape.map(101, 101), (b, n, out, off) -> {
            double[] v = b.values();
            int base = n * SHAPE.size();
            int px = SHAPE.pixels();
            for (int i = 0; i < px; i++) {
                out[off + i] = 1 / (1 + Math.exp(v[base + 2 * px + i] - v[base + i]));
            }
        });
    }

    static Players players(int m) {
        int grid = (int) Math.round(Math.sqrt(m / 4.0));
        return grid == 1 ? Players.perChannel(SHAPE)
                : Players.of(SHAPE, ChannelGroups.perChannel(4), PixelRegions.grid(101, 101, grid, grid));
    }

    static Image random(SplittableRandom r) {
        double[] v = new double[SHAPE.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return Image.of(SHAPE, v);
    }

    /** The explainer, its image, and the evaluation count of one explanation. */
    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(42);
        List<Image> background = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            background.add(random(r));
        }
        image = random(r);
        model = cheapModel();
        explainer = KernelExplainer.builder(model, players(players), BackgroundMasker.of(background)).threads(1).build();
        explainer.explain(image);
        evaluations = explainer.explain(image).modelEvaluations(); // steady state: base value shared
        batch = new double[512 * SHAPE.size()];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = r.nextGaussian();
        }
    }

    /** Model evaluations of one explanation (for the report). */
    public long evaluations() {
        return evaluations;
    }

    /** The whole explanation (its shared base value is cached after the first one). */
    @Benchmark
    public Explanation explain() {
        return explainer.explain(image);
    }

    /** The same number of model evaluations alone, in batches of 512. */
    @Benchmark
    public double modelOnly() {
        double s = 0;
        for (long done = 0; done < evaluations; done += 512) {
            int n = (int) Math.min(512, evaluations - done);
            s += model.predict(new ImageBatch(SHAPE, n, batch))[0];
        }
        return s;
    }
}
