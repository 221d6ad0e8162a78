package io.github.segshap.core.padding;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** crop(pad(x)) == x for any sizes, borders and modes; mirror borders as large as the image are refused. */
class PaddingProperties {

    @Property(tries = 200)
    void cropUndoesPad(@ForAll @IntRange(min = 1, max = 12) int height, @ForAll @IntRange(min = 1, max = 12) int width,
                       @ForAll @IntRange(min = 0, max = 9) int extraRows,
                       @ForAll @IntRange(min = 0, max = 9) int extraColumns,
                       @ForAll @IntRange(min = 1, max = 3) int planes, @ForAll BoundaryMode mode, @ForAll long seed) {
        Padding p = Padding.centred(height, width, height + extraRows, width + extraColumns);
        Random r = new Random(seed);
        double[] x = r.doubles((long) planes * height * width).toArray();
        float[] xf = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            xf[i] = (float) x[i];
        }
        boolean tooWide = Math.max(p.top(), p.bottom()) >= height || Math.max(p.left(), p.right()) >= width;
        if (mode == BoundaryMode.MIRROR && tooWide) {
            assertThrows(IllegalArgumentException.class, () -> p.pad(x, planes, mode));
            assertThrows(IllegalArgumentException.class, () -> p.pad(xf, planes, 1, mode));
            return;
        }
        double[] padded = p.pad(x, planes, mode);
        assertEquals(planes * p.paddedHeight() * p.paddedWidth(), padded.length);
        assertArrayEquals(x, p.crop(padded, planes));
        assertArrayEquals(xf, p.crop(p.pad(xf, planes, 1, mode), planes));
    }
}
