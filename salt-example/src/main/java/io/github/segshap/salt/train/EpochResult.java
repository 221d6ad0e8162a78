package io.github.segshap.salt.train;

import io.github.segshap.dl4j.zoo.loss.FocalLoss;
import io.github.segshap.salt.train.metrics.SegmentationMetrics;
import java.util.Objects;
import java.util.Optional;

/**
 * What one training epoch produced.
 *
 * @param epoch epoch number, starting at 1
 * @param loss mean training loss over the epoch's mini-batches (DL4J score, see {@link FocalLoss})
 * @param train training-set metrics in inference mode after the epoch, or null if not computed
 * @param validation validation-set metrics after the epoch
 * @param trainSeconds wall time of the optimisation steps
 * @param evalSeconds wall time of computing the metrics
 * @param best whether this epoch has the best validation AUC so far
 */
public record EpochResult(int epoch, double loss, SegmentationMetrics train, SegmentationMetrics validation,
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
