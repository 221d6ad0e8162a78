package io.github.segshap.core.testing;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test images of standard normal values, the same for the same seed (written once for the tests that need them). */
public final class GaussianImages {
    private GaussianImages() {
    }

    /** {@code n} images of {@code shape}, values drawn in order from {@code new Random(seed).nextGaussian()}. */
    public static List<Image> of(int n, ImageShape shape, long seed) {
        Random r = new Random(seed);
        List<Image> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] v = new double[shape.size()];
            for (int j = 0; j < v.length; j++) {
                v[j] = r.nextGaussian();
            }
            out.add(Image.of(shape, v));
        }
        return out;
    }
}
