package io.github.segshap.core.evaluation;

/**
 * How coalitions are evaluated: the memory budget of one model batch, the number of threads that
 * call the model, and where progress goes. Immutable; build with {@link #builder()}.
 *
 * <p>Defaults: 128 MiB per batch, one thread per available processor, no progress.
 */
public final class EvaluationOptions {
    /** The default memory budget of one batch of masked inputs and their outputs: 128 MiB. */
    public static final long DEFAULT_BATCH_BYTES = 128L << 20;

    private final long batchBytes;
    private final int threads;
    private final ProgressListener progress;

    private EvaluationOptions(Builder b) {
        this.batchBytes = b.batchBytes;
        this.threads = b.threads;
        this.progress = b.progress;
    }

    /** The defaults. */
    public static EvaluationOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Bytes one batch of masked images and their outputs may take. */
    public long batchBytes() {
        return batchBytes;
    }

    /** Threads calling the model (1 = the calling thread only). */
    public int threads() {
        return threads;
    }

    /** Where progress goes. */
    public ProgressListener progress() {
        return progress;
    }

    /** A builder with this object's values. */
    public Builder toBuilder() {
        return new Builder().batchBytes(batchBytes).threads(threads).progress(progress);
    }

    /** Builder for {@link EvaluationOptions}. */
    public static final class Builder {
        private long batchBytes = DEFAULT_BATCH_BYTES;
        private int threads = Runtime.getRuntime().availableProcessors();
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {
        }

        /** Bytes one batch may take (masked inputs plus outputs, in double precision); at least 1. */
        public Builder batchBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("batch memory budget must be positive, got " + bytes + " bytes");
            }
            this.batchBytes = bytes;
            return this;
        }

        /** Threads calling the model; at least 1. Results do not depend on it. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Where progress goes. */
        public Builder progress(ProgressListener progress) {
            this.progress = java.util.Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** The options. */
        public EvaluationOptions build() {
            return new EvaluationOptions(this);
        }
    }
}
