package io.github.segshap.salt.train;

import java.util.List;

/**
 * Outcome of {@link Trainer#fit}.
 *
 * @param history one entry per epoch run, in order (unmodifiable)
 * @param bestEpoch epoch with the best validation AUC (1-based); its weights are in the network
 *     when {@link TrainingOptions#restoreBest()} is on
 * @param bestValidationAuc that AUC
 * @param stoppedEarly whether early stopping ended training before the epoch limit
 * @param seconds total wall time
 */
public record TrainingResult(List<EpochResult> history, int bestEpoch, double bestValidationAuc,
                             boolean stoppedEarly, double seconds) {

    /** Makes the history unmodifiable. */
    public TrainingResult {
        history = List.copyOf(history);
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
