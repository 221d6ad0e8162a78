package io.github.segshap.onnx.quantize;

import ai.onnx.proto.OnnxMl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Who produces and who consumes each value of a graph, and its initializers by name; a snapshot. */
final class GraphIndex {
    final Map<String, OnnxMl.TensorProto> initializers = new LinkedHashMap<>();
    final Map<String, OnnxMl.NodeProto> producers = new HashMap<>();
    final Map<String, List<OnnxMl.NodeProto>> consumers = new HashMap<>();
    final Set<String> graphOutputs = new HashSet<>();

    GraphIndex(OnnxMl.GraphProto g) {
        for (OnnxMl.TensorProto t : g.getInitializerList()) {
            initializers.put(t.getName(), t);
        }
        for (OnnxMl.NodeProto n : g.getNodeList()) {
            for (String o : n.getOutputList()) {
                producers.put(o, n);
            }
            for (String i : n.getInputList()) {
                if (!i.isEmpty()) {
                    consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n);
                }
            }
        }
        for (OnnxMl.ValueInfoProto o : g.getOutputList()) {
            graphOutputs.add(o.getName());
        }
    }

    /** The nodes reading {@code value} (empty when none). */
    List<OnnxMl.NodeProto> consumersOf(String value) {
        return consumers.getOrDefault(value, List.of());
    }

    /** The float initializer called {@code name}, or {@code null} when it is not a float initializer. */
    OnnxMl.TensorProto floatInitializer(String name) {
        OnnxMl.TensorProto t = initializers.get(name);
        return t != null && t.getDataType() == OnnxMl.TensorProto.DataType.FLOAT_VALUE ? t : null;
    }

    /** Whether {@code value} is read only by {@code node} and is no graph output. */
    boolean onlyReadBy(String value, OnnxMl.NodeProto node) {
        List<OnnxMl.NodeProto> c = consumersOf(value);
        return c.size() == 1 && c.get(0) == node && !graphOutputs.contains(value);
    }
}
