package io.github.segshap.salt.train;

import io.github.segshap.zoo.UNet;
import io.github.segshap.salt.prepare.ResolutionMode;
import java.time.Duration;
import java.util.Objects;

/**
 * The options of a training, each declared, defaulted and checked here once: the U-Net, the loss and
 * the training loop. The {@code salt} command's {@code --epochs} ... {@code --lr-decay} fill it, the
 * run folder's {@code parameters.json} records it (its keys are these component names) and the
 * {@link Trainer} reads its loop from it ({@link TrainingOptions} adds only what belongs to the run).
 * {@code epochs}, {@code batchSize} and {@code upsampling} may be null for "the default of the
 * data": {@link #resolvedFor} fills them in (the workflow's settings always hold resolved values).
 *
 * @param epochs             most epochs, at least 1; null for {@value #DEFAULT_SYNTHETIC_EPOCHS} on the
 *                           synthetic data and {@value #DEFAULT_REAL_EPOCHS} on real data
 * @param patience           early-stopping patience in epochs, at least 1
 * @param batchSize          mini-batch size, at least 1; null for {@value #DEFAULT_SYNTHETIC_BATCH}
 *                           (synthetic) or {@value #DEFAULT_REAL_BATCH} (real data)
 * @param filters            U-Net filters F of the first level, at least 1
 * @param kernel             U-Net convolution kernel size, odd, 1 to 9
 * @param depth              U-Net depth (poolings), 1 to 5; inputs are padded to a multiple of 2^depth
 * @param dropout            fraction of activations the dropout layers drop in training (Keras' rate), in
 *                           [0, 1)
 * @param loss               the training loss
 * @param upsampling         the decoder's up-sampling; null for transposed convolutions at seed
 *                           resolution (the original's) and resize-convolutions at full resolution (half
 *                           the training time there)
 * @param timeLimitMinutes   training time budget in minutes, at least 1, or null for none
 * @param flipAugmentation   whether training samples are flipped left-right at random (seeded)
 * @param batchNormalization whether the U-Net normalises the batch after each convolution
 * @param learningRateDecay  factor in (0, 1] the learning rate (Adam, 1e-3 at the start) is multiplied
 *                           by per epoch, smoothly; 1 keeps it
 */
public record TrainSettings(Integer epochs, int patience, Integer batchSize, int filters, int kernel, int depth,
                            double dropout, SegmentationLoss loss, UNet.Upsampling upsampling,
                            Integer timeLimitMinutes, boolean flipAugmentation, boolean batchNormalization,
                            double learningRateDecay) {
    /** Epochs on the synthetic data when none are given: few, so that {@code run-all} takes minutes on 2 cores. */
    public static final int DEFAULT_SYNTHETIC_EPOCHS = 6;
    /** Epochs on real data when none are given: the original's limit (early stopping ends sooner). */
    public static final int DEFAULT_REAL_EPOCHS = 200;
    /**
     * Batch size on the synthetic data when none is given: smaller than the original's so that the few
     * default epochs make enough optimiser steps for the model to find the salt.
     */
    public static final int DEFAULT_SYNTHETIC_BATCH = 8;
    /** Batch size on real data when none is given: the original's. */
    public static final int DEFAULT_REAL_BATCH = 32;
    /** Epochs without a better validation AUC before early stopping, when none is given: the original's. */
    public static final int DEFAULT_PATIENCE = 10;
    /** U-Net filters of the first level when none are given: the original's. */
    public static final int DEFAULT_FILTERS = 8;
    /** U-Net kernel size when none is given: the original's. */
    public static final int DEFAULT_KERNEL = 5;
    /** U-Net depth when none is given: the original's. */
    public static final int DEFAULT_DEPTH = 2;
    /** Dropout rate when none is given: the original's. */
    public static final double DEFAULT_DROPOUT = 0.5;
    /** The loss when none is given: the original's focal cross-entropy. */
    public static final SegmentationLoss DEFAULT_LOSS = SegmentationLoss.FOCAL;
    /** The learning-rate factor per epoch when none is given: constant. */
    public static final double DEFAULT_LEARNING_RATE_DECAY = 1;

    /** Checks the values (null epochs, batch size and up-sampling mean "the default of the data"). */
    public TrainSettings {
        if (epochs != null && epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1, got " + patience);
        }
        if (batchSize != null && batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (filters < 1) {
            throw new IllegalArgumentException("filters must be at least 1, got " + filters);
        }
        if (kernel < 1 || kernel > 9 || kernel % 2 == 0) {
            throw new IllegalArgumentException("the kernel size must be odd and between 1 and 9, got " + kernel);
        }
        if (depth < 1 || depth > 5) {
            throw new IllegalArgumentException("the U-Net depth must be between 1 and 5, got " + depth);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("the dropout rate must be in [0, 1), got " + dropout);
        }
        Objects.requireNonNull(loss, "loss");
        if (timeLimitMinutes != null && timeLimitMinutes < 1) {
            throw new IllegalArgumentException("the time limit must be at least 1 minute, got " + timeLimitMinutes);
        }
        if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
            throw new IllegalArgumentException("the learning-rate decay must be in (0, 1], got " + learningRateDecay);
        }
    }

    /** The defaults (epochs, batch size and up-sampling left to the data). */
    public static TrainSettings defaults() {
        return new TrainSettings(null, DEFAULT_PATIENCE, null, DEFAULT_FILTERS, DEFAULT_KERNEL, DEFAULT_DEPTH,
                DEFAULT_DROPOUT, DEFAULT_LOSS, null, null, false, false, DEFAULT_LEARNING_RATE_DECAY);
    }

    /** These settings with the defaults of the data filled in where none were given. */
    public TrainSettings resolvedFor(boolean synthetic, ResolutionMode resolution) {
        return new TrainSettings(epochs != null ? epochs : synthetic ? DEFAULT_SYNTHETIC_EPOCHS : DEFAULT_REAL_EPOCHS,
                patience, batchSize != null ? batchSize : synthetic ? DEFAULT_SYNTHETIC_BATCH : DEFAULT_REAL_BATCH,
                filters, kernel, depth, dropout, loss, upsampling != null ? upsampling
                : resolution == ResolutionMode.FULL ? UNet.Upsampling.NEAREST_THEN_CONVOLUTION
                : UNet.Upsampling.TRANSPOSED_CONVOLUTION, timeLimitMinutes, flipAugmentation, batchNormalization,
                learningRateDecay);
    }

    /** Whether epochs and batch size are given (not "the default of the data", see {@link #resolvedFor}). */
    public boolean resolved() {
        return epochs != null && batchSize != null;
    }

    /** The training time budget, or null for none. */
    public Duration timeLimit() {
        return timeLimitMinutes == null ? null : Duration.ofMinutes(timeLimitMinutes);
    }
}
