package io.github.segshap.spark.input;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Images of one shape in a serialisable form (Spark ships them to executors, e.g. the broadcast
 * background): the shape and each image's channel-major pixels, not yet checked to be finite.
 *
 * @param channels channels of every image
 * @param height   rows
 * @param width    columns
 * @param pixels   one array of {@code channels * height * width} values per image; not copied
 */
public record ImageRows(int channels, int height, int width, List<double[]> pixels) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Rejects a length that does not match the shape. */
    public ImageRows {
        pixels = List.copyOf(Objects.requireNonNull(pixels, "pixels"));
        int size = channels * height * width;
        for (int i = 0; i < pixels.size(); i++) {
            if (pixels.get(i).length != size) {
                throw new IllegalArgumentException("image " + i + " has " + pixels.get(i).length + " values but a "
                        + channels + "x" + height + "x" + width + " image has " + size);
            }
        }
    }

    /** The rows of {@code images}, all of one shape. */
    public static ImageRows of(List<Image> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images");
        }
        ImageShape s = images.get(0).shape();
        List<double[]> px = new ArrayList<>(images.size());
        for (Image image : images) {
            s.requireSame(image.shape(), "image");
            px.add(image.toArray());
        }
        return new ImageRows(s.channels(), s.height(), s.width(), px);
    }

    /** The shape of every image. */
    public ImageShape shape() {
        return new ImageShape(channels, height, width);
    }

    /** How many images. */
    public int size() {
        return pixels.size();
    }

    /**
     * Image {@code i}, checked.
     *
     * @throws IllegalArgumentException naming {@code what} and the position of a NaN or infinite pixel
     */
    public Image image(int i, String what) {
        double[] v = pixels.get(i);
        Image.requireFinite(shape(), v, what);
        return Image.of(shape(), v);
    }

    /** Every image, checked. */
    public List<Image> images(String what) {
        List<Image> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(image(i, what + " " + i));
        }
        return out;
    }
}
