package io.github.segshap.salt.train;

import java.util.List;

/**
 * Outcome of {@link Trainer#fit}.
 *
 * @param history one entry per epoch run, in order (unmodifiable)
 * @param bestEpoch epoch with the best validation AUC (1-based); its weights are in the network
 *     when {@link TrainingOptions#restoreBest()} is on
 * @param bestValidationAuc that AUC
 * @param stopReason what ended training
 * @param seconds total wall time
 */
public record TrainingResult(List<EpochResult> history, int bestEpoch, double bestValidationAuc,
                             StopReason stopReason, double seconds) {

    /** What ended training. */
    public enum StopReason {
        /** The maximum number of epochs was run. */
        EPOCH_LIMIT,
        /** The validation AUC did not improve for the patience. */
        EARLY_STOPPING,
        /** The next epoch would have ended after the time limit. */
        TIME_LIMIT
    }

    /** Makes the history unmodifiable. */
    public TrainingResult {
        history = List.copyOf(history);
        java.util.Objects.requireNonNull(stopReason, "stopReason");
    }

    /** @return whether early stopping (not the epoch or time limit) ended training */
    public boolean stoppedEarly() {
        return stopReason == StopReason.EARLY_STOPPING;
    }

    /** @return the result of the best epoch */
    public EpochResult best() {
        return history.get(bestEpoch - 1);
    }

    /** @return number of epochs run */
    public int epochsRun() {
        return history.size();
    }
}
