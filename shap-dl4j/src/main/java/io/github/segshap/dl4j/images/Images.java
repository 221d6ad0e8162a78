package io.github.segshap.dl4j.images;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Conversions between DL4J/Java image arrays and shap-core {@link Image}s. Every conversion copies
 * and checks that the values are finite (NaN or infinite pixels are rejected with their image,
 * channel, row and column).
 */
public final class Images {
    private Images() {
    }

    /** Images from an {@code [N, C, H, W]} array (any data type). */
    public static List<Image> fromNchw(INDArray nchw) {
        requireRank4(nchw, "NCHW");
        long[] s = nchw.shape();
        ImageShape shape = new ImageShape(Math.toIntExact(s[1]), Math.toIntExact(s[2]), Math.toIntExact(s[3]));
        double[] all = nchw.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        return split(shape, Math.toIntExact(s[0]), all);
    }

    /** Images from an {@code [N, H, W, C]} array (channels last). */
    public static List<Image> fromNhwc(INDArray nhwc) {
        requireRank4(nhwc, "NHWC");
        return fromNchw(nhwc.permute(0, 3, 1, 2));
    }

    /** Images from {@code [image][channel][row][column]} floats. */
    public static List<Image> of(float[][][][] images) {
        if (images.length == 0) {
            throw new IllegalArgumentException("no images: the array is empty");
        }
        List<Image> out = new ArrayList<>(images.length);
        for (int n = 0; n < images.length; n++) {
            float[][][] img = images[n];
            double[][][] d = new double[img.length][][];
            for (int c = 0; c < img.length; c++) {
                d[c] = new double[img[c].length][];
                for (int r = 0; r < img[c].length; r++) {
                    d[c][r] = new double[img[c][r].length];
                    for (int x = 0; x < d[c][r].length; x++) {
                        d[c][r][x] = img[c][r][x];
                    }
                }
            }
            out.add(image(d, n));
        }
        requireOneShape(out);
        return out;
    }

    /** Images from {@code [image][channel][row][column]} doubles. */
    public static List<Image> of(double[][][][] images) {
        if (images.length == 0) {
            throw new IllegalArgumentException("no images: the array is empty");
        }
        List<Image> out = new ArrayList<>(images.length);
        for (int n = 0; n < images.length; n++) {
            out.add(image(images[n], n));
        }
        requireOneShape(out);
        return out;
    }

    /** The images as one {@code [N, C, H, W]} float array. */
    public static float[][][][] toArray(List<Image> images) {
        requireOneShape(images);
        ImageShape s = images.get(0).shape();
        float[][][][] out = new float[images.size()][s.channels()][s.height()][s.width()];
        for (int n = 0; n < images.size(); n++) {
            Image img = images.get(n);
            for (int c = 0; c < s.channels(); c++) {
                for (int r = 0; r < s.height(); r++) {
                    for (int x = 0; x < s.width(); x++) {
                        out[n][c][r][x] = (float) img.get(c, r, x);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Checks that the list is not empty and every image has the first image's shape.
     *
     * @throws IllegalArgumentException naming the first image of another shape
     */
    public static ImageShape requireOneShape(List<Image> images) {
        if (images == null || images.isEmpty()) {
            throw new IllegalArgumentException("no images: the list is empty");
        }
        ImageShape shape = images.get(0).shape();
        for (int i = 1; i < images.size(); i++) {
            if (!images.get(i).shape().equals(shape)) {
                throw new IllegalArgumentException("image " + i + " has shape " + images.get(i).shape()
                        + " but image 0 has shape " + shape + ": all images must have one shape");
            }
        }
        return shape;
    }

    private static Image image(double[][][] d, int n) {
        try {
            return Image.of(d);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("image " + n + ": " + e.getMessage(), e);
        }
    }

    private static List<Image> split(ImageShape shape, int count, double[] all) {
        if (count == 0) {
            throw new IllegalArgumentException("no images: the array's first dimension is 0");
        }
        List<Image> out = new ArrayList<>(count);
        double[] one = new double[shape.size()];
        for (int n = 0; n < count; n++) {
            System.arraycopy(all, n * shape.size(), one, 0, one.length);
            try {
                out.add(Image.of(shape, one));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("image " + n + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static void requireRank4(INDArray a, String layout) {
        if (a == null || a.rank() != 4) {
            throw new IllegalArgumentException("images must be a rank-4 " + layout + " array, got shape "
                    + (a == null ? "null" : java.util.Arrays.toString(a.shape())));
        }
    }
}
