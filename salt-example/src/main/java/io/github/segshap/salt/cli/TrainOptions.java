package io.github.segshap.salt.cli;

import io.github.segshap.zoo.UNet;
import io.github.segshap.salt.train.SegmentationLoss;
import io.github.segshap.salt.train.TrainSettings;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The training stage's options (a picocli mixin for {@link TrainSettings}). */
final class TrainOptions {

    @Option(names = "--epochs", paramLabel = "N",
            description = "Most training epochs; early stopping on validation AUC (patience "
                    + TrainSettings.DEFAULT_PATIENCE + ") restores the best weights. Default: "
                    + TrainSettings.DEFAULT_SYNTHETIC_EPOCHS + " on the synthetic data (so run-all takes a few minutes "
                    + "on 2 cores), " + TrainSettings.DEFAULT_REAL_EPOCHS + " (the original's limit) with --data.")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Training mini-batch size. Default: " + TrainSettings.DEFAULT_SYNTHETIC_BATCH
                    + " on the synthetic data (more optimiser steps in the few default epochs), "
                    + TrainSettings.DEFAULT_REAL_BATCH + " (the original's) with --data.")
    Integer batchSize;

    @Option(names = "--filters", paramLabel = "F",
            description = "U-Net filters of the first level (2^level F below it, 16F at the bottom). "
                    + "Default: ${DEFAULT-VALUE}, the original's.")
    int filters = TrainSettings.DEFAULT_FILTERS;

    @Option(names = "--kernel", paramLabel = "K",
            description = "U-Net convolution kernel size K x K (odd, 1-9). Default: ${DEFAULT-VALUE}, the original's.")
    int kernel = TrainSettings.DEFAULT_KERNEL;

    @Option(names = "--depth", paramLabel = "D",
            description = "U-Net depth: number of poolings, 1-5. Inputs are reflect-padded to a multiple of 2^D "
                    + "(101 to 104 at depth 2 or 3, 112 at 4) and predictions cropped back. Default: ${DEFAULT-VALUE}, "
                    + "the original's.")
    int depth = TrainSettings.DEFAULT_DEPTH;

    @Option(names = "--dropout", paramLabel = "RATE",
            description = "Fraction of activations the U-Net's dropout layers (after every pooling and skip "
                    + "concatenation) drop in training, as Keras' rate; 0 turns dropout off. Default: ${DEFAULT-VALUE}, "
                    + "the original's.")
    double dropout = TrainSettings.DEFAULT_DROPOUT;

    @Option(names = "--loss", paramLabel = "focal|lovasz|focal+lovasz", converter = LossConverter.class,
            description = "Training loss: focal - the original's binary focal cross-entropy (gamma 2); lovasz - the "
                    + "Lovász-softmax loss, a surrogate of 1 - IoU per image (what the Kaggle metric thresholds); "
                    + "focal+lovasz - their sum (focal as a mean per pixel). Default: ${DEFAULT-VALUE}.")
    SegmentationLoss loss = TrainSettings.DEFAULT_LOSS;

    @Option(names = "--upsampling", paramLabel = "transposed|resize", converter = UpsamplingConverter.class,
            description = "How the U-Net's decoder doubles its maps: transposed - the original's 5x5 stride-2 "
                    + "transposed convolution; resize - nearest-neighbour doubling then a 5x5 convolution (about half "
                    + "the training time: DL4J's transposed convolution has no oneDNN path). Default: transposed at "
                    + "--resolution seed, resize at full.")
    UNet.Upsampling upsampling;

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

    @Option(names = "--lr-decay", paramLabel = "FACTOR",
            description = "Multiply Adam's learning rate (1e-3 at the start, as the original) by this factor per "
                    + "epoch, smoothly at every step; 1 keeps it constant. Default: ${DEFAULT-VALUE}.")
    double lrDecay = TrainSettings.DEFAULT_LEARNING_RATE_DECAY;

    /** The settings these options describe (epochs, batch size and up-sampling left to the data when not given). */
    TrainSettings settings() {
        return new TrainSettings(epochs, TrainSettings.DEFAULT_PATIENCE, batchSize, filters, kernel, depth, dropout,
                loss, upsampling, timeLimitMinutes, flip, batchNorm, lrDecay);
    }

    /** {@code focal}, {@code lovasz} or {@code focal+lovasz}. */
    static final class LossConverter implements CommandLine.ITypeConverter<SegmentationLoss> {
        @Override
        public SegmentationLoss convert(String value) {
            return SegmentationLoss.parse(value);
        }
    }

    /** {@code transposed} or {@code resize}. */
    static final class UpsamplingConverter implements CommandLine.ITypeConverter<UNet.Upsampling> {
        @Override
        public UNet.Upsampling convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "transposed" -> UNet.Upsampling.TRANSPOSED_CONVOLUTION;
                case "resize" -> UNet.Upsampling.NEAREST_THEN_CONVOLUTION;
                default -> throw new CommandLine.TypeConversionException("unknown up-sampling '" + value
                        + "': use transposed or resize");
            };
        }
    }
}
