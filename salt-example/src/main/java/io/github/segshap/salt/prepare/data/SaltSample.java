package io.github.segshap.salt.prepare.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One seismic image and its salt mask, as read from the PNGs. Immutable: accessors return copies.
 *
 * <p>The image is the first channel of the 8-bit PNG, values 0..255; the mask is binary (a pixel is
 * salt when its PNG value is greater than 0). Both are row-major, row = depth (top first).
 */
public final class SaltSample {
    private final String id;
    private final int height;
    private final int width;
    private final byte[] image;
    private final boolean[] mask;
    private final double depth;

    /**
     * @param id     sample id (file name without {@code .png})
     * @param height rows
     * @param width  columns
     * @param image  unsigned 8-bit values, row-major; copied
     * @param mask   salt pixels, row-major; copied
     * @param depth  the depth from {@code depths.csv} in feet, or NaN when unknown
     */
    public SaltSample(String id, int height, int width, byte[] image, boolean[] mask, double depth) {
        this.id = Objects.requireNonNull(id, "id");
        if (image.length != height * width || mask.length != height * width) {
            throw new IllegalArgumentException("sample " + id + ": " + height + " x " + width + " needs "
                    + height * width + " pixels, image has " + image.length + ", mask " + mask.length);
        }
        this.height = height;
        this.width = width;
        this.image = image.clone();
        this.mask = mask.clone();
        this.depth = depth;
    }

    /** The sample id. */
    public String id() {
        return id;
    }

    /** Rows. */
    public int height() {
        return height;
    }

    /** Columns. */
    public int width() {
        return width;
    }

    /** The image value (0..255) at a row-major index. */
    public int pixel(int index) {
        return image[index] & 0xFF;
    }

    /** The image as doubles 0..255, row-major (a new array). */
    public double[] imageAsDoubles() {
        double[] out = new double[image.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = image[i] & 0xFF;
        }
        return out;
    }

    /** The image as unsigned bytes, row-major (a copy). */
    public byte[] imageBytes() {
        return image.clone();
    }

    /** The mask (a copy). */
    public boolean[] mask() {
        return mask.clone();
    }

    /** The mask as 0 / 1 doubles, row-major (a new array). */
    public double[] maskAsDoubles() {
        double[] out = new double[mask.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = mask[i] ? 1 : 0;
        }
        return out;
    }

    /** Number of salt pixels. */
    public int saltPixels() {
        int n = 0;
        for (boolean b : mask) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /** True when every pixel has the same value (its GST similarity is undefined). */
    public boolean isConstant() {
        for (byte b : image) {
            if (b != image[0]) {
                return false;
            }
        }
        return true;
    }

    /** Depth in feet from {@code depths.csv}, or NaN when unknown. */
    public double depth() {
        return depth;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SaltSample && id.equals(((SaltSample) o).id) && height == ((SaltSample) o).height
                && Arrays.equals(image, ((SaltSample) o).image) && Arrays.equals(mask, ((SaltSample) o).mask)
                && Double.compare(depth, ((SaltSample) o).depth) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * id.hashCode() + Arrays.hashCode(image);
    }

    @Override
    public String toString() {
        return "SaltSample[" + id + ", " + height + "x" + width + ", " + saltPixels() + " salt pixels]";
    }
}
