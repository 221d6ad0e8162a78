/**
 * Where coalitions are evaluated: {@link io.github.segshap.core.evaluation.Coalition} (a set of
 * present players), {@link io.github.segshap.core.evaluation.CoalitionEvaluator} (masked images,
 * memory-bounded batches, shared base value, parallel model calls with deterministic results, the
 * calls in flight within a quarter of the heap or a
 * {@link io.github.segshap.core.evaluation.NotEnoughMemoryException} before anything starts),
 * {@link io.github.segshap.core.evaluation.MaskedGame} (the game of one explained image, whose
 * reused batch buffers rewrite only the players that change),
 * {@link io.github.segshap.core.evaluation.EvaluationOptions} and
 * {@link io.github.segshap.core.evaluation.ProgressListener}.
 */
package io.github.segshap.core.evaluation;
