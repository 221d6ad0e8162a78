package io.github.segshap.salt.prepare;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.salt.prepare.preprocess.Attributes;

/**
 * A seismic section of any size prepared as the training tiles were, so that a model trained on
 * the tiles can be run (and explained) across it.
 */
public final class SectionPreparation {
    private SectionPreparation() {
    }

    /**
     * A grey section of any size (0..255, row-major) prepared as the training images were: in seed
     * mode every 2nd sample and resized by the same 51 -> 48 factor, the four attributes, the
     * training set's power transform ({@code data.transform()}, applied to float32 values as in the
     * pipeline), then in seed mode every 2nd sample; at full resolution the attributes and the
     * transform at the section's size. A NaN attribute (a constant window) becomes 0.
     *
     * @param grey   {@code height x width} grey values; not modified
     * @param data   the prepared data whose resolution, axis and transform are used
     * @return the section {@code [4, h, w]} at the size the model's tiles have
     */
    public static Image prepare(double[] grey, int height, int width, PreparedData data) {
        ResolutionMode mode = data.resolution();
        ModeResampling.Plane plane = ModeResampling.toWorkScale(mode, grey, height, width);
        int h = plane.height();
        int w = plane.width();
        double[] stack = Attributes.stack(plane.values(), h, w, data.axis());
        float[] f = new float[stack.length];
        for (int k = 0; k < f.length; k++) {
            f[k] = Double.isNaN(stack[k]) ? 0f : (float) stack[k];
        }
        data.transform().transformInPlace(f, 1, h * w);
        int c = Attributes.CHANNEL_COUNT;
        float[] prepared = ModeResampling.toFinal(mode, f, c, h, w);
        double[] out = new double[prepared.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = prepared[k];
        }
        return Image.of(new ImageShape(c, ModeResampling.finalSize(mode, h), ModeResampling.finalSize(mode, w)), out);
    }
}
