package io.github.segshap.core.learned;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.model.OutputShape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The four measures of the learned explainer's error, on hand-computed cases. */
class LearnedErrorTest {
    private static Explanation of(double[][] values) {
        int k = values[0].length;
        return Explanation.builder(List.of("a", "b"), OutputShape.of(k)).baseValues(new double[k]).values(values)
                .outputs(new double[k]).build();
    }

    @Test
    void measuresAgainstHandComputedValues() {
        Explanation exact1 = of(new double[][] {{1, 0}, {0, 2}});
        Explanation exact2 = of(new double[][] {{3, 0}, {0, 4}});
        Explanation learned1 = of(new double[][] {{1, 0}, {0, 2}});          // identical
        Explanation learned2 = of(new double[][] {{0, 0}, {0, 4}});          // player a misses 3 at output 0
        LearnedError e = LearnedError.of(List.of("one", "two"), List.of(learned1, learned2), List.of(exact1, exact2));
        // sum of squared differences 9, sum of squared exact values 1 + 4 + 9 + 16 = 30
        assertEquals(Math.sqrt(9.0 / 30), e.relativeRms(), 1e-15);
        assertEquals("two", e.worstImage());
        assertEquals(Math.sqrt(9.0 / 25), e.worstRelativeRms(), 1e-15);
        // image two, output 0: exact dominant a (3 vs 0), learned a tie at 0 -> a (the first): all four agree
        assertEquals(1.0, e.dominantAgreement(), 0);
        assertEquals(1.0, e.playerCorrelation().get(1), 1e-15);      // b identical
        // a: learned (1, 0, 0, 0) against exact (1, 0, 3, 0): covariance 1 - 1 * 4 / 4 = 0... computed below
        double cov = 1 - 1.0 * 4 / 4;
        double vx = 1 - 1.0 / 4;
        double vy = 10 - 16.0 / 4;
        assertEquals(cov / Math.sqrt(vx * vy), e.playerCorrelation().get(0), 1e-15);
        assertEquals(2, e.images());
        assertTrue(e.summary().contains("worst image 'two'"), e.summary());
    }

    @Test
    void theDominantPlayerIsTheLargestInAbsoluteValue() {
        Explanation exact = of(new double[][] {{-5, 1}, {2, 3}});
        Explanation learned = of(new double[][] {{1, 1}, {2, 3}});
        LearnedError e = LearnedError.of(List.of("x"), List.of(learned), List.of(exact));
        assertEquals(0.5, e.dominantAgreement(), 0);
    }

    @Test
    void mismatchedListsAreRefused() {
        Explanation x = of(new double[][] {{1}, {2}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearnedError.of(List.of("a"), List.of(x, x), List.of(x)));
        assertTrue(e.getMessage().contains("2 learned, 1 exact"), e.getMessage());
    }
}
