package io.github.segshap.onnx.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import io.github.segshap.core.image.Layout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What segshap uses of an ONNX session's graph, checked once when the model is built: the input the
 * images go to and the output explained (names, declared shapes, element type), the input layout,
 * the fixed batch size (0 for a dynamic batch) and the values of the other inputs. Errors name the
 * model's source and the offending input or output.
 */
final class Signature {
    final String source;
    final String inputName;
    final String outputName;
    final long[] inputDims;
    final long[] outputDims;
    final OnnxJavaType inputType;
    final Layout inputLayout;
    final int fixedBatch;
    final Map<String, ConstantInput> constants;

    /** @param layout the input layout asked for, or null to detect it ({@link #detectInputLayout}) */
    Signature(OrtSession session, String source, String wantedInput, String wantedOutput, Layout layout,
              int channels, Map<String, ConstantInput> given) throws OrtException {
        this.source = source;
        this.inputName = choose("input", wantedInput, session.getInputInfo());
        this.outputName = choose("output", wantedOutput, session.getOutputInfo());
        TensorInfo in = tensorInfo("input", inputName, session.getInputInfo().get(inputName));
        TensorInfo out = tensorInfo("output", outputName, session.getOutputInfo().get(outputName));
        this.inputDims = in.getShape();
        this.outputDims = out.getShape();
        this.inputType = in.type;
        check(in, out);
        this.constants = constants(given, session.getInputInfo());
        this.inputLayout = layout != null ? layout : detectInputLayout(inputDims, channels);
        this.fixedBatch = inputDims[0] > 0 ? Math.toIntExact(inputDims[0]) : 0;
    }

    /** The declared size of the input's channel axis in its layout (-1 when dynamic). */
    long declaredChannels() {
        return inputDims[inputLayout == Layout.NHWC ? 3 : 1];
    }

    /** The declared size of the axis where the channels would be in the other layout. */
    long declaredOtherChannels() {
        return inputDims[inputLayout == Layout.NHWC ? 1 : 3];
    }

    /** The declared height of the input (-1 when dynamic). */
    long declaredHeight() {
        return inputDims[inputLayout == Layout.NHWC ? 1 : 2];
    }

    /** The declared width of the input (-1 when dynamic). */
    long declaredWidth() {
        return inputDims[inputLayout == Layout.NHWC ? 2 : 3];
    }

    /** Images in one run of {@code count} images: the fixed batch, or {@code count}. */
    int rows(int count) {
        return fixedBatch > 0 ? fixedBatch : count;
    }

    private String choose(String what, String wanted, Map<String, NodeInfo> infos) {
        if (infos.isEmpty()) {
            throw new IllegalArgumentException(source + " has no " + what + "s");
        }
        if (wanted == null) {
            return infos.keySet().iterator().next();
        }
        if (!infos.containsKey(wanted)) {
            throw new IllegalArgumentException(source + " has no " + what + " named '" + wanted + "'; its " + what
                    + "s are " + infos.keySet());
        }
        return wanted;
    }

    private TensorInfo tensorInfo(String what, String name, NodeInfo node) {
        ValueInfo info = node.getInfo();
        if (!(info instanceof TensorInfo t)) {
            throw new IllegalArgumentException(what + " '" + name + "' of " + source + " is not a tensor but "
                    + info + ": only tensor " + what + "s can carry images and maps");
        }
        return t;
    }

    private void check(TensorInfo in, TensorInfo out) {
        if (in.type != OnnxJavaType.FLOAT && in.type != OnnxJavaType.DOUBLE) {
            throw new IllegalArgumentException("input '" + inputName + "' of " + source + " has element type "
                    + in.onnxType + ": only float32 and float64 inputs can take images");
        }
        if (inputDims.length != 4) {
            throw new IllegalArgumentException("input '" + inputName + "' of " + source + " has shape "
                    + Arrays.toString(inputDims) + " (rank " + inputDims.length + "): an image input is "
                    + "[N, C, H, W] or [N, H, W, C]");
        }
        if (out.type != OnnxJavaType.FLOAT && out.type != OnnxJavaType.DOUBLE) {
            throw new IllegalArgumentException("output '" + outputName + "' of " + source + " has element type "
                    + out.onnxType + ": only float32 and float64 outputs can be explained");
        }
        if (outputDims.length != 3 && outputDims.length != 4) {
            throw new IllegalArgumentException("output '" + outputName + "' of " + source + " has shape "
                    + Arrays.toString(outputDims) + " (rank " + outputDims.length + "), which is not a map: "
                    + "expected [N, O, H, W], [N, H, W, O] or [N, H, W]");
        }
    }

    private Map<String, ConstantInput> constants(Map<String, ConstantInput> given, Map<String, NodeInfo> inputs) {
        Map<String, ConstantInput> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConstantInput> e : given.entrySet()) {
            if (!inputs.containsKey(e.getKey())) {
                throw new IllegalArgumentException(source + " has no input named '" + e.getKey() + "' to give a "
                        + "constant value; its inputs are " + inputs.keySet());
            }
            if (e.getKey().equals(inputName)) {
                throw new IllegalArgumentException("input '" + inputName + "' of " + source + " takes the images; it "
                        + "cannot also have a constant value");
            }
            TensorInfo t = tensorInfo("input", e.getKey(), inputs.get(e.getKey()));
            if (t.type != OnnxJavaType.FLOAT && t.type != OnnxJavaType.DOUBLE) {
                throw new IllegalArgumentException("input '" + e.getKey() + "' of " + source + " has element type "
                        + t.onnxType + ": constant values can be given to float32 and float64 inputs only");
            }
            out.put(e.getKey(), new ConstantInput(e.getValue().values(), e.getValue().dims(), t.type));
        }
        List<String> missing = new ArrayList<>();
        for (String name : inputs.keySet()) {
            if (!name.equals(inputName) && !out.containsKey(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(source + " has inputs " + inputs.keySet() + "; the images go to '"
                    + inputName + "', and inputs " + missing + " need values: give them with "
                    + "Builder.constantInput(name, values, dims)");
        }
        return Map.copyOf(out);
    }

    /** The input layout when none is asked for (see {@link OnnxModel}). */
    static Layout detectInputLayout(long[] dims, int channels) {
        long d1 = dims[1];
        long d3 = dims[3];
        if (channels > 0 && (d1 == channels) != (d3 == channels)) {
            return d1 == channels ? Layout.NCHW : Layout.NHWC;
        }
        if (d1 > 0 && d3 <= 0) {
            return Layout.NCHW;
        }
        if (d3 > 0 && d1 <= 0) {
            return Layout.NHWC;
        }
        if (d1 > 0 && d3 < d1) {
            return Layout.NHWC;
        }
        return Layout.NCHW;
    }
}
