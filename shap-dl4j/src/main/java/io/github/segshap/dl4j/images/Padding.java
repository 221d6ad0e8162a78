package io.github.segshap.dl4j.images;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;

/**
 * Centred padding and cropping, for networks that need sizes the images do not have (the seed's
 * U-Net needs multiples of 4: pad 101 x 101 to 104 x 104, explain, and crop the maps back with
 * {@link #cropCenter(double[], int, int, int, int, int)}).
 *
 * <p>A pad from {@code h} to {@code H} puts {@code (H - h) / 2} rows on top and the rest at the
 * bottom (101 -> 104: 1 on top, 2 below), the same for columns; {@link #cropCenter} undoes it.
 */
public final class Padding {
    /** How the new border is filled. */
    public enum Mode {
        /** Zeros. */
        ZERO,
        /** The nearest edge value repeated. */
        EDGE,
        /** Mirror without repeating the edge (NumPy's "reflect"): 3 2 | 1 2 3 4 | 3 2. */
        REFLECT
    }

    private Padding() {
    }

    /** Pads (centred) to {@code height x width}. */
    public static Image padTo(Image image, int height, int width, Mode mode) {
        ImageShape s = image.shape();
        if (height < s.height() || width < s.width()) {
            throw new IllegalArgumentException("cannot pad " + s.height() + "x" + s.width() + " to the smaller "
                    + height + "x" + width);
        }
        int top = (height - s.height()) / 2;
        int left = (width - s.width()) / 2;
        if (mode == Mode.REFLECT && (Math.max(top, height - s.height() - top) >= s.height()
                || Math.max(left, width - s.width() - left) >= s.width())) {
            throw new IllegalArgumentException("reflect padding of " + s.height() + "x" + s.width() + " to " + height
                    + "x" + width + " needs a border smaller than the image");
        }
        ImageShape out = new ImageShape(s.channels(), height, width);
        double[] v = new double[out.size()];
        for (int c = 0; c < s.channels(); c++) {
            for (int r = 0; r < height; r++) {
                int sr = source(r - top, s.height(), mode);
                for (int x = 0; x < width; x++) {
                    int sx = source(x - left, s.width(), mode);
                    v[out.index(c, r, x)] = sr < 0 || sx < 0 ? 0 : image.get(c, sr, sx);
                }
            }
        }
        return Image.of(out, v);
    }

    /** Pads (centred) to the next multiple of {@code multiple} in height and width. */
    public static Image padToMultiple(Image image, int multiple, Mode mode) {
        if (multiple < 1) {
            throw new IllegalArgumentException("multiple must be positive, got " + multiple);
        }
        return padTo(image, roundUp(image.shape().height(), multiple), roundUp(image.shape().width(), multiple), mode);
    }

    /** The smallest multiple of {@code multiple} at least {@code size}: {@code roundUp(101, 4) = 104}. */
    public static int roundUp(int size, int multiple) {
        return (size + multiple - 1) / multiple * multiple;
    }

    /** Crops an image (centred) to {@code height x width}, undoing {@link #padTo}. */
    public static Image cropCenter(Image image, int height, int width) {
        ImageShape s = image.shape();
        requireSmaller(s.height(), s.width(), height, width);
        int top = (s.height() - height) / 2;
        int left = (s.width() - width) / 2;
        ImageShape out = new ImageShape(s.channels(), height, width);
        double[] v = new double[out.size()];
        for (int c = 0; c < s.channels(); c++) {
            for (int r = 0; r < height; r++) {
                for (int x = 0; x < width; x++) {
                    v[out.index(c, r, x)] = image.get(c, r + top, x + left);
                }
            }
        }
        return Image.of(out, v);
    }

    /**
     * Crops flattened maps (centred): {@code planes} planes of {@code fromHeight x fromWidth}, plane
     * major, to {@code height x width} each, undoing {@link #padTo}.
     */
    public static double[] cropCenter(double[] maps, int planes, int fromHeight, int fromWidth, int height, int width) {
        requireSmaller(fromHeight, fromWidth, height, width);
        if (maps.length != planes * fromHeight * fromWidth) {
            throw new IllegalArgumentException(maps.length + " values are not " + planes + " planes of " + fromHeight
                    + "x" + fromWidth);
        }
        int top = (fromHeight - height) / 2;
        int left = (fromWidth - width) / 2;
        double[] out = new double[planes * height * width];
        for (int p = 0; p < planes; p++) {
            for (int r = 0; r < height; r++) {
                System.arraycopy(maps, (p * fromHeight + r + top) * fromWidth + left, out, (p * height + r) * width, width);
            }
        }
        return out;
    }

    private static void requireSmaller(int fromHeight, int fromWidth, int height, int width) {
        if (height < 1 || width < 1 || height > fromHeight || width > fromWidth) {
            throw new IllegalArgumentException("cannot crop " + fromHeight + "x" + fromWidth + " to " + height + "x"
                    + width);
        }
    }

    private static int source(int i, int n, Mode mode) {
        if (i >= 0 && i < n) {
            return i;
        }
        return switch (mode) {
            case ZERO -> -1;
            case EDGE -> i < 0 ? 0 : n - 1;
            case REFLECT -> i < 0 ? -i : 2 * (n - 1) - i;
        };
    }
}
