package io.github.segshap.salt.train;

/** Training loops for tests: {@link TrainSettings} of the defaults with the loop's few values changed. */
public final class TrainLoops {
    private TrainLoops() {
    }

    /** The defaults with this many epochs and this batch size. */
    public static TrainSettings loop(int epochs, int batchSize) {
        return loop(epochs, TrainSettings.DEFAULT_PATIENCE, batchSize, null, false);
    }

    /** The defaults with this loop. */
    public static TrainSettings loop(int epochs, int patience, int batchSize, Integer timeLimitMinutes, boolean flip) {
        TrainSettings d = TrainSettings.defaults();
        return new TrainSettings(epochs, patience, batchSize, d.filters(), d.kernel(), d.depth(), d.dropout(), d.loss(),
                d.upsampling(), timeLimitMinutes, flip, d.batchNormalization(), d.learningRateDecay());
    }

    /** Options of a run of {@link #loop(int, int)}. */
    public static TrainingOptions.Builder options(int epochs, int batchSize) {
        return TrainingOptions.builder(loop(epochs, batchSize));
    }
}
