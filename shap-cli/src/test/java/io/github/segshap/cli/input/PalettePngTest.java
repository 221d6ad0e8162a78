package io.github.segshap.cli.input;

import io.github.segshap.core.image.Layout;
import io.github.segshap.core.image.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Palette (indexed-colour) PNG files read as the colours their palette gives, not as palette indices. */
class PalettePngTest {
    static final int H = 3;
    static final int W = 4;

    @TempDir
    Path dir;

    /** Writes a palette PNG whose pixel (x, y) is palette entry {@code (x + y) % 3}. */
    static void writePalettePng(Path file, byte[] red, byte[] green, byte[] blue) throws IOException {
        IndexColorModel palette = new IndexColorModel(8, red.length, red, green, blue);
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_INDEXED, palette);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                img.getRaster().setSample(x, y, 0, (x + y) % 3);
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void aGreyPaletteIsOneChannelOfItsGreyLevels() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("grey"));
        byte[] levels = {(byte) 200, 10, (byte) 255};
        writePalettePng(folder.resolve("a.png"), levels, levels, levels);
        ImageStack stack = ImageFiles.read(folder, Layout.NCHW, "--images");
        Image img = stack.images().get(0);
        assertEquals(1, img.shape().channels());
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                assertEquals((levels[(x + y) % 3] & 0xff) / 255.0, img.get(0, y, x), 1e-12, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void aColourPaletteIsThreeChannelsOfItsEntries() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("colour"));
        byte[] red = {(byte) 255, 0, 17};
        byte[] green = {0, (byte) 128, 34};
        byte[] blue = {0, 0, 51};
        writePalettePng(folder.resolve("a.png"), red, green, blue);
        Image img = ImageFiles.read(folder, Layout.NCHW, "--images").images().get(0);
        assertEquals(3, img.shape().channels());
        byte[][] entries = {red, green, blue};
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    assertEquals((entries[c][(x + y) % 3] & 0xff) / 255.0, img.get(c, y, x), 1e-12,
                            "channel " + c + ", pixel " + x + "," + y);
                }
            }
        }
    }
}
