package io.github.segshap.onnx.quantize;

import io.github.segshap.core.io.AtomicFiles;
import io.github.segshap.core.provenance.Fingerprint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * An int8 QDQ copy of a float32 ONNX model, as {@link Int8Quantizer} wrote it: the serialised model
 * (its metadata holds the calibration too, under {@code segshap.*} keys) and what made it. Load it
 * with {@code OnnxModel.builder(model.bytes())}.
 *
 * @param bytes                  the serialised QDQ model (not copied: do not modify)
 * @param calibration            how the activation ranges were read
 * @param calibrationImages      the number of calibration images
 * @param calibrationFingerprint {@link Fingerprint#ofImages} of the calibration images
 * @param quantizedNodes         the Conv, ConvTranspose and MatMul nodes computed in int8
 * @param floatNodes             those left in float32 (the output layer, unless asked otherwise)
 * @param foldedBatchNorms       BatchNormalization nodes folded into their convolution first
 */
public record QuantizedModel(byte[] bytes, Calibration calibration, int calibrationImages,
                             String calibrationFingerprint, int quantizedNodes, int floatNodes,
                             int foldedBatchNorms) {

    /** {@link Fingerprint#ofBytes} of the serialised model. */
    public String fingerprint() {
        return Fingerprint.ofBytes(bytes);
    }

    /** E.g. {@code minmax over 16 images (sha256:...)}: the calibration as the provenance records it. */
    public String calibrationRecord() {
        return calibration.label() + " over " + calibrationImages + " images (" + calibrationFingerprint + ")";
    }

    /** Writes the model to {@code file} (a temporary name, then renamed). */
    public void write(Path file) {
        try {
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the int8 model to " + file + ": " + e.getMessage(), e);
        }
    }
}
