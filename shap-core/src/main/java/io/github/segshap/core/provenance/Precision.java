package io.github.segshap.core.provenance;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The arithmetic of the model's passes ({@code --precision}): {@link #FLOAT32}, the model as it is
 * (the default), or {@link #INT8}, a static int8 copy of an ONNX model (shap-onnx's
 * {@code Int8Quantizer}) whose explanation's error against float32 is measured on held-out images
 * and recorded ({@link PrecisionRecord}).
 */
public enum Precision {
    /** The model's own float32 arithmetic. */
    FLOAT32,
    /** A static int8 QDQ copy of the model, calibrated on the background rows. */
    INT8;

    /** The number of held-out images the int8 error is measured on by default ({@code --precision-check}). */
    public static final int DEFAULT_HELD_OUT_IMAGES = 4;

    /** {@code float32} or {@code int8}: the name on the command line and in the provenance. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The precision called {@code label} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the labels there are
     */
    public static Precision of(String label) {
        for (Precision p : values()) {
            if (p.label().equalsIgnoreCase(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("precision must be " + Arrays.stream(values()).map(Precision::label)
                .collect(Collectors.joining(" or ")) + ", got '" + label + "'");
    }
}
