package io.github.segshap.core.model;

import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.image.Layout;
import io.github.segshap.core.padding.Padding;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a model takes, as an immutable value: the channel count (or unknown), the {@link Layout} of
 * the batches it reads, and the image sizes it accepts ({@link Sizes}: a fixed height and width,
 * multiples of n, or any size). {@link #suggestedShape(ImageShape)} is the size to pad images to
 * ({@link PaddedModel} pads and crops back). Asked of any {@link Model} by {@link Model#inputSpec()}
 * and, for the sizes that only a trial reveals, {@link Model#inputSpec(ImageShape)}.
 */
public final class InputSpec {
    /** What a model says when it says nothing: unknown channels, NCHW, any size. */
    public static final InputSpec ANY = new InputSpec(0, Layout.NCHW, Sizes.any());

    private final int channels;
    private final Layout layout;
    private final Sizes sizes;

    private InputSpec(int channels, Layout layout, Sizes sizes) {
        if (channels < 0) {
            throw new IllegalArgumentException("a channel count must be positive (or 0 for unknown), got " + channels);
        }
        this.channels = channels;
        this.layout = Objects.requireNonNull(layout, "layout");
        this.sizes = Objects.requireNonNull(sizes, "sizes");
    }

    /**
     * A spec.
     *
     * @param channels the channel count, or 0 when unknown
     * @param layout   the layout of the batches the model reads
     * @param sizes    the image sizes it accepts
     */
    public static InputSpec of(int channels, Layout layout, Sizes sizes) {
        return new InputSpec(channels, layout, sizes);
    }

    /** The channel count, or empty when the model does not say. */
    public OptionalInt channels() {
        return channels > 0 ? OptionalInt.of(channels) : OptionalInt.empty();
    }

    /** The layout of the batches the model reads (the explainers build theirs in it). */
    public Layout layout() {
        return layout;
    }

    /** The image sizes the model accepts. */
    public Sizes sizes() {
        return sizes;
    }

    /** This spec with another layout. */
    public InputSpec withLayout(Layout other) {
        return new InputSpec(channels, other, sizes);
    }

    /** This spec with other accepted sizes. */
    public InputSpec withSizes(Sizes other) {
        return new InputSpec(channels, layout, other);
    }

    /**
     * The shape to give the model images of {@code images} in: {@code images} itself when its size is
     * accepted, else the smallest accepted size that holds it (pad to it and crop the outputs back).
     *
     * @throws IncompatibleInputException when the channel count differs from the model's, or the
     *                                    images are larger than a fixed size
     */
    public ImageShape suggestedShape(ImageShape images) {
        if (channels > 0 && channels != images.channels()) {
            throw new IncompatibleInputException("the model takes " + channels + " channels (layout " + layout
                    + ") but the images have " + images.channels() + " (image shape " + images + ")", null, null, null);
        }
        return sizes.suggest(images);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputSpec s && s.channels == channels && s.layout == layout && s.sizes.equals(sizes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(channels, layout, sizes);
    }

    /** E.g. {@code 3 channels, NHWC, multiples of 4}. */
    @Override
    public String toString() {
        return (channels > 0 ? channels + " channels" : "any channels") + ", " + layout + ", " + sizes;
    }

    /** The image sizes a model accepts: {@link Fixed}, {@link MultipleOf} or {@link AnySize}. */
    public sealed interface Sizes permits Fixed, MultipleOf, AnySize {
        /** Any height and width. */
        static Sizes any() {
            return AnySize.INSTANCE;
        }

        /** Exactly {@code height x width}. */
        static Sizes fixed(int height, int width) {
            return new Fixed(height, width);
        }

        /** Heights and widths that are multiples of {@code n}. */
        static Sizes multipleOf(int n) {
            return new MultipleOf(n);
        }

        /** Whether images of {@code height x width} are accepted as they are. */
        boolean accepts(int height, int width);

        /**
         * {@code images} itself when accepted, else the smallest accepted shape that holds it.
         *
         * @throws IncompatibleInputException when no accepted size holds it (larger than a fixed size)
         */
        ImageShape suggest(ImageShape images);
    }

    /**
     * Exactly one height and width.
     *
     * @param height at least 1
     * @param width  at least 1
     */
    public record Fixed(int height, int width) implements Sizes {
        /** Rejects sizes below 1. */
        public Fixed {
            if (height < 1 || width < 1) {
                throw new IllegalArgumentException("a fixed size must be positive, got " + height + "x" + width);
            }
        }

        @Override
        public boolean accepts(int h, int w) {
            return h == height && w == width;
        }

        @Override
        public ImageShape suggest(ImageShape images) {
            if (images.height() > height || images.width() > width) {
                throw new IncompatibleInputException("the model takes " + height + "x" + width + " images but the images"
                        + " are " + images.height() + "x" + images.width() + ", larger: crop or resize them to "
                        + height + "x" + width, null, null, null);
            }
            return new ImageShape(images.channels(), height, width);
        }

        @Override
        public String toString() {
            return height + "x" + width;
        }
    }

    /**
     * Heights and widths that are multiples of {@code n} (a U-Net of depth d takes multiples of 2^d).
     *
     * @param n at least 1
     */
    public record MultipleOf(int n) implements Sizes {
        /** Rejects n below 1. */
        public MultipleOf {
            if (n < 1) {
                throw new IllegalArgumentException("sizes must be multiples of a positive number, got " + n);
            }
        }

        @Override
        public boolean accepts(int h, int w) {
            return h % n == 0 && w % n == 0;
        }

        @Override
        public ImageShape suggest(ImageShape images) {
            return Padding.toMultipleOf(images.height(), images.width(), n).paddedShape(images);
        }

        @Override
        public String toString() {
            return "multiples of " + n;
        }
    }

    /** Any height and width. */
    public enum AnySize implements Sizes {
        /** The one value. */
        INSTANCE;

        @Override
        public boolean accepts(int h, int w) {
            return true;
        }

        @Override
        public ImageShape suggest(ImageShape images) {
            return images;
        }

        @Override
        public String toString() {
            return "any size";
        }
    }
}
