package io.github.segshap.report;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Set;

/** Helpers of the figure and report tests. */
public final class TestImages {
    private TestImages() {
    }

    /** Set -Dsegshap.figures.out=DIR to keep the rendered figures for a look. */
    public static Path outDir(Path tmp) {
        String keep = System.getProperty("segshap.figures.out");
        return keep == null || keep.isBlank() ? tmp : Paths.get(keep);
    }

    /** Distinct colours on a 3-pixel grid (stops counting above 1000): a blank image has 1. */
    public static int colourCount(BufferedImage img) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colours.add(img.getRGB(x, y));
                if (colours.size() > 1000) {
                    return colours.size();
                }
            }
        }
        return colours.size();
    }
}
