package io.github.segshap.core.padding;

import io.github.segshap.core.Arguments;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.Layout;
import io.github.segshap.core.image.ImageShape;


/**
 * A centred pad of {@code height x width} images to {@code paddedHeight x paddedWidth}, and the crop
 * that undoes it: for networks that need sizes the images do not have (a U-Net with two 2 x 2
 * poolings needs multiples of 4, so 101 x 101 TGS images are padded to 104 x 104 with
 * {@link #toMultipleOf} and the outputs are cropped back to 101 x 101 with {@link #crop}).
 *
 * <p>The extra rows are split {@code top = extra / 2} above and the rest below (101 -> 104: 1 row
 * above, 2 below), the same for columns. The border is filled by a {@link BoundaryMode};
 * {@link BoundaryMode#MIRROR} (NumPy's {@code pad(mode='reflect')}) is what the salt example trains
 * and explains with. Immutable value; its methods pad an {@link Image}, an {@link ImageBatch}, NCHW
 * {@code float[]} images or row-major {@code double[]} planes, and crop flat outputs of any number
 * of planes. Arrays passed in are never modified; results are new arrays.
 *
 * @param height       the original height, at least 1
 * @param width        the original width, at least 1
 * @param top          rows added above
 * @param left         columns added on the left
 * @param paddedHeight height after padding, at least {@code height + top}
 * @param paddedWidth  width after padding, at least {@code width + left}
 */
public record Padding(int height, int width, int top, int left, int paddedHeight, int paddedWidth) {

    /** Validates the sizes and borders. */
    public Padding {
        if (height < 1 || width < 1 || top < 0 || left < 0 || paddedHeight < height + top
                || paddedWidth < width + left) {
            throw new IllegalArgumentException("bad padding of " + height + "x" + width + " to " + paddedHeight + "x"
                    + paddedWidth + " with the image at (" + top + ", " + left + "): sizes must be positive, borders"
                    + " non-negative and the image must fit inside the padded size");
        }
    }

    /**
     * The centred padding that brings {@code height x width} up to the next multiples of
     * {@code multiple} (101 x 101 with multiple 4: 104 x 104, 1 row and column before, 2 after).
     */
    public static Padding toMultipleOf(int height, int width, int multiple) {
        if (multiple < 1) {
            throw new IllegalArgumentException("multiple must be at least 1, got " + multiple);
        }
        return centred(height, width, roundUp(height, multiple), roundUp(width, multiple));
    }

    /**
     * The centred padding of {@code height x width} to {@code paddedHeight x paddedWidth}: also the
     * centred crop of {@code paddedHeight x paddedWidth} maps back to {@code height x width}.
     *
     * @throws IllegalArgumentException when a size is not positive or the padded size is smaller
     */
    public static Padding centred(int height, int width, int paddedHeight, int paddedWidth) {
        if (height < 1 || width < 1 || paddedHeight < height || paddedWidth < width) {
            throw new IllegalArgumentException("cannot pad " + height + "x" + width + " to " + paddedHeight + "x"
                    + paddedWidth + " (nor crop " + paddedHeight + "x" + paddedWidth + " to " + height + "x" + width
                    + "): sizes must be positive and the padded size at least the original");
        }
        return new Padding(height, width, (paddedHeight - height) / 2, (paddedWidth - width) / 2, paddedHeight,
                paddedWidth);
    }

    private static int roundUp(int size, int multiple) {
        return (int) (((long) size + multiple - 1) / multiple * multiple);
    }

    /** Rows added below. */
    public int bottom() {
        return paddedHeight - height - top;
    }

    /** Columns added on the right. */
    public int right() {
        return paddedWidth - width - left;
    }

    /** True when nothing is added. */
    public boolean isIdentity() {
        return paddedHeight == height && paddedWidth == width;
    }

    /**
     * The shape of an image of {@code shape} after padding: same channels, padded height and width.
     *
     * @throws IllegalArgumentException when {@code shape} is not {@code height x width}
     */
    public ImageShape paddedShape(ImageShape shape) {
        requireSize(shape, "image");
        return new ImageShape(shape.channels(), paddedHeight, paddedWidth);
    }

