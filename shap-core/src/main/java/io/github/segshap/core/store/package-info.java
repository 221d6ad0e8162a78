/**
 * The resumable store of explanations: {@link io.github.segshap.core.store.ResultStore} keeps one
 * explanation folder per unit (an image, a batch of images, a batch of tiles) under one folder, put
 * atomically, checked on resuming against the run's recipe ({@link
 * io.github.segshap.core.store.OtherRecipeException} names what differs) and against its checksums
 * (a damaged unit is removed and redone), with the temporaries of killed runs named and cleaned;
 * {@link io.github.segshap.core.store.Merger} is the one merge of its units (images or batches) into
 * a single explanation folder, streamed, every checksum and recipe verified
 * ({@link io.github.segshap.core.store.MissingUnitException} names an image without a unit).
 * Used by {@code segshap explain}, {@code explain-section}, the salt explain stage and the Spark job.
 */
package io.github.segshap.core.store;
