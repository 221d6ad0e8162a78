package io.github.segshap.core.model;

import io.github.segshap.core.Arguments;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.padding.BoundaryMode;
import io.github.segshap.core.padding.Padding;


/**
 * A model that pads every input to a size the wrapped model takes and crops the outputs back, so
 * padding is declared once for any model: {@code PaddedModel.of(unet, 4, BoundaryMode.MIRROR)}
 * explains 101 x 101 images with a network that needs multiples of 4 (it sees 104 x 104) and
 * reports 101 x 101 outputs. The pad is centred ({@link Padding}: 1 row and column before, 2 after
 * for 101 -> 104).
 *
 * <p>The wrapped model's outputs must be maps of the padded size (shape {@code [..., H', W']} for
 * padded inputs {@code C x H' x W'}); every plane is cropped to the input's {@code H x W}. Cropping
 * keeps some outputs and drops others, each output unchanged, so Shapley values and their
 * additivity are those of the wrapped model at the kept outputs.
 *
 * <p>The pad keeps the wrapped model's {@link InputSpec#layout() layout} (a channels-last batch is
 * padded channels last), so a padded NHWC model still gets NHWC batches without a transposition. The
 * provenance records the padding as {@code <mode> to <H>x<W>}, e.g. {@code mirror to 104x104}
 * ({@link #record}); {@link #close()} closes the wrapped model.
 *
 * <p>Immutable; thread safe when the wrapped model is ({@link #isThreadSafe()} delegates).
 */
public final class PaddedModel extends ForwardingModel {
    private final BoundaryMode mode;
    /** Pad to multiples of this, or 0 for a fixed size. */
    private final int multiple;
    private final int height;
    private final int width;

    private PaddedModel(Model inner, BoundaryMode mode, int multiple, int height, int width) {
        super(inner);
        this.mode = Arguments.notNull(mode, "boundary mode");
        this.multiple = multiple;
        this.height = height;
        this.width = width;
    }

    /**
     * Pads each input's height and width up to the next multiples of {@code multiple}.
     *
     * @param inner    the model that needs the padded size
     * @param multiple at least 1 (a U-Net of depth d needs 2^d)
     * @param mode     how the border is filled ({@link BoundaryMode#MIRROR} is NumPy's 'reflect')
     */
    public static PaddedModel of(Model inner, int multiple, BoundaryMode mode) {
        if (multiple < 1) {
            throw new IllegalArgumentException("multiple must be at least 1, got " + multiple);
        }
        return new PaddedModel(inner, mode, multiple, 0, 0);
    }

    /**
     * Pads each input to {@code height x width} (inputs larger than that are an error).
     *
     * @param inner  the model that takes {@code height x width} inputs
     * @param height the padded height, at least 1
     * @param width  the padded width, at least 1
     * @param mode   how the border is filled
     */
    public static PaddedModel to(Model inner, int height, int width, BoundaryMode mode) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("the padded size must be positive, got " + height + "x" + width);
        }
        return new PaddedModel(inner, mode, 0, height, width);
    }

    /** The padding applied to inputs of {@code input}'s height and width. */
    public Padding padding(ImageShape input) {
        return multiple > 0 ? Padding.toMultipleOf(input.height(), input.width(), multiple)
                : Padding.centred(input.height(), input.width(), height, width);
    }

    /** How the border is filled. */
    public BoundaryMode mode() {
        return mode;
    }

    /**
     * The wrapped model's output shape at the padded size, cropped to the input's height and width.
     *
     * @throws IllegalArgumentException when the wrapped model's outputs are not maps of the padded size
     */
    @Override
    public OutputShape outputShape(ImageShape input) {
        Padding p = padding(input);
        ImageShape padded = p.paddedShape(input);
        OutputShape os = inner().outputShape(padded);
        if (os.rank() < 2 || os.height() != p.paddedHeight() || os.width() != p.paddedWidth()) {
            throw new IllegalArgumentException("the wrapped model's output " + os + " for padded inputs " + padded
                    + " is not a " + p.paddedHeight() + "x" + p.paddedWidth() + " map, so it cannot be cropped back to "
                    + input.height() + "x" + input.width() + ": padding needs outputs of the input's spatial size");
        }
        int[] dims = os.dims();
        dims[dims.length - 2] = input.height();
        dims[dims.length - 1] = input.width();
        return OutputShape.of(dims);
    }

    /**
     * The wrapped model's spec, taking any size (the padding makes it fit): its channels and layout.
     */
    @Override
    public InputSpec inputSpec() {
        return inner().inputSpec().withSizes(InputSpec.Sizes.any());
    }

    /** {@link #inputSpec()}: the padding makes any size fit, whatever a trial on the wrapped model shows. */
    @Override
    public InputSpec inputSpec(ImageShape images) {
        return inputSpec();
    }

    /**
     * The wrapped model's record with the padding images of {@code images}' shape get, as
     * {@code <mode> to <H>x<W>} (e.g. {@code mirror to 104x104}); the wrapped model's own when they
     * need none.
     */
    @Override
    public ModelRecord record(ImageShape images) {
        Padding p = padding(images);
        ModelRecord r = inner().record(p.paddedShape(images));
        return p.isIdentity() ? r : r.withPadding(describe(mode, p.paddedHeight(), p.paddedWidth()));
    }

    /** The provenance's words for a pad to {@code height x width}: e.g. {@code mirror to 104x104}. */
    public static String describe(BoundaryMode mode, int height, int width) {
        return mode.name().toLowerCase(java.util.Locale.ROOT) + " to " + height + "x" + width;
    }

    /** Pads the batch (in its layout), predicts it with the wrapped model and crops every output plane. */
    @Override
    public double[] predict(ImageBatch batch) {
        Padding p = padding(batch.shape());
        if (p.isIdentity()) {
            return inner().predict(batch);
        }
        double[] out = inner().predict(p.pad(batch, mode));
        long plane = (long) p.paddedHeight() * p.paddedWidth();
        if (out.length % (batch.count() * plane) != 0) {
            throw new IllegalStateException("the wrapped model returned " + out.length + " values for "
                    + batch.count() + " padded images of " + p.paddedHeight() + "x" + p.paddedWidth()
                    + ", not a whole number of " + p.paddedHeight() + "x" + p.paddedWidth() + " planes per image");
        }
        return p.crop(out, (int) (out.length / plane));
    }

    /** The wrapped model's cost of one image at the padded size, plus the unpadded batch it is made from. */
    @Override
    public long bytesPerImage(ImageShape input) {
        return inner().bytesPerImage(padding(input).paddedShape(input)) + (long) Double.BYTES * input.size();
    }

    @Override
    public String toString() {
        String to = multiple > 0 ? "multiples of " + multiple : height + "x" + width;
        return "PaddedModel[" + to + ", " + mode + ", " + inner() + "]";
    }
}
