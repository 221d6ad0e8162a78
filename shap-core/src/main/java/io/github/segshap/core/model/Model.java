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
 *
 * <p><b>Memory.</b> A model owns the one memory budget of a call: {@link #memoryBudget()} bytes per
 * {@link #predict} call, of which each image takes {@link #bytesPerImage(ImageShape)}. The explainers
 * send batches of at most {@link #imagesWithin imagesWithin(memoryBudget(), bytesPerImage(shape))}
 * images, so a batch they send fits the model's budget (unless an explainer's {@code batchBytes}
 * option overrides it).
 */
public interface Model {
    /** The default {@link #memoryBudget()}: 128 MiB. */
    long DEFAULT_MEMORY_BUDGET = 128L << 20;

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
     * Bytes one {@link #predict} call may take: the batch's input images and outputs, plus whatever
     * the model allocates for them, {@link #bytesPerImage(ImageShape)} per image. The explainers size
     * their batches from it. The default is {@link #DEFAULT_MEMORY_BUDGET} (128 MiB); must be positive.
     */
    default long memoryBudget() {
        return DEFAULT_MEMORY_BUDGET;
    }

    /**
     * Bytes one image of shape {@code input} takes in a {@link #predict} call, counted against
     * {@link #memoryBudget()}. The default counts the input and the output in double precision plus
     * one single-precision copy of the input: {@code 12 x input.size() + 8 x outputShape(input).size()}.
     * Models with working memory (a network's activations) override it; must be positive.
     */
    default long bytesPerImage(ImageShape input) {
        return 12L * input.size() + 8L * outputShape(input).size();
    }

    /**
     * How many images of {@code bytesPerImage} bytes fit in {@code budget} bytes: at least 1 (a
     * single image is always sent, whatever it costs), at most {@link Integer#MAX_VALUE}. The one rule
     * by which callers and models turn a budget into a batch size, so they agree.
     *
     * @throws IllegalArgumentException when either argument is not positive
     */
    static int imagesWithin(long budget, long bytesPerImage) {
        if (budget < 1 || bytesPerImage < 1) {
            throw new IllegalArgumentException("a memory budget of " + budget + " bytes for images of "
                    + bytesPerImage + " bytes each: both must be positive");
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, budget / bytesPerImage));
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
