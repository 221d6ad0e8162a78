/**
 * Images as the explainers see them: {@link io.github.segshap.core.image.Image} (one immutable
 * multi-channel image), its {@link io.github.segshap.core.image.ImageShape}, and the
 * {@link io.github.segshap.core.image.ImageBatch} handed to a model.
 */
package io.github.segshap.core.image;
