package io.github.segshap.cli.run;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimingsTest {
    @Test
    void printsTheStepsInOrderWithOneDecimal() {
        Timings t = new Timings().add("explain", 2.14).add("write", 0.15).add("report", 0.4);
        assertEquals("time: explain 2.1 s, write 0.2 s, report 0.4 s", t.line());
        assertEquals(List.of("explain", "write", "report"), List.copyOf(t.seconds().keySet()));
    }

    @Test
    void aStepAddedAgainSumsInItsFirstPlace() {
        Timings t = new Timings().add("explain", 1).add("write", 0.5).add("explain", 2);
        assertEquals("time: explain 3.0 s, write 0.5 s", t.line());
    }

    @Test
    void sinceMeasuresTheWallClock() throws InterruptedException {
        long t0 = System.nanoTime();
        Thread.sleep(20);
        double s = new Timings().since("report", t0).seconds().get("report");
        assertTrue(s >= 0.02 && s < 5, "seconds " + s);
    }

    @Test
    void refusesNegativeOrInfiniteSeconds() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Timings().add("write", -1)).getMessage()
                .contains("'write'"));
        assertThrows(IllegalArgumentException.class, () -> new Timings().add("write", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Timings().add("write", Double.POSITIVE_INFINITY));
    }
}
