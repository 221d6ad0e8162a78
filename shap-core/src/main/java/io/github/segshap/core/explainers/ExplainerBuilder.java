package io.github.segshap.core.explainers;

import io.github.segshap.core.Arguments;
import io.github.segshap.core.evaluation.EvaluationOptions;
import io.github.segshap.core.evaluation.ProgressListener;
import io.github.segshap.core.masking.Masker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.players.Players;


/**
 * Options every explainer shares, with defaults: model, players and masker are required; batches
 * sized by the model's own memory budget ({@link Model#memoryBudget()}, 128 MiB by default), one
 * thread per processor, automatic additivity check with tolerance 1e-6 (relative to the largest
 * |output|, at least absolute 1e-6), seed 42.
 *
 * @param <B> the concrete builder
 */
public abstract class ExplainerBuilder<B extends ExplainerBuilder<B>> {
    final Model model;
    final Players players;
    final Masker masker;
    final EvaluationOptions.Builder evaluation = EvaluationOptions.builder();
    double additivityTolerance = 1e-6;
    boolean checkAdditivity = true;
    long seed = 42;

    ExplainerBuilder(Model model, Players players, Masker masker) {
        this.model = Arguments.notNull(model, "model");
        this.players = Arguments.notNull(players, "players");
        this.masker = Arguments.notNull(masker, "masker");
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * Explicit override of the model's {@link Model#memoryBudget()}: bytes one batch of masked images
     * and their outputs may take ({@link Model#bytesPerImage} per image), at least 1. Without it (the
     * default) batches follow the model's own budget, so they fit what the model takes in one call; a
     * model with its own budget may split a larger batch further. Results do not depend on it.
     */
    public B memoryBudget(long bytes) {
        evaluation.memoryBudget(bytes);
        return self();
    }

    /** Threads that call the model (when it is thread-safe). Results do not depend on it. */
    public B threads(int threads) {
        evaluation.threads(threads);
        return self();
    }

    /** Where progress goes. */
    public B progress(ProgressListener progress) {
        evaluation.progress(progress);
        return self();
    }

    /** The seed of sampling explainers (same seed, same numbers). */
    public B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /**
     * Tolerance of the automatic additivity check, relative to {@code max(1, max |output|)}.
     */
    public B additivityTolerance(double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("additivity tolerance must be >= 0, got " + tolerance);
        }
        this.additivityTolerance = tolerance;
        return self();
    }

    /** Whether every explanation is checked for additivity (default on). */
    public B checkAdditivity(boolean check) {
        this.checkAdditivity = check;
        return self();
    }

    /** Builds the explainer. */
    public abstract Explainer build();
}
