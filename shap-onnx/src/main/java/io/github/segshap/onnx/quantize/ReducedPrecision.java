package io.github.segshap.onnx.quantize;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.padding.BoundaryMode;
import io.github.segshap.core.provenance.Precision;
import io.github.segshap.core.provenance.PrecisionRecord;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.segmentation.ExplanationOptions;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code --precision int8} as every front end does it, once: the float32 ONNX model quantized
 * ({@link Int8Quantizer}, min/max) on the background rows as the network sees them, the int8 model
 * loaded and fitted the way the front end fits the float32 one, and its explanation's error against
 * the float32 explanation measured on held-out images ({@link HeldOutComparison}). Closing it closes
 * the int8 model.
 *
 * @param model     the int8 model to explain with (fitted: padded as the float32 one)
 * @param quantized the int8 copy
 * @param record    what the provenance records: precision, calibration, error, held-out ids
 */
public record ReducedPrecision(Model model, QuantizedModel quantized, PrecisionRecord record) implements AutoCloseable {
    /** Rejects missing parts. */
    public ReducedPrecision {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(quantized, "quantized");
        Objects.requireNonNull(record, "record");
    }

    /**
     * Quantizes, loads and measures.
     *
     * @param floatModel    the serialised float32 ONNX model
     * @param background    the background rows at the images' size (the calibration images)
     * @param network       the size the network takes (rows are padded to it with {@code padMode})
     * @param padMode       how the explanation pads images to {@code network}
     * @param load          loads a serialised model and fits it as the float32 one is fitted (e.g. padded)
     * @param float32       the float32 model, fitted
     * @param options       the explanation's options (background included)
     * @param heldOutIds    ids of the held-out images (none of them a background row)
     * @param heldOut       the held-out images, at the images' size
     */
    public static ReducedPrecision int8(byte[] floatModel, List<Image> background, ImageShape network,
                                        BoundaryMode padMode, Function<byte[], Model> load, Model float32,
                                        ExplanationOptions options, List<String> heldOutIds, List<Image> heldOut) {
        QuantizedModel q = Int8Quantizer.builder().build().quantize(floatModel,
                Int8Quantizer.calibrationRows(background, network, padMode));
        Model int8 = load.apply(q.bytes());
        try {
            PrecisionRecord record = HeldOutComparison.measure(float32, int8, Precision.INT8, q.calibrationRecord(),
                    options, heldOutIds, heldOut);
            return new ReducedPrecision(int8, q, record);
        } catch (RuntimeException e) {
            int8.close();
            throw e;
        }
    }

    /** {@code p} with the precision entries ({@link PrecisionRecord#addTo}). */
    public Provenance recorded(Provenance p) {
        return record.addTo(p);
    }

    /** Closes the int8 model. */
    @Override
    public void close() {
        model.close();
    }
}
