package io.github.segshap.dl4j.images;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.dl4j.TestNets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PaddingTest {

    @Test
    void pad101To104AndCropBack() {
        Image im = TestNets.images(1, new ImageShape(2, 101, 101), 1).get(0);
        for (Padding.Mode mode : Padding.Mode.values()) {
            Image padded = Padding.padToMultiple(im, 4, mode);
            assertEquals(new ImageShape(2, 104, 104), padded.shape());
            assertEquals(im, Padding.cropCenter(padded, 101, 101));
            assertEquals(im.get(1, 0, 0), padded.get(1, 1, 1));
        }
        Image zero = Padding.padTo(im, 104, 104, Padding.Mode.ZERO);
        assertEquals(0, zero.get(0, 0, 5));
        assertEquals(0, zero.get(0, 103, 5));
        Image edge = Padding.padTo(im, 104, 104, Padding.Mode.EDGE);
        assertEquals(im.get(0, 100, 4), edge.get(0, 103, 5));
        Image reflect = Padding.padTo(im, 104, 104, Padding.Mode.REFLECT);
        assertEquals(im.get(0, 1, 4), reflect.get(0, 0, 5));
        assertEquals(im.get(0, 98, 4), reflect.get(0, 103, 5));
    }

    @Test
    void cropFlatMaps() {
        double[] maps = new double[2 * 4 * 4];
        for (int i = 0; i < maps.length; i++) {
            maps[i] = i;
        }
        double[] c = Padding.cropCenter(maps, 2, 4, 4, 2, 2);
        assertEquals(5, c[0]);
        assertEquals(10, c[3]);
        assertEquals(21, c[4]);
        assertThrows(IllegalArgumentException.class, () -> Padding.cropCenter(maps, 2, 4, 4, 5, 2));
        assertThrows(IllegalArgumentException.class,
                () -> Padding.padTo(Image.of(new ImageShape(1, 2, 2), new double[4]), 1, 2, Padding.Mode.ZERO));
    }
}
