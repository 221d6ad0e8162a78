package io.github.segshap.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Piped progress: one plain line per interval of the clock, with the count, the step under way and the elapsed time. */
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
        try (Progress p = Progress.start(ProgressMode.OFF, "train epoch 1/2", "samples", 4, lines::add)) {
            p.accept(4);
        }
        assertEquals(List.of(), lines);
        assertEquals(System.console() == null ? ProgressMode.LINES : ProgressMode.BARS, ProgressMode.automatic());
    }

    @Test
    void linesShowTheStepsSetAndTheEvaluationsOfTheStepUnderWay() {
        List<String> lines = new ArrayList<>();
        try (Progress p = Progress.lines("explain", "images", 9, lines::add, 5_000, () -> now[0])) {
            p.stepTo(3);
            p.onProgress(120, 512, "image 4 of 9");
            now[0] = 6_000;
            p.onProgress(240, 512, "image 4 of 9");
            now[0] = 11_000;
            p.stepTo(5);
        }
        assertEquals(List.of("explain: 3/9 images, batch 240/512 evaluations, 5 s",
                "explain: 5/9 images, batch 240/512 evaluations, 10 s"), lines);
    }

    @Test
    void barsAndOffCloseTwiceWithoutHarm() {
        Progress off = Progress.start(ProgressMode.OFF, "t", "steps", 2, s -> {
            throw new AssertionError("off printed " + s);
        });
        off.stepTo(1);
        off.onProgress(1, 2, "x");
        off.close();
        off.close();
        Progress bars = Progress.start(ProgressMode.BARS, "t", "steps", 2, s -> {
            throw new AssertionError("bars printed a line " + s);
        });
        bars.accept(1);
        bars.stepTo(2);
        bars.close();
        bars.close();
    }
}
