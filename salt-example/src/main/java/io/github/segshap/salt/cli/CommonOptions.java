package io.github.segshap.salt.cli;

import io.github.segshap.command.ProgressOptions;
import io.github.segshap.salt.SaltDefaults;
import io.github.segshap.salt.prepare.ResolutionMode;
import io.github.segshap.salt.workflow.CommonSettings;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every {@code salt} subcommand takes (a picocli mixin for {@link CommonSettings}). */
final class CommonOptions {

    @Option(names = "--data", paramLabel = "DIR",
            description = {"The Kaggle TGS salt training set: a folder with train/images/<id>.png and "
                    + "train/masks/<id>.png (or that train folder itself).",
                    "Default: none - a synthetic salt data set (see --synthetic-samples) is generated into "
                            + "OUT/data-cache, so everything runs on a fresh machine; it demonstrates the pipeline, "
                            + "real results need the real data."})
    Path data;

    @Option(names = "--out", paramLabel = "DIR",
            description = "The run folder: data-cache/, mlruns/, model.zip, explanations/, figures/, report.html "
                    + "(default: ${DEFAULT-VALUE}). Stages run separately share it.")
    Path out = Path.of(CommonSettings.DEFAULT_OUT);

    @Option(names = "--resolution", paramLabel = "seed|full",
            description = {"seed: the original's 101 -> 51 -> 48 (attributes) -> 24 x 24 pipeline;",
                    "full: attributes at 101 x 101, padded (reflect) for the U-Net (104 x 104 at --depth 2) and cropped back "
                            + "for metrics, maps and figures (about 20x slower). Default: ${DEFAULT-VALUE}."})
    ResolutionMode resolution = CommonSettings.DEFAULT_RESOLUTION;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the split, the synthetic data, the weights, shuffling and the explanation "
                    + "background draw (default: ${DEFAULT-VALUE}).")
    long seed = SaltDefaults.SEED;

    @Option(names = "--onednn", negatable = true,
            description = "DL4J's oneDNN layer helpers (3-10x faster U-Net inference on CPU, see docs/performance.md): "
                    + "--onednn forces them on, --no-onednn off. Default: on when the oneDNN build of nd4j-native is "
                    + "on the class path (the default build), off otherwise.")
    Boolean oneDnn;

    @Option(names = "--threads", paramLabel = "N",
            description = {"CPU threads of the run: nd4j's native threads in every stage, set at start whatever "
                    + "OMP_NUM_THREADS (or OPENBLAS_NUM_THREADS, MKL_NUM_THREADS) says, and the threads calling the "
                    + "model in explain. Default: ${DEFAULT-VALUE}, fixed, so the same command trains the same model "
                    + "anywhere.",
                    "Training is bit-reproducible for the same --threads (another count trains another model); "
                            + "explanations of a model are the same for any. On a machine shared with other work "
                            + "--threads 1 is much faster."})
    int threads = SaltDefaults.THREADS;

    @Mixin
    ProgressOptions progress;

    /** The settings these options describe. */
    CommonSettings settings() {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        return new CommonSettings(data, out, resolution, seed, oneDnn, threads,
                progress.mode());
    }
}
