package io.github.segshap.onnx.model;

import io.github.segshap.core.model.ModelFormat;
import io.github.segshap.core.provenance.Fingerprint;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * ONNX model files as a {@link ModelFormat} (registered in {@code META-INF/services}): a file named
 * {@code *.onnx}, or one that starts as a serialised ONNX {@code ModelProto} does (its field 1,
 * {@code ir_version}, first: byte {@code 0x08}), loaded as an {@link OnnxModel} with the given
 * input and output names.
 */
public final class OnnxModelFormat implements ModelFormat {
    /** The tag of field 1 ({@code ir_version}, a varint) that starts every ModelProto writer's output. */
    private static final byte IR_VERSION_TAG = 0x08;

    @Override
    public String name() {
        return "ONNX";
    }

    @Override
    public boolean takesNames() {
        return true;
    }

    @Override
    public boolean reads(Path file, byte[] head) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")
                || head.length > 0 && head[0] == IR_VERSION_TAG;
    }

    /** Loads the file with the names given (the first input and output by default). */
    @Override
    public Loaded load(Path file, Options options) {
        OnnxModel.Builder b = OnnxModel.builder(file);
        if (options.inputName() != null) {
            b.inputName(options.inputName());
        }
        if (options.outputName() != null) {
            b.outputName(options.outputName());
        }
        OnnxModel m = b.build();
        String description = "ONNX model " + file.getFileName() + " (input '" + m.inputName() + "' "
                + Arrays.toString(m.declaredInputShape()) + " " + m.inputSpec().layout() + ", output '"
                + m.outputName() + "')";
        return new Loaded(m, description, Fingerprint.ofFile(file));
    }

    /** E.g. {@code ONNX (*.onnx)}. */
    @Override
    public String toString() {
        return "ONNX (*.onnx)";
    }
}
