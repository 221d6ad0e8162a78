package io.github.segshap.salt.train;

import io.github.segshap.command.ProgressMode;
import io.github.segshap.salt.SaltDefaults;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Immutable options of a {@link Trainer}; build with {@link #builder()}. Defaults are the original
 * study's (PIPELINE.md section 3): up to 200 epochs, batch 32, early stopping on validation AUC with
 * patience 10 restoring the best weights, seed {@value SaltDefaults#SEED}, no augmentation, threshold 0.5; no time limit and
 * training-set metrics on every training sample. The learning rate
 * and optimiser (Adam 1e-3) belong to the network configuration, not to these options.
 */
public final class TrainingOptions {
    /** Most epochs by default: the original's limit (early stopping usually ends sooner). */
    public static final int DEFAULT_EPOCHS = 200;
    /** Training mini-batch size by default: the original's. */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** Epochs without a better validation AUC before early stopping, by default: the original's. */
    public static final int DEFAULT_PATIENCE = 10;

    private final int epochs;
    private final int batchSize;
    private final int evalBatchSize;
    private final int patience;
    private final double minDelta;
    private final long seed;
    private final boolean flipAugmentation;
    private final boolean evaluateTrain;
    private final boolean restoreBest;
    private final double threshold;
    private final Duration timeLimit;
    private final int trainMetricsSamples;
    private final Consumer<String> progress;
    private final ProgressMode batchProgress;

    private TrainingOptions(Builder b) {
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.evalBatchSize = b.evalBatchSize;
        this.patience = b.patience;
        this.minDelta = b.minDelta;
        this.seed = b.seed;
        this.flipAugmentation = b.flipAugmentation;
        this.evaluateTrain = b.evaluateTrain;
        this.restoreBest = b.restoreBest;
        this.threshold = b.threshold;
        this.timeLimit = b.timeLimit;
        this.trainMetricsSamples = b.trainMetricsSamples;
        this.progress = b.progress;
        this.batchProgress = b.batchProgress;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the defaults */
    public static TrainingOptions defaults() {
        return builder().build();
    }

    /** @return a builder initialised from these options */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.evalBatchSize = evalBatchSize;
        b.patience = patience;
        b.minDelta = minDelta;
        b.seed = seed;
        b.flipAugmentation = flipAugmentation;
        b.evaluateTrain = evaluateTrain;
        b.restoreBest = restoreBest;
        b.threshold = threshold;
        b.timeLimit = timeLimit;
        b.trainMetricsSamples = trainMetricsSamples;
        b.progress = progress;
        b.batchProgress = batchProgress;
        return b;
    }

    /** @return maximum number of epochs (default 200) */
    public int epochs() {
        return epochs;
    }

    /** @return training mini-batch size (default 32) */
    public int batchSize() {
        return batchSize;
    }

    /** @return batch size for inference when computing metrics (default 128) */
    public int evalBatchSize() {
        return evalBatchSize;
    }

    /** @return epochs without validation-AUC improvement before stopping (default 10) */
    public int patience() {
        return patience;
    }

    /** @return smallest AUC increase that counts as an improvement (default 0, i.e. any increase) */
    public double minDelta() {
        return minDelta;
    }

    /** @return seed of shuffling, augmentation and ND4J's random generator (dropout) (default {@value SaltDefaults#SEED}) */
    public long seed() {
        return seed;
    }

    /** @return whether each training sample is flipped left-right with probability 1/2 per epoch */
    public boolean flipAugmentation() {
        return flipAugmentation;
    }

    /** @return whether the training-set metrics are computed after each epoch (default true) */
    public boolean evaluateTrain() {
        return evaluateTrain;
    }

    /** @return whether the best weights are restored at the end (default true) */
    public boolean restoreBest() {
        return restoreBest;
    }

    /** @return probability threshold of the thresholded metrics (default 0.5) */
    public double threshold() {
        return threshold;
    }

    /**
     * @return the wall-time budget of {@link Trainer#fit} (default none, {@code null}): no epoch is
     *     started that would, at the pace of the epochs so far, end after it; the best weights are
     *     restored as after early stopping
     */
    public Duration timeLimit() {
        return timeLimit;
    }

    /**
     * @return at most this many training samples (a fixed seeded subset) are used for the
     *     training-set metrics after each epoch (default all, {@link Integer#MAX_VALUE})
     */
    public int trainMetricsSamples() {
        return trainMetricsSamples;
    }

    /** @return where one progress line per epoch goes (default standard output) */
    public Consumer<String> progress() {
        return progress;
    }

    /**
     * @return how progress within an epoch is shown (default none): a bar, or a plain line to
     *     {@link #progress()} every few seconds
     */
    public ProgressMode batchProgress() {
        return batchProgress;
    }

    @Override
    public String toString() {
        return "TrainingOptions[epochs=" + epochs + ", batchSize=" + batchSize + ", evalBatchSize=" + evalBatchSize
                + ", patience=" + patience + ", minDelta=" + minDelta + ", seed=" + seed
                + ", flipAugmentation=" + flipAugmentation + ", evaluateTrain=" + evaluateTrain
                + ", restoreBest=" + restoreBest + ", threshold=" + threshold + ", timeLimit=" + timeLimit
                + ", trainMetricsSamples=" + trainMetricsSamples + "]";
    }

    /** Mutable builder of {@link TrainingOptions}; every setter validates its argument. */
    public static final class Builder {
        private int epochs = DEFAULT_EPOCHS;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int evalBatchSize = 128;
        private int patience = DEFAULT_PATIENCE;
        private double minDelta = 0.0;
        private long seed = SaltDefaults.SEED;
        private boolean flipAugmentation = false;
        private boolean evaluateTrain = true;
        private boolean restoreBest = true;
        private double threshold = 0.5;
        private Duration timeLimit = null;
        private int trainMetricsSamples = Integer.MAX_VALUE;
        private Consumer<String> progress = System.out::println;
        private ProgressMode batchProgress = ProgressMode.OFF;

        private Builder() {
        }

        private static int positive(String name, int v) {
            if (v <= 0) {
                throw new IllegalArgumentException(name + " must be > 0, got " + v);
            }
            return v;
        }

        /**
         * @param v maximum epochs, &gt; 0
         * @return this
         */
        public Builder epochs(int v) {
            epochs = positive("epochs", v);
            return this;
        }

        /**
         * @param v training batch size, &gt; 0
         * @return this
         */
        public Builder batchSize(int v) {
            batchSize = positive("batchSize", v);
            return this;
        }

        /**
         * @param v inference batch size for metrics, &gt; 0
         * @return this
         */
        public Builder evalBatchSize(int v) {
            evalBatchSize = positive("evalBatchSize", v);
            return this;
        }

        /**
         * @param v early-stopping patience in epochs, &gt; 0
         * @return this
         */
        public Builder patience(int v) {
            patience = positive("patience", v);
            return this;
        }

        /**
         * @param v minimum AUC improvement, &gt;= 0
         * @return this
         */
        public Builder minDelta(double v) {
            if (!(v >= 0)) {
                throw new IllegalArgumentException("minDelta must be >= 0, got " + v);
            }
            minDelta = v;
            return this;
        }

        /**
         * @param v random seed
         * @return this
         */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /**
         * @param v whether to flip training samples left-right at random
         * @return this
         */
        public Builder flipAugmentation(boolean v) {
            flipAugmentation = v;
            return this;
        }

        /**
         * @param v whether to compute training-set metrics each epoch
         * @return this
         */
        public Builder evaluateTrain(boolean v) {
            evaluateTrain = v;
            return this;
        }

        /**
         * @param v whether to restore the best weights at the end
         * @return this
         */
        public Builder restoreBest(boolean v) {
            restoreBest = v;
            return this;
        }

        /**
         * @param v probability threshold in (0, 1)
         * @return this
         */
        public Builder threshold(double v) {
            if (!(v > 0 && v < 1)) {
                throw new IllegalArgumentException("threshold must be in (0, 1), got " + v);
            }
            threshold = v;
            return this;
        }

        /**
         * @param v wall-time budget of training, positive, or {@code null} for none
         * @return this
         */
        public Builder timeLimit(Duration v) {
            if (v != null && (v.isZero() || v.isNegative())) {
                throw new IllegalArgumentException("timeLimit must be positive, got " + v);
            }
            timeLimit = v;
            return this;
        }

        /**
         * @param v most training samples used for the per-epoch training metrics, &gt; 0
         * @return this
         */
        public Builder trainMetricsSamples(int v) {
            trainMetricsSamples = positive("trainMetricsSamples", v);
            return this;
        }

        /**
         * @param v how progress within an epoch is shown: a bar, plain lines to the progress receiver
         *          every few seconds, or nothing (the default)
         * @return this
         */
        public Builder batchProgress(ProgressMode v) {
            batchProgress = Objects.requireNonNull(v, "batchProgress");
            return this;
        }

        /**
         * @param v receiver of progress lines; use {@code s -> { }} for silence
         * @return this builder
         */
        public Builder progress(Consumer<String> v) {
            progress = Objects.requireNonNull(v, "progress");
            return this;
        }

        /** @return the options */
        public TrainingOptions build() {
            return new TrainingOptions(this);
        }
    }
}
