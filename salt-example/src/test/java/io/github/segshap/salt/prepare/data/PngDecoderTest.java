package io.github.segshap.salt.prepare.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.salt.TestResources;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The fast decoder agrees with javax.imageio and rejects damaged files. */
class PngDecoderTest {

    @Test
    void agreesWithImageIoOnRealImagesAndMasks() throws Exception {
        for (String folder : List.of("images", "masks")) {
            List<Path> files;
            try (Stream<Path> s = Files.list(TestResources.data().resolve("train").resolve(folder))) {
                files = s.sorted().limit(150).toList();
            }
            for (Path f : files) {
                byte[] bytes = Files.readAllBytes(f);
                PngDecoder.Image ours = PngDecoder.decode(bytes);
                BufferedImage ref = ImageIO.read(new ByteArrayInputStream(bytes));
                int[] expected = ref.getRaster().getPixels(0, 0, ref.getWidth(), ref.getHeight(), (int[]) null);
                assertEquals(ref.getRaster().getNumBands(), ours.channels(), f.toString());
                assertArrayEquals(expected, ours.samples(), f.toString());
            }
        }
    }

    @Test
    void allFilterTypesOfAnEncodedImageDecode() throws Exception {
        // ImageIO's encoder picks filters per row adaptively; a textured RGB image exercises them
        BufferedImage img = new BufferedImage(37, 23, BufferedImage.TYPE_3BYTE_BGR);
        java.util.Random r = new java.util.Random(1);
        for (int y = 0; y < 23; y++) {
            for (int x = 0; x < 37; x++) {
                int v = (x * 7 + y * 3 + r.nextInt(5)) & 0xFF;
                img.getRaster().setPixel(x, y, new int[] {v, 255 - v, (v * 3) & 0xFF});
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        PngDecoder.Image ours = PngDecoder.decode(out.toByteArray());
        assertArrayEquals(img.getRaster().getPixels(0, 0, 37, 23, (int[]) null), ours.samples());
    }

    @Test
    void damagedFilesAreCorrupt() throws Exception {
        BufferedImage img = new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(3, 3, 0, 200);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        byte[] good = out.toByteArray();
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x55;
        assertThrows(PngDecoder.Corrupt.class, () -> PngDecoder.decode(flipped));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 20);
        PngDecoder.Corrupt e = assertThrows(PngDecoder.Corrupt.class, () -> PngDecoder.decode(truncated));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertThrows(PngDecoder.Corrupt.class, () -> PngDecoder.decode(new byte[] {1, 2, 3}));
    }
}
