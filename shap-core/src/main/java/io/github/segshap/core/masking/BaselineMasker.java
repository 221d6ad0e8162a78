package io.github.segshap.core.masking;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Masking with one constant baseline image: absent values become zero, a constant, or a
 * per-channel value such as the channel means of a data set (Captum's "baselines").
 */
public final class BaselineMasker implements Masker {
    private final double[] perChannel;
    private final Map<ImageShape, Replacements> cache = new ConcurrentHashMap<>();

    private BaselineMasker(double[] perChannel) {
        for (int c = 0; c < perChannel.length; c++) {
            if (!Double.isFinite(perChannel[c])) {
                throw new IllegalArgumentException("baseline value for channel " + c + " is " + perChannel[c]);
            }
        }
        this.perChannel = perChannel;
    }

    /** Absent values become 0. */
    public static BaselineMasker zeros() {
        return constant(0);
    }

    /** Absent values become {@code value}, in every channel. */
    public static BaselineMasker constant(double value) {
        return new BaselineMasker(new double[] {value});
    }

    /** Absent values of channel c become {@code values[c]}. */
    public static BaselineMasker perChannel(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("at least one baseline value is needed");
        }
        return new BaselineMasker(values.clone());
    }

    /** Absent values of channel c become the mean of channel c over {@code images}. */
    public static BaselineMasker channelMeans(List<Image> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("channel means need at least one image: the background is empty");
        }
        ImageShape shape = images.get(0).shape();
        double[] mean = new double[shape.channels()];
        for (int n = 0; n < images.size(); n++) {
            shape.requireSame(images.get(n).shape(), "image " + n);
            for (int c = 0; c < shape.channels(); c++) {
                for (int i = 0; i < shape.pixels(); i++) {
                    mean[c] += images.get(n).valueAt(c * shape.pixels() + i);
                }
            }
        }
        for (int c = 0; c < mean.length; c++) {
            mean[c] /= (double) images.size() * shape.pixels();
        }
        return new BaselineMasker(mean);
    }

    @Override
    public Replacements replacementsFor(Image image) {
        ImageShape shape = image.shape();
        if (perChannel.length != 1 && perChannel.length != shape.channels()) {
            throw new IllegalArgumentException("baseline has " + perChannel.length + " channel values but the image has "
                    + shape.channels() + " channels");
        }
        return cache.computeIfAbsent(shape, s -> {
            double[] v = new double[s.size()];
            for (int c = 0; c < s.channels(); c++) {
                java.util.Arrays.fill(v, c * s.pixels(), (c + 1) * s.pixels(), perChannel[perChannel.length == 1 ? 0 : c]);
            }
            return Replacements.uniform(List.of(Image.of(s, v)));
        });
    }

    @Override
    public boolean isImageIndependent() {
        return true;
    }
}
