package io.github.segshap.report.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngTest {
    private static BufferedImage noisy(int type, long seed) {
        BufferedImage im = new BufferedImage(37, 23, type);
        Random r = new Random(seed);
        for (int y = 0; y < im.getHeight(); y++) {
            for (int x = 0; x < im.getWidth(); x++) {
                im.setRGB(x, y, x < 10 ? 0xFFFFFFFF : r.nextInt()); // a flat band and noise, alpha included
            }
        }
        return im;
    }

    @Test
    void decodesToTheSamePixels() throws Exception {
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB,
            BufferedImage.TYPE_3BYTE_BGR}) {
            BufferedImage im = noisy(type, type);
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(Png.encode(im)));
            assertEquals(im.getWidth(), back.getWidth());
            assertEquals(im.getHeight(), back.getHeight());
            int[] want = im.getRGB(0, 0, im.getWidth(), im.getHeight(), null, 0, im.getWidth());
            int[] got = back.getRGB(0, 0, im.getWidth(), im.getHeight(), null, 0, im.getWidth());
            assertArrayEquals(want, got, "pixels of image type " + type);
        }
    }

    @Test
    void theSamePixelsGiveTheSameBytes() {
        assertArrayEquals(Png.encode(noisy(BufferedImage.TYPE_INT_RGB, 3)),
                Png.encode(noisy(BufferedImage.TYPE_INT_RGB, 3)));
    }

    @Test
    void writesThroughATemporaryFile(@TempDir Path tmp) throws Exception {
        Path f = Png.write(noisy(BufferedImage.TYPE_INT_RGB, 1), tmp.resolve("a/b.png"));
        assertTrue(Files.size(f) > 100);
        try (var s = Files.list(f.getParent())) {
            assertEquals(1, s.count(), "only the PNG is left");
        }
    }
}
