package io.github.segshap.salt.train;

import io.github.segshap.zoo.loss.FocalLoss;
import io.github.segshap.zoo.loss.LovaszLoss;
import io.github.segshap.zoo.loss.LossSum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The training losses {@code salt train --loss} offers, each made for a network output of a given
 * number of pixels per image.
 */
public enum SegmentationLoss {
    /** The original's binary focal cross-entropy (gamma 2, Keras' defaults): {@link FocalLoss}. */
    FOCAL("focal", "binary focal cross-entropy, gamma 2"),
    /** The {@link LovaszLoss} alone: a surrogate of 1 - IoU per image. */
    LOVASZ("lovasz", "Lovász-softmax per image"),
    /** Mean focal cross-entropy per pixel + Lovász per image ({@link LossSum}). */
    FOCAL_LOVASZ("focal+lovasz", "binary focal cross-entropy (gamma 2, mean per pixel) + Lovász-softmax per image");

    private final String label;
    private final String description;

    SegmentationLoss(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** The name on the command line and in run files: {@code focal}, {@code lovasz} or {@code focal+lovasz}. */
    @JsonValue
    public String label() {
        return label;
    }

    /** What the loss is, for run records. */
    public String description() {
        return description;
    }

    /** The loss for outputs of {@code imagePixels} pixels per image (the U-Net's padded H x W). */
    public ILossFunction create(int imagePixels) {
        return switch (this) {
            case FOCAL -> new FocalLoss();
            case LOVASZ -> new LovaszLoss(imagePixels);
            case FOCAL_LOVASZ -> new LossSum(new FocalLoss(), 1, new LovaszLoss(imagePixels), imagePixels);
        };
    }

    /**
     * The loss with this {@link #label()} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the choices
     */
    @JsonCreator
    public static SegmentationLoss parse(String label) {
        for (SegmentationLoss l : values()) {
            if (l.label.equals(label.toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + label + "': use focal, lovasz or focal+lovasz");
    }
}
