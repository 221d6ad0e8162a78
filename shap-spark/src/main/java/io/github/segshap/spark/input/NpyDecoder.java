package io.github.segshap.spark.input;

import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.image.Layout;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.io.NpyArray;
import io.github.segshap.core.io.NpyDType;
import io.github.segshap.core.io.NpyFormatException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a {@code .npy} file of float32 or float64 values: one image ({@code [C, H, W]}, or
 * {@code [H, W, C]} when channels come last) or a stack ({@code [N, C, H, W]} or
 * {@code [N, H, W, C]}). Every error names the file: not a {@code .npy} file, another rank or type,
 * all {@link IllegalArgumentException}s (pixels are checked per image later, see {@link ImageDecoder}).
 *
 * @param channelsLast whether the channel axis is the last one (NumPy's NHWC)
 */
public record NpyDecoder(boolean channelsLast) implements ImageDecoder {
    private static final long serialVersionUID = 1L;

    /** Channel-major files: {@code [C, H, W]} and {@code [N, C, H, W]}. */
    public static NpyDecoder channelsFirst() {
        return new NpyDecoder(false);
    }

    @Override
    public ImageRows decode(Path file) {
        NpyArray a;
        try {
            a = Npy.read(file);
        } catch (NpyFormatException e) {
            throw new IllegalArgumentException(file + " is not a readable .npy array: " + e.getMessage(), e);
        }
        int[] s = a.shape();
        if (s.length != 3 && s.length != 4) {
            throw new IllegalArgumentException(file + " has shape " + Arrays.toString(s) + " (rank " + s.length
                    + "); expected one image " + (channelsLast ? "[H, W, C]" : "[C, H, W]") + " or a stack "
                    + (channelsLast ? "[N, H, W, C]" : "[N, C, H, W]"));
        }
        if (a.dtype() != NpyDType.FLOAT32 && a.dtype() != NpyDType.FLOAT64) {
            throw new IllegalArgumentException(file + " holds " + a.dtype() + " values; expected float32 or float64");
        }
        int off = s.length - 3;
        int n = s.length == 4 ? s[0] : 1;
        int c = channelsLast ? s[off + 2] : s[off];
        int h = channelsLast ? s[off] : s[off + 1];
        int w = channelsLast ? s[off + 1] : s[off + 2];
        if (n < 1 || c < 1 || h < 1 || w < 1) {
            throw new IllegalArgumentException(file + " has shape " + Arrays.toString(s) + ": no images");
        }
        ImageShape shape = new ImageShape(c, h, w);
        double[] all = a.toDoubles();
        int size = shape.size();
        List<double[]> images = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] v = new double[size];
            Layout.copy(channelsLast ? Layout.NHWC : Layout.NCHW, all, i * size, Layout.NCHW, v, 0, 1, c, h * w);
            images.add(v);
        }
        return new ImageRows(c, h, w, images);
    }
}
