package io.github.segshap.onnx.quantize;

import ai.onnx.proto.OnnxMl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the QDQ graph: each calibrated activation {@code t} becomes {@code QuantizeLinear(t) ->
 * DequantizeLinear} (uint8, asymmetric) right after the node that makes it, every reader of
 * {@code t} reading the dequantized copy; each quantized node's weight becomes an int8 constant
 * with one symmetric scale per output channel (axis 0 for Conv, 1 for ConvTranspose; one scale for
 * MatMul) behind a DequantizeLinear, and its bias an int32 constant at scale {@code s_x * s_w}.
 */
final class QdqRewriter {
    /** The largest int8 weight magnitude (symmetric: -127..127, so -128 never occurs). */
    static final int WEIGHT_MAX = 127;
    /** The uint8 activations' levels. */
    static final int ACTIVATION_LEVELS = 255;

    private final OnnxMl.GraphProto graph;
    private final GraphIndex index;
    private final Set<OnnxMl.NodeProto> quantized;
    private final Map<String, ActivationRanges.Range> ranges;
    private final List<OnnxMl.TensorProto> constants = new ArrayList<>();
    private final Set<String> replacedInitializers = new LinkedHashSet<>();

    QdqRewriter(OnnxMl.GraphProto graph, GraphIndex index, Set<OnnxMl.NodeProto> quantized,
                Map<String, ActivationRanges.Range> ranges) {
        this.graph = graph;
        this.index = index;
        this.quantized = quantized;
        this.ranges = ranges;
    }

    OnnxMl.GraphProto rewrite() {
        List<OnnxMl.NodeProto> nodes = new ArrayList<>();
        for (OnnxMl.ValueInfoProto in : graph.getInputList()) {
            if (ranges.containsKey(in.getName())) {
                addQdq(in.getName(), nodes);
            }
        }
        for (OnnxMl.NodeProto n : graph.getNodeList()) {
            OnnxMl.NodeProto.Builder b = n.toBuilder();
            for (int i = 0; i < n.getInputCount(); i++) {
                if (ranges.containsKey(n.getInput(i))) {
                    b.setInput(i, dequantized(n.getInput(i)));
                }
            }
            if (quantized.contains(n)) {
                quantizeParameters(n, b, nodes);
            }
            nodes.add(b.build());
            for (String o : n.getOutputList()) {
                if (ranges.containsKey(o)) {
                    addQdq(o, nodes);
                }
            }
        }
        OnnxMl.GraphProto.Builder out = graph.toBuilder().clearNode().addAllNode(nodes).clearInitializer();
        for (OnnxMl.TensorProto t : graph.getInitializerList()) {
            if (!replacedInitializers.contains(t.getName())) {
                out.addInitializer(t);
            }
        }
        return out.addAllInitializer(constants).build();
    }

    /** The uint8 scale of an activation. */
    float scaleOf(String tensor) {
        ActivationRanges.Range r = ranges.get(tensor);
        float s = (r.hi() - r.lo()) / ACTIVATION_LEVELS;
        return s > 0 ? s : 1f;
    }

    private void addQdq(String t, List<OnnxMl.NodeProto> nodes) {
        ActivationRanges.Range r = ranges.get(t);
        float scale = scaleOf(t);
        int zero = (int) Math.max(0, Math.min(ACTIVATION_LEVELS, Math.round(-r.lo() / scale)));
        String s = t + "_scale";
        String z = t + "_zero_point";
        constants.add(Tensors.floats(s, new float[] {scale}));
        constants.add(Tensors.bytes(z, false, new byte[] {(byte) zero}));
        nodes.add(node("QuantizeLinear", t + "_QuantizeLinear", List.of(t, s, z), t + "_quantized", null));
        nodes.add(node("DequantizeLinear", t + "_DequantizeLinear", List.of(t + "_quantized", s, z), dequantized(t),
                null));
    }

    private static String dequantized(String t) {
        return t + "_dequantized";
    }

    /** Replaces the weight (input 1) and bias (input 2) of {@code n} by dequantized int8 / int32 constants. */
    private void quantizeParameters(OnnxMl.NodeProto n, OnnxMl.NodeProto.Builder b, List<OnnxMl.NodeProto> nodes) {
        OnnxMl.TensorProto w = index.floatInitializer(n.getInput(1));
        float[] weights = Tensors.floats(w);
        Integer axis = switch (n.getOpType()) {
            case "Conv" -> 0;
            case "ConvTranspose" -> 1;
            default -> null;
        };
        float[] wScale = axis == null ? new float[] {max(weights)} : PerChannel.maxAbs(weights, w.getDimsList(), axis);
        for (int c = 0; c < wScale.length; c++) {
            wScale[c] = wScale[c] > 0 ? wScale[c] / WEIGHT_MAX : 1f;
        }
        int inner = axis == null ? weights.length : PerChannel.inner(w.getDimsList(), axis);
        byte[] q = new byte[weights.length];
        for (int i = 0; i < weights.length; i++) {
            int c = axis == null ? 0 : PerChannel.channelOf(i, inner, wScale.length);
            q[i] = (byte) Math.max(-WEIGHT_MAX, Math.min(WEIGHT_MAX, Math.round(weights[i] / wScale[c])));
        }
        String name = w.getName();
        long[] channelDims = axis == null ? new long[0] : new long[] {wScale.length};
        constants.add(Tensors.bytes(name + "_quantized", true, q, BatchNormFolding.dims(w)));
        constants.add(Tensors.floats(name + "_scale", wScale, channelDims));
        constants.add(Tensors.bytes(name + "_zero_point", true, new byte[wScale.length], channelDims));
        nodes.add(node("DequantizeLinear", name + "_DequantizeLinear", List.of(name + "_quantized", name + "_scale",
                name + "_zero_point"), dequantized(name), axis));
        replacedInitializers.add(name);
        b.setInput(1, dequantized(name));
        if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
            OnnxMl.TensorProto bias = index.floatInitializer(n.getInput(2));
            float[] bv = Tensors.floats(bias);
            float sx = scaleOf(n.getInput(0));
            float[] bScale = new float[bv.length];
            int[] bq = new int[bv.length];
            for (int c = 0; c < bv.length; c++) {
                bScale[c] = sx * wScale[wScale.length == 1 ? 0 : c];
                bq[c] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.round(bv[c] / (double) bScale[c])));
            }
            String bn = bias.getName();
            constants.add(Tensors.ints(bn + "_quantized", bq, bv.length));
            constants.add(Tensors.floats(bn + "_scale", bScale, bv.length));
            constants.add(Tensors.ints(bn + "_zero_point", new int[bv.length], bv.length));
            nodes.add(node("DequantizeLinear", bn + "_DequantizeLinear", List.of(bn + "_quantized", bn + "_scale",
                    bn + "_zero_point"), dequantized(bn), 0));
            replacedInitializers.add(bn);
            b.setInput(2, dequantized(bn));
        }
    }

    private static float max(float[] v) {
        float m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static OnnxMl.NodeProto node(String op, String name, List<String> inputs, String output, Integer axis) {
        OnnxMl.NodeProto.Builder b = OnnxMl.NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs)
                .addOutput(output);
        if (axis != null) {
            b.addAttribute(OnnxMl.AttributeProto.newBuilder().setName("axis")
                    .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(axis));
        }
        return b.build();
    }
}
