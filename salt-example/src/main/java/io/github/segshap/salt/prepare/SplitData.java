package io.github.segshap.salt.prepare;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * One prepared split: images in NCHW {@code float} (channels seismic, energy, GST, Sobel after the
 * power transform), binary masks {@code N x 1 x H x W} as 0 / 1 floats, and the sample ids in the
 * same order (sorted). Immutable: array accessors return copies; the buffer views are read-only
 * and copy nothing.
 */
public final class SplitData {
    private final List<String> ids;
    private final int channels;
    private final int height;
    private final int width;
    private final float[] images;
    private final float[] masks;

    /**
     * @param ids      sample ids, one per image
     * @param channels channels per image
     * @param height   rows
     * @param width    columns
     * @param images   NCHW values; not copied, must not be modified afterwards
     * @param masks    N x 1 x H x W values 0 / 1; not copied, must not be modified afterwards
     */
    SplitData(List<String> ids, int channels, int height, int width, float[] images, float[] masks) {
        int n = ids.size();
        if (images.length != n * channels * height * width || masks.length != n * height * width) {
            throw new IllegalArgumentException(n + " samples of " + channels + " x " + height + " x " + width
                    + " need " + n * channels * height * width + " image and " + n * height * width
                    + " mask values, got " + images.length + " and " + masks.length);
        }
        this.ids = List.copyOf(ids);
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.images = images;
        this.masks = masks;
    }

    /** Sample ids, in array order. */
    public List<String> ids() {
        return ids;
    }

    /** Number of samples. */
    public int count() {
        return ids.size();
    }

    /** Channels per image (4). */
    public int channels() {
        return channels;
    }

    /** Rows. */
    public int height() {
        return height;
    }

    /** Columns. */
    public int width() {
        return width;
    }

    /** The NCHW images (a copy of {@code count() * channels() * height() * width()} floats). */
    public float[] images() {
        return images.clone();
    }

    /** The NCHW images as a read-only view (no copy). */
    public FloatBuffer imageBuffer() {
        return FloatBuffer.wrap(images).asReadOnlyBuffer();
    }

    /** The masks {@code N x 1 x H x W}, 0 or 1 (a copy). */
    public float[] masks() {
        return masks.clone();
    }

    /** The masks as a read-only view (no copy). */
    public FloatBuffer maskBuffer() {
        return FloatBuffer.wrap(masks).asReadOnlyBuffer();
    }

    /** Image {@code n} as CHW floats (a copy). */
    public float[] image(int n) {
        int size = channels * height * width;
        float[] out = new float[size];
        System.arraycopy(images, n * size, out, 0, size);
        return out;
    }

    /** Mask {@code n} as H x W floats 0 / 1 (a copy). */
    public float[] mask(int n) {
        int size = height * width;
        float[] out = new float[size];
        System.arraycopy(masks, n * size, out, 0, size);
        return out;
    }

    /** The index of a sample id, or -1. */
    public int indexOf(String id) {
        return ids.indexOf(id);
    }

    float[] imagesUnsafe() {
        return images;
    }

    float[] masksUnsafe() {
        return masks;
    }

    @Override
    public String toString() {
        return "SplitData[" + count() + " x " + channels + " x " + height + " x " + width + "]";
    }
}
