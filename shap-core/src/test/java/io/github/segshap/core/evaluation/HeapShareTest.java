package io.github.segshap.core.evaluation;

import io.github.segshap.core.image.ImageShape;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Model calls in flight take at most a quarter of the heap: threads first, images per call only if needed. */
@Tag("campaign")
class HeapShareTest {
    private static final long MIB = 1L << 20;
    private static final ImageShape SHAPE = new ImageShape(4, 2000, 2000);

    @Test
    void threadsAreLoweredToWhatFitsAQuarterOfTheHeap() {
        // one image of 224 MiB a call: a quarter of 1 GiB holds one call, of 4 GiB four, of 16 GiB all 8
        assertEquals(new HeapShare.Fit(1, 1), HeapShare.fit(SHAPE, 1, 224 * MIB, 8, 1024 * MIB));
        assertEquals(new HeapShare.Fit(4, 1), HeapShare.fit(SHAPE, 1, 224 * MIB, 8, 4096 * MIB));
        assertEquals(new HeapShare.Fit(8, 1), HeapShare.fit(SHAPE, 1, 224 * MIB, 8, 16384 * MIB));
    }

    @Test
    void imagesPerCallAreLoweredOnlyWhenOneBatchAloneDoesNotFit() {
        assertEquals(new HeapShare.Fit(2, 12), HeapShare.fit(SHAPE, 12, 10 * MIB, 2, 1024 * MIB));
        assertEquals(new HeapShare.Fit(1, 25), HeapShare.fit(SHAPE, 100, 10 * MIB, 2, 1024 * MIB));
    }

    @Test
    void oneImageTooLargeForTheShareIsRefusedWithTheHeapToGive() {
        NotEnoughMemoryException e = assertThrows(NotEnoughMemoryException.class,
                () -> HeapShare.fit(SHAPE, 1, 300 * MIB, 1, 1024 * MIB));
        assertEquals(1200 * MIB, e.needed());
        assertEquals(1024 * MIB, e.heap());
        assertTrue(e.getMessage().contains("4x2000x2000") && e.getMessage().contains("300 MiB")
                && e.getMessage().contains("1,024 MiB here") && e.getMessage().contains("-Xmx1216m"), e.getMessage());
    }
}
