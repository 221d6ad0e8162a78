package io.github.segshap.salt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Piped progress: one plain line per interval of the clock, with the count and the elapsed time. */
class ProgressTest {
    private final long[] now = {1_000};

    @Test
    void printsAPlainLineOncePerInterval() {
        List<String> lines = new ArrayList<>();
        try (Progress p = Progress.lines("explain", "samples", 9, lines::add, 5_000, () -> now[0])) {
            p.accept(1);
            now[0] = 5_999;
            p.accept(1);
            assertEquals(List.of(), lines, "no line before the interval has passed");
            now[0] = 6_000;
            p.accept(1);
            now[0] = 9_000;
            p.accept(1);
            now[0] = 11_500;
            p.accept(2);
        }
        assertEquals(List.of("explain: 3/9 samples, 5 s", "explain: 6/9 samples, 11 s"), lines);
    }

    @Test
    void offPrintsNothingAndAutomaticIsLinesWithoutAConsole() {
        List<String> lines = new ArrayList<>();
        try (Progress p = Progress.start(Progress.Mode.OFF, "train epoch 1/2", "samples", 4, lines::add)) {
            p.accept(4);
        }
        assertEquals(List.of(), lines);
        assertEquals(System.console() == null ? Progress.Mode.LINES : Progress.Mode.BARS, Progress.Mode.automatic());
    }
}
