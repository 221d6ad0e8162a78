package io.github.segshap.core.evaluation;

import io.github.segshap.core.Arguments;
import io.github.segshap.core.model.Model;

import java.util.OptionalLong;

/**
 * How coalitions are evaluated: an optional override of the memory budget of one model batch, the
 * number of threads that call the model, and where progress goes. Immutable; build with
 * {@link #builder()}.
 *
 * <p>Defaults: the model's own budget ({@link Model#memoryBudget()}, 128 MiB unless the model says
 * otherwise), one thread per available processor, no progress.
 */
public final class EvaluationOptions {
    private final OptionalLong memoryBudget;
    private final int threads;
    private final ProgressListener progress;

    private EvaluationOptions(Builder b) {
        this.memoryBudget = b.memoryBudget;
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

    /**
     * The explicit budget of one batch, if one was set ({@link Builder#memoryBudget(long)}); empty when
     * batches follow the model's {@link Model#memoryBudget()}.
     */
    public OptionalLong memoryBudget() {
        return memoryBudget;
    }

    /**
     * Bytes one batch sent to {@code model} may take: the explicit override when set, else
     * {@code model.memoryBudget()}.
     *
     * @throws IllegalStateException when the model's budget is not positive
     */
    public long memoryBudget(Model model) {
        if (memoryBudget.isPresent()) {
            return memoryBudget.getAsLong();
        }
        long budget = model.memoryBudget();
        if (budget < 1) {
            throw new IllegalStateException("the model " + model + " has a memory budget of " + budget
                    + " bytes: Model.memoryBudget() must be positive");
        }
        return budget;
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
        Builder b = new Builder().threads(threads).progress(progress);
        b.memoryBudget = memoryBudget;
        return b;
    }

    /** Builder for {@link EvaluationOptions}. */
    public static final class Builder {
        private OptionalLong memoryBudget = OptionalLong.empty();
        private int threads = Runtime.getRuntime().availableProcessors();
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {
        }

        /**
         * Overrides the model's {@link Model#memoryBudget()}: bytes one batch may take (masked inputs
         * plus outputs, {@link Model#bytesPerImage} per image); at least 1. Without it batches follow
         * the model's budget. A model with its own budget may split a larger batch further.
         */
        public Builder memoryBudget(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("batch memory budget must be positive, got " + bytes + " bytes");
            }
            this.memoryBudget = OptionalLong.of(bytes);
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
            this.progress = Arguments.notNull(progress, "progress");
            return this;
        }

        /** The options. */
        public EvaluationOptions build() {
            return new EvaluationOptions(this);
        }
    }
}
