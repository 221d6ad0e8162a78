package io.github.segshap.dl4j.runtime;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pinning sets OpenMP's, OpenBLAS's and libnd4j's threads in this JVM, where nd4j may already be
 * loaded, and names the environment variables that asked for another count. (That a pin before
 * loading makes training bit-identical across environments is checked in child JVMs by
 * salt-example's ThreadPinningTest.)
 */
class NativeThreadsTest {
    @Test
    void pinningOverridesTheEnvironmentAndSaysSo() {
        int before = NativeThreads.threads();
        try {
            NativeThreads.Pinned one = NativeThreads.pin(1,
                    Map.of("OMP_NUM_THREADS", "3", "OPENBLAS_NUM_THREADS", "1", "HOME", "/x"));
            assertEquals(1, one.threads());
            assertEquals(1, NativeThreads.threads());
            assertEquals(1, NativeThreads.blasThreads());
            assertEquals(1, NativeThreads.libnd4jThreads());
            assertEquals(Map.of("OMP_NUM_THREADS", "3"), one.overridden());
            assertEquals("OMP_NUM_THREADS=3", one.overriddenText());

            NativeThreads.Pinned two = NativeThreads.pin(2, Map.of("OMP_NUM_THREADS", "2,1",
                    "MKL_NUM_THREADS", "many"));
            assertEquals(2, NativeThreads.threads());
            assertEquals(2, NativeThreads.blasThreads());
            assertEquals("MKL_NUM_THREADS=many", two.overriddenText());
            assertTrue(!two.beforeLoad(), "nd4j was loaded by the first pin");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NativeThreads.pin(0));
            assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        } finally {
            NativeThreads.pin(before);
        }
    }
}
