package io.github.segshap.core.model;

import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.image.Layout;

import java.util.function.Function;

/**
 * A segmentation model as the explainers see it: a function from a batch of images
 * (N x C x H x W) to a batch of outputs (N x K), each output of a fixed {@link OutputShape}.
 *
 * <p><b>What it takes.</b> {@link #inputSpec()} says the channel count, the {@link Layout} of the
 * batches it reads (the explainers build their masked batches in it, so a channels-last model gets
 * channels-last batches) and the sizes it accepts. Runtime adapters only run the network;
 * decorators add the rest ({@link PaddedModel} pads and crops, {@link LayoutModel} declares the
 * layout of a plain model) and write their part of the provenance ({@link #record}).
 *
 * <p><b>Thread safety.</b> When {@link #isThreadSafe()} returns {@code true}, the explainers may call
 * {@link #predict} from several threads at once; otherwise calls are serialised. A model must not
 * keep or modify the batch it is given.
 *
 * <p><b>Memory.</b> A model owns the one memory budget of a call: {@link #memoryBudget()} bytes per
 * {@link #predict} call, of which each image takes {@link #bytesPerImage(ImageShape)}. The explainers
 * send batches of at most {@link #imagesWithin imagesWithin(memoryBudget(), bytesPerImage(shape))}
 * images, so a batch they send fits the model's budget (unless an explainer's {@code memoryBudget}
 * option overrides it).
 */
public interface Model extends AutoCloseable {
    /** The default {@link #memoryBudget()}: 128 MiB. */
    long DEFAULT_MEMORY_BUDGET = 128L << 20;

    /**
     * What the model takes, as far as it knows without a trial: the default is
     * {@link InputSpec#ANY} (unknown channels, NCHW batches, any size).
     */
    default InputSpec inputSpec() {
        return InputSpec.ANY;
    }

    /**
     * What the model takes for images of {@code images}' shape: {@link #inputSpec()} with the sizes a
     * trial reveals (an adapter whose network fails on 101 x 101 but runs on multiples of 4 says
     * {@link InputSpec.Sizes#multipleOf multiples of 4}), so {@code inputSpec(s).suggestedShape(s)}
     * is the size to pad to. The default is {@link #inputSpec()}.
     *
     * @throws IncompatibleInputException when the model cannot take such images at any size it tried
     *                                    (e.g. another channel count), naming the problem
     */
    default InputSpec inputSpec(ImageShape images) {
        return inputSpec();
    }

    /**
     * What the provenance records of this model for images of {@code images}' shape, each decorator
     * adding its part (the default, for a model nothing decorates: {@link ModelRecord#NONE}).
     */
    default ModelRecord record(ImageShape images) {
        return ModelRecord.NONE;
    }

    /**
     * Releases what the model holds (native sessions, network copies); the default holds nothing.
     * Throws no checked exception, so {@code try (Model m = ...)} needs no catch.
     */
    @Override
    default void close() {
    }

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
