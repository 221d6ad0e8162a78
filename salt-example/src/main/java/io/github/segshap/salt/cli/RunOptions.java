package io.github.segshap.salt.cli;

import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.dl4j.zoo.UNet;
import io.github.segshap.salt.explain.SampleSelection;
import io.github.segshap.salt.pipeline.ResolutionMode;
import io.github.segshap.salt.preprocess.AttributeAxis;
import io.github.segshap.salt.train.SegmentationLoss;
import io.github.segshap.salt.workflow.WorkflowSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The options every {@code salt} subcommand takes (a picocli mixin). */
public final class RunOptions {

    /** Resolution choices on the command line. */
    enum Resolution { seed, full }

    /** Axis choices on the command line. */
    enum Axis { horizontal, vertical }

    /** Decoder up-sampling choices on the command line. */
    enum Upsampling { transposed, resize }

    /** Estimator choices on the command line. */
    enum Estimator { exact, kernel, partition, permutation, auto }

    @Option(names = "--data", paramLabel = "DIR",
            description = {"The Kaggle TGS salt training set: a folder with train/images/<id>.png and "
                    + "train/masks/<id>.png (or that train folder itself).",
                    "Default: none - a synthetic salt data set (see --synthetic-samples) is generated into "
                            + "OUT/data-cache, so everything runs on a fresh machine; it demonstrates the pipeline, "
                            + "real results need the real data."})
    Path data;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "salt-output",
            description = "The run folder: data-cache/, mlruns/, model.zip, explanations/, figures/, report.html "
                    + "(default: ${DEFAULT-VALUE}). Stages run separately share it.")
    Path out;

    @Option(names = "--resolution", paramLabel = "seed|full", defaultValue = "seed",
            description = {"seed: the original's 101 -> 51 -> 48 (attributes) -> 24 x 24 pipeline;",
                    "full: attributes at 101 x 101, padded (reflect) for the U-Net (104 x 104 at --depth 2) and cropped back "
                            + "for metrics, maps and figures (about 20x slower). Default: ${DEFAULT-VALUE}."})
    Resolution resolution;

    @Option(names = "--axis", paramLabel = "horizontal|vertical", defaultValue = "horizontal",
            description = "Axis of the energy attribute's 5-sample window (and the GST window's orientation): "
                    + "horizontal is what the original computed, vertical runs along depth. Default: ${DEFAULT-VALUE}.")
    Axis axis;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Most training epochs; early stopping on validation AUC (patience 10) restores the best "
                    + "weights. Default: " + WorkflowSettings.DEFAULT_SYNTHETIC_EPOCHS + " on the synthetic data (so "
                    + "run-all takes a few minutes on 2 cores), " + WorkflowSettings.DEFAULT_REAL_EPOCHS
                    + " (the original's limit) with --data.")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Training mini-batch size. Default: " + WorkflowSettings.DEFAULT_SYNTHETIC_BATCH
                    + " on the synthetic data (more optimiser steps in the few default epochs), "
                    + WorkflowSettings.DEFAULT_REAL_BATCH + " (the original's) with --data.")
    Integer batchSize;

    @Option(names = "--filters", paramLabel = "F", defaultValue = "8",
            description = "U-Net filters of the first level (2^level F below it, 16F at the bottom). "
                    + "Default: ${DEFAULT-VALUE}, the original's.")
    int filters;

    @Option(names = "--kernel", paramLabel = "K", defaultValue = "5",
            description = "U-Net convolution kernel size K x K (odd, 1-9). Default: ${DEFAULT-VALUE}, the original's.")
    int kernel;

    @Option(names = "--depth", paramLabel = "D", defaultValue = "2",
            description = "U-Net depth: number of poolings, 1-5. Inputs are reflect-padded to a multiple of 2^D "
                    + "(101 to 104 at depth 2 or 3, 112 at 4) and predictions cropped back. Default: ${DEFAULT-VALUE}, "
                    + "the original's.")
    int depth;

    @Option(names = "--dropout", paramLabel = "RATE", defaultValue = "0.5",
            description = "Fraction of activations the U-Net's dropout layers (after every pooling and skip "
                    + "concatenation) drop in training, as Keras' rate; 0 turns dropout off. Default: ${DEFAULT-VALUE}, "
                    + "the original's.")
    double dropout;

    @Option(names = "--loss", paramLabel = "focal|lovasz|focal+lovasz", defaultValue = "focal",
            description = "Training loss: focal - the original's binary focal cross-entropy (gamma 2); lovasz - the "
                    + "Lovász-softmax loss, a surrogate of 1 - IoU per image (what the Kaggle metric thresholds); "
                    + "focal+lovasz - their sum (focal as a mean per pixel). Default: ${DEFAULT-VALUE}.")
    String loss;

    @Option(names = "--upsampling", paramLabel = "transposed|resize",
            description = "How the U-Net's decoder doubles its maps: transposed - the original's 5x5 stride-2 "
                    + "transposed convolution; resize - nearest-neighbour doubling then a 5x5 convolution (about half "
                    + "the training time: DL4J's transposed convolution has no oneDNN path). Default: transposed at "
                    + "--resolution seed, resize at full.")
    Upsampling upsampling;

    @Option(names = "--time-limit", paramLabel = "MINUTES",
            description = "Training time budget: no epoch is started that would end after it (at the pace of the "
                    + "slowest of the last three epochs); the best epoch's weights are kept. Default: none.")
    Integer timeLimitMinutes;

    @Option(names = "--flip",
            description = "Flip training samples left-right at random (seeded) each epoch. Default: off, as the "
                    + "original.")
    boolean flip;

    @Option(names = "--batch-norm",
            description = "Batch normalisation after every U-Net convolution (not in the original; usually fewer "
                    + "epochs to the same quality). Default: off.")
    boolean batchNorm;

    @Option(names = "--lr-decay", paramLabel = "FACTOR", defaultValue = "1",
            description = "Multiply Adam's learning rate (1e-3 at the start, as the original) by this factor per "
                    + "epoch, smoothly at every step; 1 keeps it constant. Default: ${DEFAULT-VALUE}.")
    double lrDecay;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the split, the synthetic data, the weights, shuffling and the explanation "
                    + "background draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads calling the model during explanation (default: one per processor). Results do "
                    + "not depend on it.")
    Integer threads;

    @Option(names = "--samples", paramLabel = "original9|all|ID[,ID...]", defaultValue = "original9",
            description = {"Test samples to explain: original9 (default) - nine reproducible picks standing in for "
                    + "the original's nine: in sorted id order the first 6 whose true mask covers 5-95%% of the "
                    + "image and the first 3 with an empty mask;",
                    "all - the whole test set; or test ids separated by commas (see test.txt in the data cache)."})
    String samples;

    @Option(names = "--explainer", paramLabel = "exact|kernel|partition|permutation|auto", defaultValue = "exact",
            description = "Shapley estimator for the four channel players: exact enumerates all 16 coalitions "
                    + "(default: ${DEFAULT-VALUE}); the others are for many players and estimate.")
    Estimator explainer;

    @Option(names = "--background", paramLabel = "N", defaultValue = "100",
            description = "Training images in the explanation background, drawn with --seed (default: "
                    + "${DEFAULT-VALUE}, as the original). Cost grows linearly with it.")
    int background;

    @Option(names = "--synthetic-samples", paramLabel = "N", defaultValue = "400",
            description = "Size of the synthetic data set used without --data (default: ${DEFAULT-VALUE}: 256 train,"
                    + " 64 validation, 80 test).")
    int syntheticSamples;

    @Option(names = "--report-panels", paramLabel = "N", defaultValue = "9",
            description = "Most per-sample panels in the report (default: ${DEFAULT-VALUE}); the summary covers "
                    + "every explained sample.")
    int reportPanels;

    @Option(names = "--onednn", negatable = true,
            description = "DL4J's oneDNN layer helpers (3-10x faster U-Net inference on CPU, see docs/performance.md): --onednn forces them on, "
                    + "--no-onednn off. Default: on when the oneDNN build of nd4j-native is on the class path (the "
                    + "default build), off otherwise.")
    Boolean oneDnn;

    @Option(names = "--progress", negatable = true,
            description = "Progress bars on standard error (default: on when a console is attached).")
    Boolean progress;

    /** The settings these options describe. */
    WorkflowSettings settings(PrintStream console) {
        WorkflowSettings.Builder b = WorkflowSettings.builder().data(data).out(out)
                .resolution(resolution == Resolution.full ? ResolutionMode.FULL : ResolutionMode.SEED)
                .axis(axis == Axis.vertical ? AttributeAxis.VERTICAL : AttributeAxis.HORIZONTAL)
                .epochs(epochs).batchSize(batchSize).seed(seed).samples(SampleSelection.parse(samples))
                .explainer(ExplanationOptions.Method.valueOf(explainer.name().toUpperCase(Locale.ROOT)))
                .backgroundSize(background).syntheticSamples(syntheticSamples).reportPanels(reportPanels)
                .oneDnn(oneDnn).console(console).flipAugmentation(flip).batchNormalization(batchNorm)
                .learningRateDecay(lrDecay)
                .filters(filters).kernel(kernel).depth(depth).dropout(dropout)
                .loss(SegmentationLoss.parse(loss))
                .upsampling(upsampling == null ? null : upsampling == Upsampling.resize
                        ? UNet.Upsampling.NEAREST_THEN_CONVOLUTION : UNet.Upsampling.TRANSPOSED_CONVOLUTION);
        if (timeLimitMinutes != null) {
            if (timeLimitMinutes < 1) {
                throw new IllegalArgumentException("--time-limit must be at least 1 minute, got " + timeLimitMinutes);
            }
            b.timeLimit(Duration.ofMinutes(timeLimitMinutes));
        }
        if (threads != null) {
            b.threads(threads);
        }
        if (progress != null) {
            b.progressBars(progress);
        }
        return b.build();
    }
}
