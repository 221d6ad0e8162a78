package io.github.segshap.core.model;

import io.github.segshap.core.Arguments;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.Layout;

import java.util.Arrays;

/**
 * The check that a model is a function: one input predicted twice in two separate calls must give
 * the same outputs (to a relative {@value #TOLERANCE}), and as two rows of one batch the same
 * outputs to a relative {@value #BATCH_TOLERANCE} (float32 networks sum in another order when the
 * batch size changes: differences of about 1e-7 are arithmetic, not randomness).
 */
public final class Determinism {
    /** Largest difference allowed, relative to {@code max(1, max |output|)}. */
    public static final double TOLERANCE = 1e-9;
    /** Largest difference allowed between a single call and a row of a batch of two. */
    public static final double BATCH_TOLERANCE = 1e-5;

    private Determinism() {
    }

    /**
     * Predicts {@code image} three times (alone, alone again, and twice in one batch) and compares.
     *
     * <p>The image is given in the layout the model reads ({@link InputSpec#layout()}).
     *
     * @throws NondeterministicModelException naming the model, the output index and both values
     */
    public static void require(Model model, Image image) {
        Arguments.notNull(model, "model");
        Arguments.notNull(image, "image");
        Layout layout = model.inputSpec().layout();
        double[] x = new ImageBatch(image.shape(), 1, image.toArray()).in(layout).values();
        double[] first = model.predict(new ImageBatch(image.shape(), 1, x, layout));
        double[] second = model.predict(new ImageBatch(image.shape(), 1, x, layout));
        double[] two = new double[2 * x.length];
        System.arraycopy(x, 0, two, 0, x.length);
        System.arraycopy(x, 0, two, x.length, x.length);
        double[] batch = model.predict(new ImageBatch(image.shape(), 2, two, layout));
        compare(model, first, second, "a second call", TOLERANCE);
        compare(model, first, Arrays.copyOfRange(batch, 0, first.length), "the first row of a batch of two",
                BATCH_TOLERANCE);
        compare(model, first, Arrays.copyOfRange(batch, first.length, 2 * first.length),
                "the second row of a batch of two", BATCH_TOLERANCE);
    }

    private static void compare(Model model, double[] a, double[] b, String what, double tolerance) {
        double scale = 1;
        for (double v : a) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int k = 0; k < a.length; k++) {
            double d = Math.abs(a[k] - b[k]);
            if (!(d <= tolerance * scale) && !(Double.isNaN(a[k]) && Double.isNaN(b[k]))) {
                throw new NondeterministicModelException("the model " + model + " is not deterministic: the same "
                        + "image gave output " + k + " = " + a[k] + " in one call and " + b[k] + " in " + what
                        + " (difference " + d + "); Shapley values of a random model are noise. Is dropout or "
                        + "another random layer active at inference, or does the model keep state between calls?");
            }
        }
    }
}
