package io.github.segshap.onnx.cost;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.InvalidProtocolBufferException;
import io.github.segshap.onnx.model.SessionSettings;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The multiply-adds of one pass of an ONNX network for one image: the sum over its {@code Conv},
 * {@code ConvTranspose}, {@code MatMul} and {@code Gemm} nodes ({@link Layer#macs()}); other
 * operators (activations, pooling, normalisation, resizing, concatenation) are not counted.
 *
 * <p>Every shape is known, not inferred: the values the counted nodes read and write are made extra
 * outputs of a copy of the graph, which ONNX Runtime runs once (no graph optimisation, one thread)
 * on one zero image of the given shape; their shapes are read from that run, the constants' from
 * the graph. So any network ONNX Runtime runs is counted at any input size it takes.
 *
 * <pre>{@code
 * PassCost cost = PassCost.of(bytes, 1, 4, 24, 24);   // the seed U-Net: 27.2 M multiply-adds
 * long macs = cost.macs();
 * }</pre>
 */
public final class PassCost {
    /** The operators whose multiply-adds are counted. */
    public static final Set<String> COUNTED = Set.of("Conv", "ConvTranspose", "MatMul", "Gemm");

    private final List<Layer> layers;
    private final long[] inputDims;

    private PassCost(List<Layer> layers, long[] inputDims) {
        this.layers = List.copyOf(layers);
        this.inputDims = inputDims.clone();
    }

    /**
     * Counts the multiply-adds of one pass of a serialised ONNX model.
     *
     * @param model     the model; its first input takes the image (float32 or float64), every other
     *                  input must be a constant of the graph
     * @param inputDims the shape of the input for one image, batch 1 included (e.g. {@code 1, 4, 24, 24})
     * @throws IllegalArgumentException when the bytes are not an ONNX model, the model has several
     *                                  inputs or ONNX Runtime cannot run it at this shape
     */
    public static PassCost of(byte[] model, long... inputDims) {
        OnnxMl.ModelProto proto;
        try {
            proto = OnnxMl.ModelProto.parseFrom(model);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("cannot count multiply-adds: the " + model.length + " bytes are not an "
                    + "ONNX model: " + e.getMessage(), e);
        }
        OnnxMl.GraphProto graph = proto.getGraph();
        Map<String, OnnxMl.TensorProto> constants = new HashMap<>();
        for (OnnxMl.TensorProto t : graph.getInitializerList()) {
            constants.put(t.getName(), t);
        }
        List<OnnxMl.ValueInfoProto> inputs = graph.getInputList().stream()
                .filter(v -> !constants.containsKey(v.getName())).toList();
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("cannot count multiply-adds of a model with inputs "
                    + inputs.stream().map(OnnxMl.ValueInfoProto::getName).toList() + ": one image input is expected");
        }
        String input = inputs.get(0).getName();
        List<OnnxMl.NodeProto> counted = graph.getNodeList().stream().filter(n -> COUNTED.contains(n.getOpType()))
                .toList();
        Set<String> exposed = new LinkedHashSet<>();
        Set<String> outputs = new HashSet<>();
        graph.getOutputList().forEach(o -> outputs.add(o.getName()));
        for (OnnxMl.NodeProto n : counted) {
            List<String> values = new ArrayList<>(n.getInputList());
            values.add(n.getOutput(0));
            for (String v : values) {
                if (!v.isEmpty() && !constants.containsKey(v) && !v.equals(input) && !outputs.contains(v)) {
                    exposed.add(v);
                }
            }
        }
        OnnxMl.GraphProto.Builder g = graph.toBuilder();
        for (String v : exposed) {
            g.addOutput(OnnxMl.ValueInfoProto.newBuilder().setName(v));
        }
        Map<String, long[]> shapes = shapes(proto.toBuilder().setGraph(g).build().toByteArray(), input,
                inputs.get(0), inputDims);
        shapes.put(input, inputDims.clone());
        constants.forEach((name, t) -> shapes.put(name, t.getDimsList().stream().mapToLong(Long::longValue).toArray()));
        List<Layer> layers = new ArrayList<>();
        for (OnnxMl.NodeProto n : counted) {
            List<long[]> in = new ArrayList<>();
            Map<String, OnnxMl.TensorProto> used = new LinkedHashMap<>();
            for (String v : n.getInputList()) {
                if (!v.isEmpty()) {
                    in.add(shapes.get(v));
                    Optional.ofNullable(constants.get(v)).ifPresent(t -> used.put(v, t));
                }
            }
            layers.add(new Layer(n, in, shapes.get(n.getOutput(0)), used, proto.getOpsetImportList(),
                    proto.getIrVersion()));
        }
        return new PassCost(layers, inputDims);
    }

    /** The shapes of the graph's outputs after one run on a zero input of {@code dims}. */
    private static Map<String, long[]> shapes(byte[] model, String input, OnnxMl.ValueInfoProto info, long[] dims) {
        int type = info.getType().getTensorType().getElemType();
        boolean isDouble = type == OnnxMl.TensorProto.DataType.DOUBLE_VALUE;
        if (!isDouble && type != OnnxMl.TensorProto.DataType.FLOAT_VALUE) {
            throw new IllegalArgumentException("cannot count multiply-adds: input '" + input + "' is not float32 or "
                    + "float64 (ONNX type " + type + ")");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        SessionSettings settings = SessionSettings.DEFAULTS.withIntraOpThreads(1)
                .withOptimization(OrtSession.SessionOptions.OptLevel.NO_OPT);
        long n = Layer.elements(dims);
        ByteBuffer zeros = ByteBuffer.allocateDirect(Math.toIntExact(n * (isDouble ? 8 : 4)))
                .order(ByteOrder.nativeOrder());
        Map<String, long[]> out = new HashMap<>();
        try (OrtSession.SessionOptions options = settings.toOptions();
             OrtSession session = env.createSession(model, options);
             OnnxTensor x = isDouble ? OnnxTensor.createTensor(env, zeros.asDoubleBuffer(), dims)
                     : OnnxTensor.createTensor(env, zeros.asFloatBuffer(), dims);
             OrtSession.Result result = session.run(Map.of(input, x))) {
            for (Map.Entry<String, OnnxValue> e : result) {
                if (e.getValue() instanceof OnnxTensor t) {
                    out.put(e.getKey(), t.getInfo().getShape());
                }
            }
        } catch (OrtException e) {
            throw new IllegalArgumentException("cannot count multiply-adds: ONNX Runtime cannot run the model on one "
                    + "input of shape " + Arrays.toString(dims) + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Multiply-adds of one pass for one image. */
    public long macs() {
        return layers.stream().mapToLong(Layer::macs).sum();
    }

    /** The counted layers, in graph order. */
    public List<Layer> layers() {
        return layers;
    }

    /**
     * The counted layers grouped by {@link Layer#key()} (the same work), in order of first
     * appearance: layers of one group cost the same time.
     */
    public Map<String, List<Layer>> distinct() {
        Map<String, List<Layer>> out = new LinkedHashMap<>();
        for (Layer l : layers) {
            out.computeIfAbsent(l.key(), k -> new ArrayList<>()).add(l);
        }
        Map<String, List<Layer>> frozen = new LinkedHashMap<>();
        out.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(frozen);
    }

    /** The input shape counted at (a copy). */
    public long[] inputDims() {
        return inputDims.clone();
    }

    @Override
    public String toString() {
        return "PassCost[" + layers.size() + " layers, " + macs() + " multiply-adds at " + Arrays.toString(inputDims)
                + "]";
    }
}
