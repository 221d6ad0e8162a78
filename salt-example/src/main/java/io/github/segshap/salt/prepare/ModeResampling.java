package io.github.segshap.salt.prepare;

import io.github.segshap.salt.prepare.preprocess.Resampling;
import java.util.stream.IntStream;

/**
 * How a {@link ResolutionMode} resamples grey planes, written once for the training tiles and for
 * sections of any size. {@link ResolutionMode#SEED}: every 2nd sample, then an anti-aliased resize
 * by 48 / 51 (a 101 x 101 tile: 101 -> 51 -> 48) before the attributes, and every 2nd sample of the
 * result at the end (48 -> 24). {@link ResolutionMode#FULL}: planes as they are.
 */
final class ModeResampling {
    /** Side of a TGS tile. */
    static final int RAW = 101;
    /** Side of the seed mode's attribute planes: 101 -> [::2] 51 -> resize 48. */
    static final int SEED_WORK = 48;

    private ModeResampling() {
    }

    /** A row-major plane and its size. */
    record Plane(double[] values, int height, int width) {
    }

    /** Side of the planes a tile's attributes are computed on: 48 in seed mode, the raw 101 at full resolution. */
    static int workSize(ResolutionMode mode) {
        return mode == ResolutionMode.SEED ? SEED_WORK : RAW;
    }

    /**
     * A {@code height x width} plane at the attributes' scale: in seed mode {@code [::2]}, then
     * resized by the tile's 51 -> 48 factor (a 101 x 101 tile becomes 48 x 48); at full resolution
     * the plane itself.
     */
    static Plane toWorkScale(ResolutionMode mode, double[] plane, int height, int width) {
        if (mode != ResolutionMode.SEED) {
            return new Plane(plane, height, width);
        }
        int hd = Resampling.decimatedSize(height, 2);
        int wd = Resampling.decimatedSize(width, 2);
        int half = Resampling.decimatedSize(RAW, 2);
        int h = (int) Math.round((double) hd * SEED_WORK / half);
        int w = (int) Math.round((double) wd * SEED_WORK / half);
        return new Plane(Resampling.resize(Resampling.decimate(plane, height, width, 2), hd, wd, h, w), h, w);
    }

    /** The length of an axis of the prepared data for {@code workLength} at the attributes' scale. */
    static int finalSize(ResolutionMode mode, int workLength) {
        return mode == ResolutionMode.SEED ? Resampling.decimatedSize(workLength, 2) : workLength;
    }

    /**
     * {@code count} planes of {@code height x width} at the prepared data's size: in seed mode every
     * 2nd pixel (a new array, planes in parallel), at full resolution {@code planes} itself.
     */
    static float[] toFinal(ResolutionMode mode, float[] planes, int count, int height, int width) {
        if (mode != ResolutionMode.SEED) {
            return planes;
        }
        int oh = finalSize(mode, height);
        int ow = finalSize(mode, width);
        float[] out = new float[count * oh * ow];
        IntStream.range(0, count).parallel().forEach(p -> {
            for (int r = 0; r < oh; r++) {
                for (int col = 0; col < ow; col++) {
                    out[(p * oh + r) * ow + col] = planes[(p * height + 2 * r) * width + 2 * col];
                }
            }
        });
        return out;
    }
}