    /**
     * Pads one image.
     *
     * @param image of height {@link #height} and width {@link #width}; any number of channels
     * @param mode  how the border is filled
     * @return {@code image} itself when this padding {@link #isIdentity() adds nothing}
     */
    public Image pad(Image image, BoundaryMode mode) {
        ImageShape out = paddedShape(image.shape());
        if (isIdentity()) {
            return image;
        }
        return Image.of(out, pad(image.toArray(), image.shape().channels(), mode));
    }

    /**
     * Pads every image of a batch.
     *
     * @param batch images of height {@link #height} and width {@link #width}; not modified
     * @param mode  how the border is filled
     * @return a batch over a new buffer, or {@code batch} itself when this padding adds nothing
     */
    public ImageBatch pad(ImageBatch batch, BoundaryMode mode) {
        ImageShape out = paddedShape(batch.shape());
        if (isIdentity()) {
            return batch;
        }
        boolean last = batch.layout() == Layout.NHWC;
        int planes = last ? batch.count() : batch.count() * batch.shape().channels();
        int depth = last ? batch.shape().channels() : 1;
        double[] padded = new double[batch.count() * out.size()];
        padPlanes(batch.values(), padded, planes, depth, mode);
        return new ImageBatch(out, batch.count(), padded, batch.layout());
    }

    /**
     * Pads {@code count} NCHW images of {@code channels} channels (single precision, values copied
     * exactly).
     *
     * @param images NCHW, {@code count * channels * height * width} values; not modified
     * @param mode   how the border is filled
     * @return NCHW {@code count * channels * paddedHeight * paddedWidth} values
     */
    public float[] pad(float[] images, int count, int channels, BoundaryMode mode) {
        if (count < 1 || channels < 1) {
            throw new IllegalArgumentException("padding needs at least one image and channel, got " + count
                    + " images of " + channels + " channels");
        }
        if ((long) count * channels * height * width != images.length) {
            throw new IllegalArgumentException("padding " + count + " images of " + channels + "x" + height + "x"
                    + width + " needs " + (long) count * channels * height * width + " values, got "
                    + images.length);
        }
        float[] out = new float[count * channels * paddedHeight * paddedWidth];
        padPlanes(images, out, count * channels, 1, mode);
        return out;
    }

    /**
     * Pads {@code planes} row-major {@code height x width} planes stored one after the other (e.g.
     * the channels of an image, or N x C planes of a batch).
     *
     * @param values {@code planes * height * width} values; not modified
     * @param planes the number of planes, at least 1
     * @param mode   how the border is filled
     * @return {@code planes * paddedHeight * paddedWidth} values
     */
    public double[] pad(double[] values, int planes, BoundaryMode mode) {
        requireLength(values.length, planes, height, width, "padding");
        double[] out = new double[planes * paddedHeight * paddedWidth];
        padPlanes(values, out, planes, 1, mode);
        return out;
    }

    /**
     * Crops a padded image back to {@code height x width} (the inverse of {@link #pad(Image,
     * BoundaryMode)}).
     *
     * @param padded of height {@link #paddedHeight} and width {@link #paddedWidth}
     */
    public Image crop(Image padded) {
        ImageShape s = padded.shape();
        if (s.height() != paddedHeight || s.width() != paddedWidth) {
            throw new IllegalArgumentException("cannot crop an image of shape " + s + " with a padding of " + height
                    + "x" + width + " to " + paddedHeight + "x" + paddedWidth + ": it must be " + paddedHeight + "x"
                    + paddedWidth);
        }
        if (isIdentity()) {
            return padded;
        }
        return Image.of(new ImageShape(s.channels(), height, width), crop(padded.toArray(), s.channels()));
    }

    /**
     * Crops flat outputs back to the centre {@code height x width}: {@code planes} row-major
     * {@code paddedHeight x paddedWidth} planes one after the other (e.g. N images x K classes).
     *
     * @param padded {@code planes * paddedHeight * paddedWidth} values; not modified
     * @param planes the number of planes, at least 1
     * @return {@code planes * height * width} values, a new array
     */
    public double[] crop(double[] padded, int planes) {
        requireLength(padded.length, planes, paddedHeight, paddedWidth, "cropping");
        double[] out = new double[planes * height * width];
        cropPlanes(padded, out, planes);
        return out;
    }

