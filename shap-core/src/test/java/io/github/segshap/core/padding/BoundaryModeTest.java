package io.github.segshap.core.padding;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The index maps of the boundary modes, against SciPy ndimage and NumPy pad by hand. */
class BoundaryModeTest {

    @Test
    void boundaryModesFollowScipyAndNumpy() {
        // n = 4: a b c d at 0..3
        int[] symmetric = new int[8];
        int[] mirror = new int[8];
        for (int i = -2; i < 6; i++) {
            symmetric[i + 2] = BoundaryMode.SYMMETRIC.index(i, 4);
            mirror[i + 2] = BoundaryMode.MIRROR.index(i, 4);
        }
        assertArrayEquals(new int[] {1, 0, 0, 1, 2, 3, 3, 2}, symmetric); // SciPy 'reflect', NumPy 'symmetric'
        assertArrayEquals(new int[] {2, 1, 0, 1, 2, 3, 2, 1}, mirror);    // SciPy 'mirror', NumPy 'reflect'
        assertEquals(-1, BoundaryMode.ZERO.index(-1, 4));
        assertEquals(3, BoundaryMode.NEAREST.index(9, 4));
        assertEquals(0, BoundaryMode.MIRROR.index(5, 1));
    }

    @Test
    void farIndicesRepeatThePattern() {
        // SciPy extends 'reflect' and 'mirror' periodically: periods 2n and 2n - 2
        assertEquals(BoundaryMode.SYMMETRIC.index(-3, 3), BoundaryMode.SYMMETRIC.index(-3 + 6, 3));
        assertEquals(2, BoundaryMode.SYMMETRIC.index(-3, 3));  // c b a | a b c: -3 is c
        assertEquals(0, BoundaryMode.MIRROR.index(-4, 3));     // a b c b | a b c: -4 is a
        assertEquals(0, BoundaryMode.NEAREST.index(-7, 3));
        assertEquals(-1, BoundaryMode.ZERO.index(3, 3));
        for (BoundaryMode m : BoundaryMode.values()) {
            for (int i = 0; i < 5; i++) {
                assertEquals(i, m.index(i, 5), m + " inside the axis");
            }
        }
    }
}
