package io.github.segshap.salt.train;

import io.github.segshap.command.ProgressMode;
import io.github.segshap.salt.SaltDefaults;
import io.github.segshap.salt.prepare.ResolutionMode;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Immutable options of one {@link Trainer} run; build with {@link #builder(TrainSettings)}. The
 * training loop (epochs, batch size, patience, flips, time limit) is the {@link TrainSettings} record
 * the run folder saves, declared and defaulted there once; these options add only what belongs to
 * the run: the seed (default {@value SaltDefaults#SEED}), the early-stopping tolerance (0), whether the
 * training-set metrics are computed (yes, on every sample) and the best weights restored (yes), the
 * metrics' threshold (0.5), the evaluation batch size (128), where progress goes and the clock. The
 * learning rate and optimiser (Adam 1e-3) belong to the network configuration.
 */
public final class TrainingOptions {
    private final TrainSettings settings;
    private final int evalBatchSize;
    private final double minDelta;
    private final long seed;
    private final boolean evaluateTrain;
    private final boolean restoreBest;
    private final double threshold;
    private final int trainMetricsSamples;
    private final Consumer<String> progress;
    private final ProgressMode batchProgress;
    private final LongSupplier clock;

    private TrainingOptions(Builder b) {
        this.settings = b.settings;
        this.evalBatchSize = b.evalBatchSize;
        this.minDelta = b.minDelta;
        this.seed = b.seed;
        this.evaluateTrain = b.evaluateTrain;
        this.restoreBest = b.restoreBest;
        this.threshold = b.threshold;
        this.trainMetricsSamples = b.trainMetricsSamples;
        this.progress = b.progress;
        this.batchProgress = b.batchProgress;
        this.clock = b.clock;
    }

    /**
     * @param settings the training loop, resolved (epochs and batch size given, see
     *                 {@link TrainSettings#resolvedFor})
     * @return a builder of a run of these settings, with the defaults of the rest
     * @throws IllegalArgumentException when epochs or batch size are still "the default of the data"
     */
    public static Builder builder(TrainSettings settings) {
        return new Builder(settings);
    }

    /** @return the options of a run of the real data's default settings */
    public static TrainingOptions defaults() {
        return builder(TrainSettings.defaults().resolvedFor(false, ResolutionMode.SEED)).build();
    }

    /** @return a builder initialised from these options */
    public Builder toBuilder() {
        Builder b = new Builder(settings);
        b.evalBatchSize = evalBatchSize;
        b.minDelta = minDelta;
        b.seed = seed;
        b.evaluateTrain = evaluateTrain;
        b.restoreBest = restoreBest;
        b.threshold = threshold;
        b.trainMetricsSamples = trainMetricsSamples;
        b.progress = progress;
        b.batchProgress = batchProgress;
        b.clock = clock;
        return b;
    }

    /** @return the training loop: epochs, batch size, patience, flips and time limit (resolved) */
    public TrainSettings settings() {
        return settings;
    }

    /** @return batch size for inference when computing metrics (default 128) */
    public int evalBatchSize() {
        return evalBatchSize;
    }

    /** @return smallest AUC increase that counts as an improvement (default 0, i.e. any increase) */
    public double minDelta() {
        return minDelta;
    }

    /** @return seed of shuffling, augmentation and ND4J's random generator (dropout) (default {@value SaltDefaults#SEED}) */
    public long seed() {
        return seed;
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

    /** @return the clock of the time limit, in nanoseconds (default {@link System#nanoTime()}) */
    public LongSupplier clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "TrainingOptions[" + settings + ", evalBatchSize=" + evalBatchSize + ", minDelta=" + minDelta
                + ", seed=" + seed + ", evaluateTrain=" + evaluateTrain + ", restoreBest=" + restoreBest
                + ", threshold=" + threshold + ", trainMetricsSamples=" + trainMetricsSamples + "]";
    }

    /** Mutable builder of {@link TrainingOptions}; every setter validates its argument. */
    public static final class Builder {
        private TrainSettings settings;
        private int evalBatchSize = 128;
        private double minDelta = 0.0;
        private long seed = SaltDefaults.SEED;
        private boolean evaluateTrain = true;
        private boolean restoreBest = true;
        private double threshold = 0.5;
        private int trainMetricsSamples = Integer.MAX_VALUE;
        private Consumer<String> progress = System.out::println;
        private ProgressMode batchProgress = ProgressMode.OFF;
        private LongSupplier clock = System::nanoTime;

        private Builder(TrainSettings settings) {
            settings(settings);
        }

        private static int positive(String name, int v) {
            if (v <= 0) {
                throw new IllegalArgumentException(name + " must be > 0, got " + v);
            }
            return v;
        }

        /**
         * @param v the training loop, resolved (epochs and batch size given)
         * @return this
         * @throws IllegalArgumentException when epochs or batch size are still "the default of the data"
         */
        public Builder settings(TrainSettings v) {
            Objects.requireNonNull(v, "settings");
            if (!v.resolved()) {
                throw new IllegalArgumentException("training settings not resolved for the data: " + v);
            }
            settings = v;
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

        /**
         * @param v the clock the time limit is measured with, in nanoseconds
         * @return this
         */
        public Builder clock(LongSupplier v) {
            clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        /** @return the options */
        public TrainingOptions build() {
            return new TrainingOptions(this);
        }
    }
}
