/**
 * The seam to the model being explained: {@link io.github.segshap.core.model.Model} maps a batch
 * of images to a batch of outputs of an {@link io.github.segshap.core.model.OutputShape} (which also
 * decides, once, whether outputs are maps of the image: {@code isMapOf}, else
 * {@link io.github.segshap.core.model.OutputNotAMapException}), says what
 * it takes ({@link io.github.segshap.core.model.InputSpec}: channels, layout, accepted sizes, the
 * size to pad to) and is {@code AutoCloseable}. Runtime adapters (DL4J, ONNX, plain Java) only run
 * the network; decorators add the rest and write their part of the provenance
 * ({@link io.github.segshap.core.model.ModelRecord}): {@link io.github.segshap.core.model.PaddedModel}
 * pads inputs and crops outputs, {@link io.github.segshap.core.model.LayoutModel} declares the
 * layout a plain model reads; both extend {@link io.github.segshap.core.model.ForwardingModel},
 * which passes on everything a decorator does not change. {@link io.github.segshap.core.model.ModelFormat} is the
 * {@code ServiceLoader} service through which front ends load model files of any format on the
 * class path; {@link io.github.segshap.core.model.InputSizes} finds by trial the sizes a network
 * takes.
 */
package io.github.segshap.core.model;
