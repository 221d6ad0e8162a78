package io.github.segshap.salt.prepare.data;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes small PNG files for reader tests. */
final class PngFixtures {
    private PngFixtures() {
    }

    /** An 8-bit grey PNG with value {@code f(row, col)}. */
    static void grey8(Path file, int h, int w, java.util.function.IntBinaryOperator f) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.setSample(x, y, 0, f.applyAsInt(y, x));
            }
        }
        write(img, file);
    }

    /** A 16-bit grey PNG with value {@code f(row, col)}. */
    static void grey16(Path file, int h, int w, java.util.function.IntBinaryOperator f) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.setSample(x, y, 0, f.applyAsInt(y, x));
            }
        }
        write(img, file);
    }

    /** An 8-bit RGB PNG with the given channel values. */
    static void rgb(Path file, int h, int w, int red, int green, int blue) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.setPixel(x, y, new int[] {(red + x) & 0xFF, (green + x) & 0xFF, (blue + x) & 0xFF});
            }
        }
        write(img, file);
    }

    private static void write(BufferedImage img, Path file) {
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
