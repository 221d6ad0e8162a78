/**
 * segshap's model-agnostic engine. Sub-packages by concept: {@code image} (images and batches),
 * {@code padding}, {@code model} (the model seam and the padding decorator), {@code players},
 * {@code masking}, {@code evaluation} (coalitions and their batched evaluation), {@code explainers},
 * {@code explanation} (results), {@code provenance}, {@code io} (NumPy files, the explanation
 * folder, the provenance's JSON), {@code store} (the resumable store of explanation folders),
 * {@code sections}, {@code segmentation} (the one-call facade). {@link io.github.segshap.core.Arguments}
 * holds the argument checks every package shares.
 */
package io.github.segshap.core;
