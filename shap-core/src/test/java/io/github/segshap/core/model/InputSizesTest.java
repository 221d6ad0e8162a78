package io.github.segshap.core.model;

import io.github.segshap.core.image.ImageShape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputSizesTest {
    private static void multiplesOfFour(ImageShape s) {
        if (s.height() % 4 != 0 || s.width() % 4 != 0) {
            throw new IllegalStateException("concat shapes differ\nlong native trace");
        }
    }

    @Test
    void theNextMultipleThatRunsIsSuggested() {
        ImageShape shape = new ImageShape(4, 101, 101);
        IncompatibleInputException e = InputSizes.sizeError("the network", shape,
                new IllegalStateException("concat shapes differ\nlong native trace"), 64,
                InputSizesTest::multiplesOfFour, "unused");
        assertEquals(104, e.suggestedHeight().orElseThrow());
        assertEquals(104, e.suggestedWidth().orElseThrow());
        assertTrue(e.getMessage().contains("multiples of 4") && e.getMessage().contains("(concat shapes differ)")
                && !e.getMessage().contains("native trace"), e.getMessage());
    }

    @Test
    void noSizeThatRunsGivesTheOtherMessage() {
        IncompatibleInputException e = InputSizes.sizeError("the model", new ImageShape(3, 10, 10),
                new IllegalArgumentException("wrong channels"), 32, s -> {
                    throw new IllegalArgumentException("never");
                }, "the model takes 4 channels");
        assertTrue(e.suggestedHeight().isEmpty());
        assertEquals("the model takes 4 channels: wrong channels", e.getMessage());
    }

    @Test
    void paddedShapeIsTheShapeItselfOrTheCheckedSuggestion() {
        ImageShape fits = new ImageShape(2, 8, 8);
        assertSame(fits, InputSizes.paddedShape(fits, s -> { }));
        ImageShape odd = new ImageShape(2, 6, 7);
        ImageShape padded = InputSizes.paddedShape(odd, s -> {
            if (s.height() % 4 != 0 || s.width() % 4 != 0) {
                throw new IncompatibleInputException("needs multiples of 4", 8, 8, null);
            }
        });
        assertEquals(new ImageShape(2, 8, 8), padded);
        assertThrows(IncompatibleInputException.class, () -> InputSizes.paddedShape(odd, s -> {
            throw new IncompatibleInputException("wrong channels", null, null, null);
        }));
    }
}
