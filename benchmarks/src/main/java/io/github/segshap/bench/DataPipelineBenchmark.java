package io.github.segshap.bench;

import io.github.segshap.salt.prepare.DataPipeline;
import io.github.segshap.salt.prepare.PreparedData;
import io.github.segshap.salt.prepare.ResolutionMode;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * The salt example's data pipeline on the real TGS data (4000 images): read, split, resample,
 * attributes, Yeo-Johnson, without a cache, in both resolution modes (SEED: 24x24, FULL:
 * 101x101). The data folder is {@code -Dsegshap.data} (default {@code ../shared/data/tgs-salt},
 * relative to the working directory, i.e. the repository root). The pipeline uses all processors.
 * One operation is one whole run; single-shot timing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(1)
public class DataPipelineBenchmark {
    /** System property naming the TGS data folder. */
    public static final String DATA_PROPERTY = "segshap.data";

    /** Resolution mode. */
    @Param({"SEED", "FULL"})
    public ResolutionMode resolution;

    private DataPipeline pipeline;

    /** The data folder used: {@code -Dsegshap.data} or {@code ../shared/data/tgs-salt}. */
    public static Path dataDir() {
        return Paths.get(System.getProperty(DATA_PROPERTY, "../shared/data/tgs-salt"));
    }

    /** Checks the data folder and builds the pipeline. */
    @Setup(Level.Trial)
    public void setUp() {
        Path dir = dataDir();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("TGS data folder " + dir.toAbsolutePath() + " does not exist: run from the "
                    + "repository root or set -D" + DATA_PROPERTY + "=DIR");
        }
        pipeline = DataPipeline.builder().dataDir(dir).resolution(resolution).cacheDir(null).progressBars(false)
                .build();
    }

    /** One whole pipeline run; returns the prepared data so that nothing is optimised away. */
    @Benchmark
    public PreparedData run() {
        return pipeline.run();
    }
}
