package io.github.segshap.onnx.model;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.image.Layout;
import io.github.segshap.core.model.IncompatibleInputException;
import io.github.segshap.core.model.InputSizes;
import io.github.segshap.core.model.OutputShape;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an ONNX model does with images of one shape, found once per shape and cached: the channel
 * and fixed-size checks against the declared input, a probe run of zero images giving the output
 * shape and layout, the images one run may take, and, when the run fails, the padded size that
 * works ({@link InputSizes#sizeError}). Thread-safe.
 */
final class Probes {
    private static final int MAX_PROBE_MULTIPLE = 32;

    /** What a probe found for one input shape. */
    record Probe(OutputShape outputShape, Layout outputLayout, int maxImages) {
    }

    private final OrtSession session;
    private final Signature signature;
    private final TensorCodec codec;
    private final Set<String> requested;
    private final Layout outputLayoutSetting;
    private final long memoryBudget;
    private final Map<ImageShape, Probe> probes = new ConcurrentHashMap<>();

    /**
     * @param outputLayout the output layout asked for, or null to detect it
     * @param memoryBudget   memory one run may take
     */
    Probes(OrtSession session, Signature signature, TensorCodec codec, Layout outputLayout, long memoryBudget) {
        this.session = session;
        this.signature = signature;
        this.codec = codec;
        this.requested = Set.of(signature.outputName);
        this.outputLayoutSetting = outputLayout;
        this.memoryBudget = memoryBudget;
    }

    /** The probe of {@code shape}, cached. @throws IncompatibleInputException when the model cannot take it */
    Probe probe(ImageShape shape) {
        Probe p = probes.get(shape);
        if (p == null) {
            p = compute(shape);
            probes.putIfAbsent(shape, p);
        }
        return p;
    }

    private Probe compute(ImageShape shape) {
        long[] inputDims = signature.inputDims;
        Layout inputLayout = signature.inputLayout;
        boolean nhwc = inputLayout == Layout.NHWC;
        long c = signature.declaredChannels();
        if (c > 0 && c != shape.channels()) {
            long other = signature.declaredOtherChannels();
            String hint = other == shape.channels()
                    ? "; if the input is " + (nhwc ? "channels-first" : "channels-last") + ", build the model with "
                    + "inputLayout(Layout." + (nhwc ? "NCHW" : "NHWC") + ")"
                    : "";
            throw new IncompatibleInputException("the model takes " + c + " input channels (input '"
                    + signature.inputName + "' of shape " + Arrays.toString(inputDims) + ", layout " + inputLayout
                    + ") but the images have " + shape.channels() + " (image shape " + shape + ")" + hint, null, null,
                    null);
        }
        long h = signature.declaredHeight();
        long w = signature.declaredWidth();
        if (h > 0 && h != shape.height() || w > 0 && w != shape.width()) {
            int th = h > 0 ? Math.toIntExact(h) : shape.height();
            int tw = w > 0 ? Math.toIntExact(w) : shape.width();
            boolean pad = th >= shape.height() && tw >= shape.width();
            throw new IncompatibleInputException("the model's input '" + signature.inputName + "' has a fixed size "
                    + (h > 0 ? h : "any") + "x" + (w > 0 ? w : "any") + " (shape " + Arrays.toString(inputDims)
                    + ") but the images are " + shape.height() + "x" + shape.width() + ": "
                    + (pad ? "pad them to " + th + "x" + tw + " and crop the outputs back to " + shape.height()
                    + "x" + shape.width()
                    : "they are larger than the model's size; crop or resize them to " + th + "x" + tw),
                    pad ? th : null, pad ? tw : null, null);
        }
        long[] outShape;
        try {
            outShape = tryRun(shape);
        } catch (OrtException | IllegalStateException e) {
            throw sizeError(shape, e);
        }
        return probeFrom(shape, outShape);
    }

    private Probe probeFrom(ImageShape shape, long[] outShape) {
        int rows = signature.rows(1);
        if (outShape.length != 3 && outShape.length != 4 || outShape[0] != rows) {
            throw new IllegalArgumentException("output '" + signature.outputName + "' of " + signature.source
                    + " has shape " + Arrays.toString(outShape) + " for a run of " + rows + " images of shape " + shape
                    + ", which is not a map: expected [N, O, H, W], [N, H, W, O] or [N, H, W]");
        }
        OutputShape os;
        Layout layout = Layout.NCHW;
        if (outShape.length == 3) {
            os = OutputShape.of(1, Math.toIntExact(outShape[1]), Math.toIntExact(outShape[2]));
        } else {
            layout = outputLayoutSetting != null ? outputLayoutSetting : detectOutputLayout(shape, outShape);
            int a = Math.toIntExact(outShape[1]);
            int b = Math.toIntExact(outShape[2]);
            int d = Math.toIntExact(outShape[3]);
            os = layout == Layout.NHWC ? OutputShape.of(d, a, b) : OutputShape.of(a, b, d);
        }
        int maxImages;
        if (signature.fixedBatch > 0) {
            maxImages = signature.fixedBatch;
        } else {
            long elementBytes = signature.inputType == OnnxJavaType.DOUBLE ? 8 : 4;
            long perImage = OnnxModel.ACTIVATION_FACTOR * elementBytes * ((long) shape.size() + os.size())
                    + 8L * os.size();
            maxImages = (int) Math.max(1, Math.min(Integer.MAX_VALUE, memoryBudget / perImage));
        }
        return new Probe(os, layout, maxImages);
    }

    private Layout detectOutputLayout(ImageShape shape, long[] out) {
        boolean nchw = out[2] == shape.height() && out[3] == shape.width();
        boolean nhwc = out[1] == shape.height() && out[2] == shape.width();
        if (nchw != nhwc) {
            return nchw ? Layout.NCHW : Layout.NHWC;
        }
        long[] outputDims = signature.outputDims;
        if (outputDims.length == 4) {
            boolean fixed1 = outputDims[1] > 0;
            boolean fixed3 = outputDims[3] > 0;
            if (fixed1 != fixed3) {
                return fixed1 ? Layout.NCHW : Layout.NHWC;
            }
        }
        return signature.inputLayout;
    }

    /** One run of zero images; returns the output's shape. */
    private long[] tryRun(ImageShape shape) throws OrtException {
        int rows = signature.rows(1);
        double[] zeros = new double[shape.size()];
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try (OrtSession.RunOptions quiet = new OrtSession.RunOptions()) {
            quiet.setLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
            inputs.put(signature.inputName, codec.input(zeros, 0, 1, rows, shape));
            codec.addConstants(inputs);
            try (OrtSession.Result result = session.run(inputs, requested, quiet)) {
                return codec.outputTensor(result).getInfo().getShape();
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private IncompatibleInputException sizeError(ImageShape shape, Exception cause) {
        return InputSizes.sizeError("the model", shape, cause, MAX_PROBE_MULTIPLE,
                padded -> probes.putIfAbsent(padded, probeFrom(padded, tryRun(padded))),
                "the model (" + signature.source + ") cannot take images of shape " + shape + " (layout "
                        + signature.inputLayout + ", input '" + signature.inputName + "' of shape "
                        + Arrays.toString(signature.inputDims) + ")");
    }

    /** Forgets every probe. */
    void clear() {
        probes.clear();
    }
}
