package io.github.segshap.report.chart;

import io.github.segshap.core.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** PNG encoding and writing. Not instantiable. */
public final class Png {
    private Png() {
    }

    /** The image as PNG bytes. */
    public static byte[] encode(BufferedImage image) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", png)) {
                throw new IOException("no PNG writer available");
            }
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a " + image.getWidth() + " x " + image.getHeight()
                    + " image as PNG: " + e.getMessage(), e);
        }
    }

    /**
     * Writes an image as PNG, creating the folder; written to a temporary file and renamed.
     *
     * @param image the image
     * @param file  target {@code .png}
     * @return the file
     * @throws UncheckedIOException naming the file if writing fails
     */
    public static Path write(BufferedImage image, Path file) {
        try {
            AtomicFiles.write(file, encode(image));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
