package io.github.segshap.core.model;

import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;

import java.util.function.Function;

/**
 * A segmentation model as the explainers see it: a function from a batch of images
 * (N x C x H x W) to a batch of outputs (N x K), each output of a fixed {@link OutputShape}.
 *
 * <p><b>Thread safety.</b> When {@link #isThreadSafe()} returns {@code true}, the explainers may call
 * {@link #predict} from several threads at once; otherwise calls are serialised. A model must not
 * keep or modify the batch it is given.
 */
public interface Model {

    /** The shape of one output for images of the given shape (e.g. {@code [1, H, W]}). */
    OutputShape outputShape(ImageShape input);

    /**
     * Predicts a batch.
     *
     * @param batch the images; not modified, not retained
     * @return {@code batch.count() * outputShape(batch.shape()).size()} values, image-major, each
     *         image's output flattened row-major
     */
    double[] predict(ImageBatch batch);

    /** Whether {@link #predict} may be called concurrently. The default is {@code false}. */
    default boolean isThreadSafe() {
        return false;
    }

    /**
     * A thread-safe model from a pure function of one batch.
     *
     * @param outputShape the shape of one output, whatever the input
     * @param function    batch -> N x K outputs; must be safe to call concurrently
     */
    static Model of(OutputShape outputShape, Function<ImageBatch, double[]> function) {
        return new Model() {
            @Override
            public OutputShape outputShape(ImageShape input) {
                return outputShape;
            }

            @Override
            public double[] predict(ImageBatch batch) {
                return function.apply(batch);
            }

            @Override
            public boolean isThreadSafe() {
                return true;
            }
        };
    }

    /**
     * A thread-safe model that maps each image separately.
     *
     * @param outputShape the shape of one output
     * @param perImage    (batch, image index, destination, offset) -> writes K outputs at offset
     */
    static Model perImage(OutputShape outputShape, ImageFunction perImage) {
        return of(outputShape, batch -> {
            int k = outputShape.size();
            double[] out = new double[batch.count() * k];
            for (int n = 0; n < batch.count(); n++) {
                perImage.apply(batch, n, out, n * k);
            }
            return out;
        });
    }

    /** One image's prediction written into a shared output buffer. */
    @FunctionalInterface
    interface ImageFunction {
        /**
         * @param batch  the batch
         * @param image  the index of the image in the batch
         * @param dest   where to write K outputs; Modified
         * @param offset first index to write
         */
        void apply(ImageBatch batch, int image, double[] dest, int offset);
    }
}