    /** The single-precision {@link #crop(double[], int)}. */
    public float[] crop(float[] padded, int planes) {
        requireLength(padded.length, planes, paddedHeight, paddedWidth, "cropping");
        float[] out = new float[planes * height * width];
        cropPlanes(padded, out, planes);
        return out;
    }

    // ---------------------------------------------------------------- one implementation for float[] and double[]

    /**
     * Pads {@code planes} planes of {@code in} into the zeroed {@code out}; both are float[] or both
     * double[]. Each pixel is {@code depth} consecutive values: 1 for channels-first planes, the
     * channel count for a channels-last image (one plane of C-value pixels).
     */
    private void padPlanes(Object in, Object out, int planes, int depth, BoundaryMode mode) {
        Arguments.notNull(mode, "mode");
        requireBorders(mode);
        int[] rows = sources(top, height, paddedHeight, mode);
        int[] cols = sources(left, width, paddedWidth, mode);
        int inPlane = height * width * depth;
        int outPlane = paddedHeight * paddedWidth * depth;
        for (int p = 0; p < planes; p++) {
            for (int r = 0; r < paddedHeight; r++) {
                if (rows[r] < 0) {
                    continue; // zeros
                }
                int src = p * inPlane + rows[r] * width * depth;
                int dst = p * outPlane + r * paddedWidth * depth;
                System.arraycopy(in, src, out, dst + left * depth, width * depth);
                for (int c = 0; c < left; c++) {
                    copyOne(in, src, cols[c], out, dst + c * depth, depth);
                }
                for (int c = left + width; c < paddedWidth; c++) {
                    copyOne(in, src, cols[c], out, dst + c * depth, depth);
                }
            }
        }
    }

    private static void copyOne(Object in, int rowStart, int column, Object out, int dst, int depth) {
        if (column >= 0) {
            System.arraycopy(in, rowStart + column * depth, out, dst, depth);
        }
    }

    /** For each padded index along an axis, the source index (or -1 for zero). */
    private static int[] sources(int before, int n, int padded, BoundaryMode mode) {
        int[] s = new int[padded];
        for (int i = 0; i < padded; i++) {
            s[i] = mode.index(i - before, n);
        }
        return s;
    }

    /** Crops {@code planes} planes of {@code in} into {@code out}; both are float[] or both double[]. */
    private void cropPlanes(Object in, Object out, int planes) {
        int inPlane = paddedHeight * paddedWidth;
        int outPlane = height * width;
        for (int p = 0; p < planes; p++) {
            for (int r = 0; r < height; r++) {
                System.arraycopy(in, p * inPlane + (r + top) * paddedWidth + left, out, p * outPlane + r * width,
                        width);
            }
        }
    }

    // ---------------------------------------------------------------- checks

    private void requireBorders(BoundaryMode mode) {
        if (mode == BoundaryMode.MIRROR && (Math.max(top, bottom()) >= height || Math.max(left, right()) >= width)) {
            throw new IllegalArgumentException("mirror padding of " + height + "x" + width + " to " + paddedHeight
                    + "x" + paddedWidth + " adds " + top + " + " + bottom() + " rows and " + left + " + " + right()
                    + " columns, but a mirror border (NumPy 'reflect') must be smaller than the image: at most "
                    + (height - 1) + " rows and " + (width - 1) + " columns on a side");
        }
    }

    private void requireSize(ImageShape shape, String what) {
        if (shape.height() != height || shape.width() != width) {
            throw new IllegalArgumentException(what + " of shape " + shape + " does not fit a padding of " + height
                    + "x" + width + " to " + paddedHeight + "x" + paddedWidth + ": it must be " + height + "x" + width);
        }
    }

    private static void requireLength(int length, int planes, int h, int w, String what) {
        if (planes < 1) {
            throw new IllegalArgumentException(what + " needs at least one plane, got " + planes);
        }
        if ((long) planes * h * w != length) {
            throw new IllegalArgumentException(what + " " + planes + " planes of " + h + "x" + w + " needs "
                    + (long) planes * h * w + " values, got " + length);
        }
    }
}
