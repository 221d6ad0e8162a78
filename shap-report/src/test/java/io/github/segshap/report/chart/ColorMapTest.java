package io.github.segshap.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import org.junit.jupiter.api.Test;

class ColorMapTest {
    @Test
    void divergingMapIsWhiteAtZeroAndSymmetric() {
        ColorMap d = ColorMap.divergingSymmetric(0.2);
        assertEquals(new Color(247, 247, 247), d.color(0));
        assertEquals(-0.2, d.getLowerBound());
        Color neg = d.color(-0.2), pos = d.color(0.2);
        assertTrue(neg.getBlue() > neg.getRed() && pos.getRed() > pos.getBlue());
        assertEquals(d.color(5), pos, "clamped above the range");
        assertNotEquals(d.color(-0.1), d.color(0.1));
        assertThrows(IllegalArgumentException.class, () -> ColorMap.viridis(1, 1));
    }
}
