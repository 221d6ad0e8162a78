package io.github.segshap.core.model;

import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.padding.Padding;

import java.util.function.Consumer;

/**
 * Finding the input size a model takes by trial, written once for every adapter: when a model fails
 * on a height and width, the next multiples of 2, 4, ... that it runs on are the size to pad to
 * ({@link #sizeError}); {@link #sizesFor} turns that finding into the {@link InputSpec.Sizes} an
 * adapter's {@link Model#inputSpec(ImageShape)} reports, {@link #paddedShape} into the shape to use.
 */
public final class InputSizes {
    private InputSizes() {
    }

    /** A forward pass on zeros of a shape, failing when the model cannot take it. */
    @FunctionalInterface
    public interface Trial {
        /** Runs the model on an image of {@code shape}; throws when it cannot. */
        void run(ImageShape shape) throws Exception;
    }

    /**
     * The error for a shape the model failed on. When padding height and width up to a multiple of
     * 2, 4, ... {@code maxMultiple} makes {@code trial} work, it names that size (and
     * {@link PaddedModel}, which does the padding and cropping); otherwise {@code otherwise}.
     *
     * @param model       how the message names the model, e.g. "the network"
     * @param shape       the shape it failed on
     * @param cause       its failure
     * @param maxMultiple the largest multiple tried (a power of two)
     * @param trial       a forward pass at a padded size
     * @param otherwise   the message when no padded size works
     */
    public static IncompatibleInputException sizeError(String model, ImageShape shape, Throwable cause,
                                                       int maxMultiple, Trial trial, String otherwise) {
        String reason = firstLine(cause);
        for (int multiple = 2; multiple <= maxMultiple; multiple *= 2) {
            Padding p = Padding.toMultipleOf(shape.height(), shape.width(), multiple);
            if (p.isIdentity()) {
                continue;
            }
            int h = p.paddedHeight();
            int w = p.paddedWidth();
            try {
                trial.run(new ImageShape(shape.channels(), h, w));
            } catch (Exception e) {
                continue;
            }
            return multipleError(model, shape, reason, multiple,
                    "probably must be multiples of " + multiple + " (it runs on " + h + "x" + w + ")", cause);
        }
        return new IncompatibleInputException(otherwise + ": " + reason, null, null, cause);
    }

    /**
     * The error for a shape whose height or width is not a multiple of {@code multiple}, naming the
     * size to pad to (the next multiples) and {@link PaddedModel}, which pads and crops back.
     *
     * @param model    how the message names the model, e.g. "the network"
     * @param shape    the shape it cannot take
     * @param reason   why, e.g. the adapter's own failure or what its configuration says
     * @param multiple the multiple heights and widths need
     * @param must     what is known of the multiple, e.g. "must be multiples of 4"
     * @param cause    the adapter's own failure, or null
     */
    public static IncompatibleInputException multipleError(String model, ImageShape shape, String reason, int multiple,
                                                           String must, Throwable cause) {
        Padding p = Padding.toMultipleOf(shape.height(), shape.width(), multiple);
        int h = p.paddedHeight();
        int w = p.paddedWidth();
        return new IncompatibleInputException(model + " cannot take " + shape.height() + "x" + shape.width()
                + " images (" + reason + "); its height and width " + must + ": pad the images to " + h + "x" + w
                + " and crop the outputs back to " + shape.height() + "x" + shape.width()
                + " (io.github.segshap.core.model.PaddedModel.of(model, " + multiple + ", BoundaryMode.MIRROR)"
                + " does both)", h, w, multiple, cause);
    }

    /**
     * {@code shape} when {@code requireCompatible} accepts it, else the padded shape its
     * {@link IncompatibleInputException} suggests, checked the same way.
     *
     * @throws IncompatibleInputException when no padded size is known to work (e.g. wrong channels)
     */
    public static ImageShape paddedShape(ImageShape shape, Consumer<ImageShape> requireCompatible) {
        try {
            requireCompatible.accept(shape);
            return shape;
        } catch (IncompatibleInputException e) {
            if (e.suggestedHeight().isEmpty() || e.suggestedWidth().isEmpty()) {
                throw e;
            }
            ImageShape padded = new ImageShape(shape.channels(), e.suggestedHeight().get(), e.suggestedWidth().get());
            requireCompatible.accept(padded);
            return padded;
        }
    }

    /**
     * The sizes a model accepts as far as images of {@code shape} tell: {@code known} when
     * {@code requireCompatible} accepts the shape, else the multiple (or fixed size) its
     * {@link IncompatibleInputException} suggests.
     *
     * @param known the sizes the model declares (e.g. from a fixed input shape)
     * @throws IncompatibleInputException when no size is known to work (e.g. wrong channels)
     */
    public static InputSpec.Sizes sizesFor(ImageShape shape, Consumer<ImageShape> requireCompatible,
                                           InputSpec.Sizes known) {
        try {
            requireCompatible.accept(shape);
            return known;
        } catch (IncompatibleInputException e) {
            if (e.suggestedMultiple().isPresent()) {
                return InputSpec.Sizes.multipleOf(e.suggestedMultiple().get());
            }
            if (e.suggestedHeight().isPresent() && e.suggestedWidth().isPresent()) {
                return InputSpec.Sizes.fixed(e.suggestedHeight().get(), e.suggestedWidth().get());
            }
            throw e;
        }
    }

    /** The first line of a failure's message (native errors are long), or its type when it has none. */
    public static String firstLine(Throwable t) {
        String m = t.getMessage();
        if (m == null) {
            return t.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
