package io.github.segshap.core.masking;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaskersTest {
    private static final ImageShape SHAPE = new ImageShape(2, 5, 7);

    private static Image random(SplittableRandom r, double offset) {
        double[] v = new double[SHAPE.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = offset + r.nextDouble();
        }
        return Image.of(SHAPE, v);
    }

    @Test
    void baselinePerChannelMeans() {
        SplittableRandom r = new SplittableRandom(1);
        List<Image> data = List.of(random(r, 0), random(r, 10));
        Replacements rep = BaselineMasker.channelMeans(data).replacementsFor(data.get(0));
        assertEquals(1, rep.count());
        for (int c = 0; c < 2; c++) {
            double mean = 0;
            for (Image im : data) {
                for (int i = 0; i < SHAPE.pixels(); i++) {
                    mean += im.valueAt(c * SHAPE.pixels() + i);
                }
            }
            mean /= 2.0 * SHAPE.pixels();
            assertEquals(mean, rep.image(0).get(c, 4, 6), 1e-12);
        }
        assertEquals(3.5, BaselineMasker.constant(3.5).replacementsFor(data.get(0)).image(0).get(1, 2, 3));
    }

    @Test
    void blurKeepsConstantsAndSmoothsNoise() {
        double[] v = new double[SHAPE.size()];
        java.util.Arrays.fill(v, 2.0);
        Image flat = Image.of(SHAPE, v);
        BlurMasker blur = BlurMasker.gaussian(1.5);
        Image b = blur.replacementsFor(flat).image(0);
        for (int i = 0; i < SHAPE.size(); i++) {
            assertEquals(2.0, b.valueAt(i), 1e-12, "a blur keeps a constant image");
        }
        Image noisy = random(new SplittableRandom(2), 0);
        Image smooth = blur.blur(noisy);
        assertTrue(variance(smooth) < variance(noisy) / 2, "blur reduces variance");
        assertEquals(mean(noisy), mean(smooth), 0.05, "blur keeps the mean (mirrored edges)");
        assertFalse(blur.isImageIndependent());
    }

    private static double mean(Image im) {
        double s = 0;
        for (int i = 0; i < SHAPE.size(); i++) {
            s += im.valueAt(i);
        }
        return s / SHAPE.size();
    }

    private static double variance(Image im) {
        double m = mean(im);
        double s = 0;
        for (int i = 0; i < SHAPE.size(); i++) {
            s += (im.valueAt(i) - m) * (im.valueAt(i) - m);
        }
        return s / SHAPE.size();
    }

    @Test
    void kmeansSummaryWeightsAreClusterSizesAndRowsStayOnTheData() {
        SplittableRandom r = new SplittableRandom(3);
        List<Image> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(random(r, i < 20 ? 0 : 100));
        }
        Replacements s = BackgroundSummary.kmeans(rows, 2, 42);
        assertEquals(2, s.count());
        double w0 = s.image(0).valueAt(0) < 50 ? s.weight(0) : s.weight(1);
        assertEquals(20.0 / 30, w0, 1e-12);
        for (int j = 0; j < SHAPE.size(); j++) {
            double v = s.image(0).valueAt(j);
            int finalJ = j;
            assertTrue(rows.stream().anyMatch(im -> im.valueAt(finalJ) == v), "summary value is a data value");
        }
        Replacements again = BackgroundSummary.kmeans(rows, 2, 42);
        assertEquals(s.image(0), again.image(0), "same seed, same summary");
        assertSame(rows.get(0), BackgroundSummary.kmeans(rows, 30, 1).image(0), "k >= rows keeps the rows");
    }
}
