package io.github.segshap.onnx.quantize;

import ai.onnx.proto.OnnxMl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds a BatchNormalization (inference form, all parameters constant) into the Conv or
 * ConvTranspose (group 1) whose output only it reads: {@code W' = W g / sqrt(v + eps)} per output
 * channel and {@code b' = (b - m) g / sqrt(v + eps) + beta}. The quantizer does this first, as
 * ONNX Runtime's own optimiser would in float32, so that one integer convolution computes both.
 */
final class BatchNormFolding {
    private BatchNormFolding() {
    }

    /** The graph with every foldable BatchNormalization folded; the number folded through {@code folded}. */
    static OnnxMl.GraphProto fold(OnnxMl.GraphProto graph, int[] folded) {
        GraphIndex index = new GraphIndex(graph);
        Map<String, OnnxMl.TensorProto> replaced = new HashMap<>();
        Map<OnnxMl.NodeProto, OnnxMl.NodeProto> rewired = new HashMap<>();
        Set<OnnxMl.NodeProto> removed = new HashSet<>();
        List<OnnxMl.TensorProto> added = new ArrayList<>();
        for (OnnxMl.NodeProto bn : graph.getNodeList()) {
            if (!bn.getOpType().equals("BatchNormalization") || bn.getOutputCount() != 1) {
                continue;
            }
            OnnxMl.NodeProto conv = index.producers.get(bn.getInput(0));
            if (conv == null || !(conv.getOpType().equals("Conv") || conv.getOpType().equals("ConvTranspose"))
                    || !index.onlyReadBy(bn.getInput(0), bn) || rewired.containsKey(conv) || group(conv) != 1) {
                continue;
            }
            float[][] p = new float[4][];
            boolean constant = true;
            for (int i = 0; i < 4; i++) {
                OnnxMl.TensorProto t = index.floatInitializer(bn.getInput(i + 1));
                constant &= t != null;
                p[i] = t == null ? null : Tensors.floats(t);
            }
            OnnxMl.TensorProto w = index.floatInitializer(conv.getInput(1));
            String biasName = conv.getInputCount() > 2 ? conv.getInput(2) : "";
            OnnxMl.TensorProto b = biasName.isEmpty() ? null : index.floatInitializer(biasName);
            if (!constant || w == null || (!biasName.isEmpty() && b == null) || reused(index, w, b)) {
                continue;
            }
            float eps = epsilon(bn);
            int channels = p[0].length;
            int axis = conv.getOpType().equals("Conv") ? 0 : 1;
            float[] weights = Tensors.floats(w);
            float[] bias = b == null ? new float[channels] : Tensors.floats(b);
            float[] factor = new float[channels];
            float[] newBias = new float[channels];
            for (int c = 0; c < channels; c++) {
                factor[c] = (float) (p[0][c] / Math.sqrt(p[3][c] + (double) eps));
                newBias[c] = (bias[c] - p[2][c]) * factor[c] + p[1][c];
            }
            PerChannel.scale(weights, w.getDimsList(), axis, factor);
            String biasOut = b == null ? conv.getOutput(0) + "_folded_bias" : biasName;
            replaced.put(w.getName(), Tensors.floats(w.getName(), weights, dims(w)));
            OnnxMl.TensorProto nb = Tensors.floats(biasOut, newBias, channels);
            if (b == null) {
                added.add(nb);
            } else {
                replaced.put(biasName, nb);
            }
            OnnxMl.NodeProto.Builder c2 = conv.toBuilder().setOutput(0, bn.getOutput(0));
            if (conv.getInputCount() > 2) {
                c2.setInput(2, biasOut);
            } else {
                c2.addInput(biasOut);
            }
            rewired.put(conv, c2.build());
            removed.add(bn);
            folded[0]++;
        }
        OnnxMl.GraphProto.Builder out = graph.toBuilder().clearNode().clearInitializer();
        for (OnnxMl.NodeProto n : graph.getNodeList()) {
            if (!removed.contains(n)) {
                out.addNode(rewired.getOrDefault(n, n));
            }
        }
        Set<String> dropped = new HashSet<>();
        for (OnnxMl.NodeProto bn : removed) {
            for (int i = 1; i < bn.getInputCount(); i++) {
                String p = bn.getInput(i);
                if (index.consumersOf(p).stream().allMatch(removed::contains)) {
                    dropped.add(p);
                }
            }
        }
        for (OnnxMl.TensorProto t : graph.getInitializerList()) {
            if (!dropped.contains(t.getName())) {
                out.addInitializer(replaced.getOrDefault(t.getName(), t));
            }
        }
        added.forEach(out::addInitializer);
        return out.build();
    }

    /** Whether the weights or bias are read by another node too (then they are left alone). */
    private static boolean reused(GraphIndex index, OnnxMl.TensorProto w, OnnxMl.TensorProto b) {
        return index.consumersOf(w.getName()).size() != 1 || b != null && index.consumersOf(b.getName()).size() != 1;
    }

    static long group(OnnxMl.NodeProto node) {
        for (OnnxMl.AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals("group")) {
                return a.getI();
            }
        }
        return 1;
    }

    private static float epsilon(OnnxMl.NodeProto bn) {
        for (OnnxMl.AttributeProto a : bn.getAttributeList()) {
            if (a.getName().equals("epsilon")) {
                return a.getF();
            }
        }
        return 1e-5f;
    }

    static long[] dims(OnnxMl.TensorProto t) {
        return t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }
}
