package io.github.segshap.salt.train;

import io.github.segshap.zoo.loss.FocalLoss;
import io.github.segshap.salt.train.metrics.SegmentationMetrics;
import java.util.Objects;
import java.util.Optional;

/**
 * What one training epoch produced.
 *
 * @param epoch epoch number, starting at 1
 * @param loss mean training loss over the epoch's mini-batches, in training mode (dropout on) while
 *             the weights change: the DL4J score of a {@code CnnLossLayer}, i.e. the loss summed
 *             over the pixels of an image, averaged over the images (see {@link FocalLoss})
 * @param validationLoss the validation set's loss after the epoch, in inference mode, reduced the
 *             same way (sum over an image's pixels, mean over images)
 * @param train training-set metrics in inference mode after the epoch, or null if not computed
 * @param validation validation-set metrics after the epoch
 * @param trainSeconds wall time of the optimisation steps
 * @param evalSeconds wall time of computing the metrics
 * @param best whether this epoch has the best validation AUC so far
 */
public record EpochResult(int epoch, double loss, double validationLoss, SegmentationMetrics train,
                          SegmentationMetrics validation,
                          double trainSeconds, double evalSeconds, boolean best) {

    /**
     * Checks the validation metrics are present.
     *
     * @throws NullPointerException if validation is null
     */
    public EpochResult {
        Objects.requireNonNull(validation, "validation");
    }

    /** @return training metrics if they were computed */
    public Optional<SegmentationMetrics> trainMetrics() {
        return Optional.ofNullable(train);
    }

    /** @return total wall time of the epoch */
    public double seconds() {
        return trainSeconds + evalSeconds;
    }
}
