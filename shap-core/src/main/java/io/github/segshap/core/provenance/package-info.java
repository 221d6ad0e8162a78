/**
 * How a result was made: {@link io.github.segshap.core.provenance.Provenance} (explainer, options,
 * budget, seed, masker, background and its fingerprint, players, model, padding, versions, date),
 * saved beside every explanation so that it can be re-created, and
 * {@link io.github.segshap.core.provenance.Fingerprint} (SHA-256 of images, arrays and files) that
 * ties a record to the exact data it was made from;
 * {@link io.github.segshap.core.provenance.Precision} (the arithmetic of the model's passes, float32
 * or int8) and {@link io.github.segshap.core.provenance.PrecisionRecord} (a reduced precision's
 * calibration and measured error, kept in the provenance's {@code precision*} extra entries).
 */
package io.github.segshap.core.provenance;
