package io.github.segshap.salt.train;

/**
 * Receives training events from a {@link Trainer}, e.g. to record a run (see
 * {@code io.github.segshap.salt.train.tracking.MlflowEpochListener}). Methods run on the training thread;
 * an exception thrown here stops training and propagates out of {@link Trainer#fit}.
 */
public interface EpochListener {

    /**
     * Called once before the first epoch.
     *
     * @param options the options in use
     * @param train training data
     * @param validation validation data
     */
    default void onStart(TrainingOptions options, SegmentationData train, SegmentationData validation) {
    }

    /**
     * Called after every epoch.
     *
     * @param result the epoch's results
     */
    void onEpoch(EpochResult result);

    /**
     * Called once after training (after the best weights were restored).
     *
     * @param result the whole run
     */
    default void onEnd(TrainingResult result) {
    }
}
