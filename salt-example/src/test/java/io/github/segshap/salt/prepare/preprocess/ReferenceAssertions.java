package io.github.segshap.salt.prepare.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Element-wise comparison that names the first differing pixel and treats NaN as equal to NaN. */
final class ReferenceAssertions {
    private ReferenceAssertions() {
    }

    static void assertGridClose(String what, double[] expected, double[] actual, int width, double tolerance) {
        assertEquals(expected.length, actual.length, what + ": size");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (Double.isNaN(e) || Double.isNaN(a)) {
                if (Double.isNaN(e) != Double.isNaN(a)) {
                    fail(what + ": NaN mismatch at (" + i / width + ", " + i % width + "): expected " + e + ", got " + a);
                }
                continue;
            }
            double d = Math.abs(e - a);
            worst = Math.max(worst, d);
            if (!(d <= tolerance)) {
                fail(what + ": at (" + i / width + ", " + i % width + ") expected " + e + ", got " + a + " (|diff| " + d
                        + " > " + tolerance + ")");
            }
        }
    }
}
