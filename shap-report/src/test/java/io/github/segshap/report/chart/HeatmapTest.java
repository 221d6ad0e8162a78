package io.github.segshap.report.chart;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeatmapTest {
    @Test
    void heatmapPutsRowZeroAtTheTopAndUsesTheColourMap() {
        double[][] m = new double[10][10];
        for (int j = 0; j < 10; j++) {
            m[0][j] = 1; // top row bright (yellow in viridis), rest dark
        }
        BufferedImage img = Grid.compose(null,
                List.of(Heatmap.of(null, m, ColorMap.viridis(0, 1), null)), 1, 400, 400);
        // scan the middle column from the top for the first data pixel: it must be yellow-ish
        Color yellow = ColorMap.viridis(0, 1).color(1);
        Color purple = ColorMap.viridis(0, 1).color(0);
        int x = 150;
        int firstYellow = -1, firstPurple = -1;
        for (int y = 0; y < 400; y++) {
            int rgb = img.getRGB(x, y) & 0xFFFFFF;
            if (rgb == (yellow.getRGB() & 0xFFFFFF) && firstYellow < 0) firstYellow = y;
            if (rgb == (purple.getRGB() & 0xFFFFFF) && firstPurple < 0) firstPurple = y;
        }
        assertTrue(firstYellow >= 0 && firstPurple >= 0, "both colours drawn");
        assertTrue(firstYellow < firstPurple, "row 0 must be drawn above row 1");
    }

    @Test
    void reservoirKeepsAtMostItsCapacityAndCountsEveryPoint() {
        PointSample s = new PointSample(50, 7);
        for (int i = 0; i < 1000; i++) {
            s.add(i, -i);
        }
        s.add(Double.NaN, 1);
        assertTrue(s.size() == 50 && s.seen() == 1000);
        double[][] xy = s.toArray();
        for (int i = 0; i < 50; i++) {
            assertTrue(xy[1][i] == -xy[0][i], "points stay paired");
        }
    }
}
