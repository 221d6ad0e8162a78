/**
 * Images as the explainers see them: {@link io.github.segshap.core.image.Image} (one immutable
 * multi-channel image, channels first), its {@link io.github.segshap.core.image.ImageShape}, the
 * {@link io.github.segshap.core.image.ImageBatch} handed to a model (in the
 * {@link io.github.segshap.core.image.Layout} the model reads), and the one transposition between
 * the two layouts ({@link io.github.segshap.core.image.Layout#copy}).
 */
package io.github.segshap.core.image;
