package io.github.segshap.salt.train;

import java.util.Objects;

/**
 * Images and masks as flat arrays, ready for the network: images in NCHW order
 * ({@code n x channels x height x width}) and masks in N1HW order ({@code n x height x width}, one
 * channel, values 0 or 1). The arrays are not copied: the caller must not modify them while a
 * {@link Trainer} uses them.
 *
 * @param images NCHW image values
 * @param masks N1HW mask values (0/1)
 * @param count number of samples n
 * @param channels input channels
 * @param height image height
 * @param width image width
 */
public record SegmentationData(float[] images, float[] masks, int count, int channels, int height, int width) {

    /**
     * Checks the array lengths against the shape.
     *
     * @throws IllegalArgumentException if a dimension is not positive or a length does not match
     */
    public SegmentationData {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(masks, "masks");
        if (count <= 0 || channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("shape must be positive, got n=" + count + " c=" + channels
                    + " h=" + height + " w=" + width);
        }
        long expectImages = (long) count * channels * height * width;
        long expectMasks = (long) count * height * width;
        if (images.length != expectImages) {
            throw new IllegalArgumentException("images have " + images.length + " values but n x c x h x w = "
                    + count + " x " + channels + " x " + height + " x " + width + " = " + expectImages);
        }
        if (masks.length != expectMasks) {
            throw new IllegalArgumentException("masks have " + masks.length + " values but n x h x w = "
                    + count + " x " + height + " x " + width + " = " + expectMasks);
        }
    }

    /** @return values per image (channels x height x width) */
    public int imageSize() {
        return channels * height * width;
    }

    /** @return pixels per mask (height x width) */
    public int pixels() {
        return height * width;
    }

    @Override
    public String toString() {
        return "SegmentationData[n=" + count + ", c=" + channels + ", h=" + height + ", w=" + width + "]";
    }
}
