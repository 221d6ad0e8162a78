package io.github.segshap.core.image;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class LayoutTest {
    private static final ImageShape SHAPE = new ImageShape(3, 2, 4);

    /** Two images whose value encodes (image, channel, row, column). */
    private static double[] nchw() {
        double[] v = new double[2 * SHAPE.size()];
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int r = 0; r < 2; r++) {
                    for (int x = 0; x < 4; x++) {
                        v[((n * 3 + c) * 2 + r) * 4 + x] = 1000 * n + 100 * c + 10 * r + x;
                    }
                }
            }
        }
        return v;
    }

    /** The same images channels last, written by hand. */
    private static double[] nhwc() {
        double[] v = new double[2 * SHAPE.size()];
        for (int n = 0; n < 2; n++) {
            for (int r = 0; r < 2; r++) {
                for (int x = 0; x < 4; x++) {
                    for (int c = 0; c < 3; c++) {
                        v[((n * 2 + r) * 4 + x) * 3 + c] = 1000 * n + 100 * c + 10 * r + x;
                    }
                }
            }
        }
        return v;
    }

    @Test
    void copyTransposesBothWaysAsByHand() {
        double[] out = new double[2 * SHAPE.size() + 1];
        Layout.copy(Layout.NCHW, nchw(), 0, Layout.NHWC, out, 1, 2, 3, 8);
        double[] expected = new double[out.length];
        System.arraycopy(nhwc(), 0, expected, 1, 2 * SHAPE.size());
        assertArrayEquals(expected, out);
        double[] back = new double[2 * SHAPE.size()];
        Layout.copy(Layout.NHWC, nhwc(), 0, Layout.NCHW, back, 0, 2, 3, 8);
        assertArrayEquals(nchw(), back);
        Layout.copy(Layout.NHWC, nhwc(), 0, Layout.NHWC, back, 0, 2, 3, 8);
        assertArrayEquals(nhwc(), back);
    }

    @Test
    void indicesAgreeWithTheHandLayout() {
        double[] hand = nhwc();
        double[] first = nchw();
        for (int i = 0; i < SHAPE.size(); i++) {
            assertEquals(first[i], hand[Layout.NHWC.fromChannelsFirst(i, 3, 8)]);
            assertEquals(i, Layout.NCHW.fromChannelsFirst(i, 3, 8));
        }
        assertEquals(213, hand[Layout.NHWC.index(SHAPE, 2, 1, 3)]);
        assertEquals(213, first[Layout.NCHW.index(SHAPE, 2, 1, 3)]);
        assertEquals("[N, H, W, C]", Layout.NHWC.axes());
        assertEquals("nhwc", Layout.NHWC.label());
    }

    @Test
    void aBatchReadsTheSameValuesInEitherLayoutAndConvertsOnlyWhenAsked() {
        ImageBatch a = new ImageBatch(SHAPE, 2, nchw());
        ImageBatch b = new ImageBatch(SHAPE, 2, nhwc(), Layout.NHWC);
        assertEquals(Layout.NCHW, a.layout());
        assertSame(b, b.in(Layout.NHWC));
        assertArrayEquals(nchw(), b.in(Layout.NCHW).values());
        assertArrayEquals(nhwc(), a.in(Layout.NHWC).values());
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int r = 0; r < 2; r++) {
                    for (int x = 0; x < 4; x++) {
                        assertEquals(a.get(n, c, r, x), b.get(n, c, r, x));
                    }
                }
            }
        }
    }
}
