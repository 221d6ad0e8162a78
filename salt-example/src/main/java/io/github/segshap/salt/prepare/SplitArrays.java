package io.github.segshap.salt.prepare;

import io.github.segshap.salt.prepare.preprocess.Attributes;
import java.util.ArrayList;
import java.util.List;

/**
 * One split's working arrays at the attributes' scale, before the final decimation: the ids, the
 * four attribute planes of every sample (NCHW), the binary masks and which samples have a NaN
 * attribute. The arrays are filled and transformed in place by {@link SplitProcessing}.
 */
final class SplitArrays {
    final List<String> ids;
    final float[] images;
    final float[] masks;
    final boolean[] hasNan;
    final int plane;

    SplitArrays(List<String> ids, float[] images, float[] masks, boolean[] hasNan, int plane) {
        this.ids = ids;
        this.images = images;
        this.masks = masks;
        this.hasNan = hasNan;
        this.plane = plane;
    }

    /** The ids of the samples with a NaN attribute, in order. */
    List<String> nanIds() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (hasNan[i]) {
                out.add(ids.get(i));
            }
        }
        return out;
    }

    /** A copy without the samples that have a NaN attribute. */
    SplitArrays withoutNan() {
        int c = Attributes.CHANNEL_COUNT;
        List<String> keep = new ArrayList<>();
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!hasNan[i]) {
                keep.add(ids.get(i));
                idx.add(i);
            }
        }
        float[] im = new float[keep.size() * c * plane];
        float[] ma = new float[keep.size() * plane];
        for (int k = 0; k < idx.size(); k++) {
            System.arraycopy(images, idx.get(k) * c * plane, im, k * c * plane, c * plane);
            System.arraycopy(masks, idx.get(k) * plane, ma, k * plane, plane);
        }
        return new SplitArrays(keep, im, ma, new boolean[keep.size()], plane);
    }

    /** Replaces every NaN attribute value by {@code value}, in place. */
    void fillNan(float value) {
        for (int i = 0; i < images.length; i++) {
            if (Float.isNaN(images[i])) {
                images[i] = value;
            }
        }
    }
}
