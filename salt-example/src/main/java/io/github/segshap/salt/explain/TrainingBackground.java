package io.github.segshap.salt.explain;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.io.NpyArray;
import io.github.segshap.core.segmentation.BackgroundDraw;
import io.github.segshap.core.segmentation.BackgroundSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The background of both explain stages ({@code --background FILE|N}): N training images drawn by
 * the library's {@link BackgroundDraw} with the run's seed, ids the training ids; or the rows of a
 * {@code .npy} file of shape {@code [N, C, H, W]} (float32 or float64) in the prepared data's
 * channels and size, ids {@code <file> row i}. The shape checks are the library's.
 */
final class TrainingBackground {
    private TrainingBackground() {
    }

    /**
     * The background rows and their ids.
     *
     * @param ids    the training ids, in order
     * @param image  the training image at an index (asked for the drawn ones only)
     * @param source the {@code --background} value
     * @param seed   the seed of the draw
     * @param shape  the shape of the explained images
     * @throws IllegalArgumentException when the file's rows do not have the images' shape
     */
    static BackgroundDraw.Drawn of(List<String> ids, IntFunction<float[]> image, BackgroundSource source, long seed,
                                   ImageShape shape) {
        if (source.file().isPresent()) {
            return read(source.file().get(), shape);
        }
        return BackgroundDraw.draw(ids, i -> Image.of(shape, image.apply(i)), source.count(), seed, shape);
    }

    private static BackgroundDraw.Drawn read(Path file, ImageShape shape) {
        NpyArray a = Npy.read(file);
        int[] s = a.shape();
        if (s.length != 4) {
            throw new IllegalArgumentException("--background " + file + " holds an array of shape "
                    + Arrays.toString(s) + "; expected [N, C, H, W] rows of " + shape);
        }
        ImageShape row = new ImageShape(s[1], s[2], s[3]);
        double[] v = a.toDoubles();
        List<Image> rows = new ArrayList<>(s[0]);
        List<String> ids = new ArrayList<>(s[0]);
        for (int n = 0; n < s[0]; n++) {
            rows.add(Image.of(row, Arrays.copyOfRange(v, n * row.size(), (n + 1) * row.size())));
            ids.add(file.getFileName() + " row " + n);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("--background " + file + " holds no rows");
        }
        BackgroundDraw.requireShape(rows, shape);
        return new BackgroundDraw.Drawn(ids, rows);
    }
}
