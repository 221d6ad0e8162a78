package io.github.segshap.onnx.cost;

import ai.onnx.proto.OnnxMl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One layer of a network whose multiply-adds {@link PassCost} counts: a {@code Conv},
 * {@code ConvTranspose}, {@code MatMul} or {@code Gemm} node with the shapes of its inputs and
 * output for one image, and the constants (weights, biases) it reads. Immutable.
 */
public final class Layer {
    private final OnnxMl.NodeProto node;
    private final List<long[]> inputDims;
    private final long[] outputDims;
    private final Map<String, OnnxMl.TensorProto> constants;
    private final List<OnnxMl.OperatorSetIdProto> opsets;
    private final long irVersion;
    private final long macs;

    Layer(OnnxMl.NodeProto node, List<long[]> inputDims, long[] outputDims, Map<String, OnnxMl.TensorProto> constants,
          List<OnnxMl.OperatorSetIdProto> opsets, long irVersion) {
        this.node = node;
        this.inputDims = inputDims.stream().map(long[]::clone).toList();
        this.outputDims = outputDims.clone();
        this.constants = Map.copyOf(constants);
        this.opsets = List.copyOf(opsets);
        this.irVersion = irVersion;
        this.macs = macs(node, this.inputDims, this.outputDims);
    }

    /**
     * Multiply-adds of one run of the node at these shapes: the output's elements times the
     * products each sums ({@code Conv}: the weight's elements per output channel; {@code MatMul},
     * {@code Gemm}: the inner dimension), or for {@code ConvTranspose} the input's elements times
     * the weight's elements per input channel (every input value is spread over a kernel of each
     * output channel of its group).
     */
    static long macs(OnnxMl.NodeProto node, List<long[]> in, long[] out) {
        return switch (node.getOpType()) {
            case "Conv" -> Math.multiplyExact(elements(out), elements(in.get(1)) / in.get(1)[0]);
            case "ConvTranspose" -> Math.multiplyExact(elements(in.get(0)), elements(in.get(1)) / in.get(1)[0]);
            case "MatMul" -> {
                long[] a = in.get(0);
                yield Math.multiplyExact(elements(out), a[a.length - 1]);
            }
            case "Gemm" -> {
                long[] a = in.get(0);
                boolean transA = node.getAttributeList().stream()
                        .anyMatch(x -> x.getName().equals("transA") && x.getI() != 0);
                yield Math.multiplyExact(elements(out), transA ? a[0] : a[1]);
            }
            default -> throw new IllegalArgumentException("no multiply-add count for operator " + node.getOpType());
        };
    }

    static long elements(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** The node's name (its first output's when it has none). */
    public String name() {
        return node.getName().isEmpty() ? node.getOutput(0) : node.getName();
    }

    /** The ONNX operator: {@code Conv}, {@code ConvTranspose}, {@code MatMul} or {@code Gemm}. */
    public String opType() {
        return node.getOpType();
    }

    /** Multiply-adds of the layer for one image. */
    public long macs() {
        return macs;
    }

    /** The shape of input {@code i} for one image (a copy). */
    public long[] inputDims(int i) {
        return inputDims.get(i).clone();
    }

    /** The number of inputs the node is given. */
    public int inputCount() {
        return inputDims.size();
    }

    /** The shape of the output for one image (a copy). */
    public long[] outputDims() {
        return outputDims.clone();
    }

    /**
     * What makes two layers the same work: the operator, its attributes and the shapes of its
     * inputs. Layers with equal keys cost the same time.
     */
    public String key() {
        StringBuilder b = new StringBuilder(opType());
        for (long[] d : inputDims) {
            b.append(' ').append(Arrays.toString(d));
        }
        node.getAttributeList().stream().map(a -> a.toString().replaceAll("\\s+", " ")).sorted()
                .forEach(a -> b.append(" {").append(a).append('}'));
        return b.toString();
    }

    /** One line for tables, e.g. {@code Conv [1, 4, 24, 24] x [8, 4, 5, 5] -> [1, 8, 24, 24]}. */
    public String describe() {
        StringBuilder b = new StringBuilder(opType()).append(' ').append(Arrays.toString(inputDims.get(0)));
        for (int i = 1; i < inputDims.size(); i++) {
            b.append(" x ").append(Arrays.toString(inputDims.get(i)));
        }
        return b.append(" -> ").append(Arrays.toString(outputDims)).toString();
    }

    /**
     * The layer alone, as a serialised one-node ONNX model for a run of {@code batch} images: the
     * same operator, attributes and constants (weights and biases as in the network), each other
     * input a graph input named as in the network with its first dimension (the batch) set to
     * {@code batch}, and the output {@link #outputName()}.
     */
    public byte[] alone(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName(name() + " alone");
        for (int i = 0; i < node.getInputCount(); i++) {
            String in = node.getInput(i);
            if (in.isEmpty()) {
                continue;
            }
            OnnxMl.TensorProto constant = constants.get(in);
            if (constant != null) {
                g.addInitializer(constant);
            } else {
                g.addInput(valueInfo(in, batched(inputDims.get(i), batch)));
            }
        }
        g.addNode(node.toBuilder().clearOutput().addOutput(outputName()).build());
        g.addOutput(valueInfo(outputName(), batched(outputDims, batch)));
        return OnnxMl.ModelProto.newBuilder().setIrVersion(irVersion).setProducerName("segshap")
                .addAllOpsetImport(opsets).setGraph(g.build()).build().toByteArray();
    }

    /** The names of the inputs of {@link #alone(int)} that take values (not constants), in order. */
    public List<String> aloneInputs() {
        List<String> out = new ArrayList<>();
        for (String in : node.getInputList()) {
            if (!in.isEmpty() && !constants.containsKey(in)) {
                out.add(in);
            }
        }
        return out;
    }

    /** The shape of {@link #alone(int)}'s input {@code name} for {@code batch} images. */
    public long[] aloneInputDims(String name, int batch) {
        int i = node.getInputList().indexOf(name);
        if (i < 0 || constants.containsKey(name)) {
            throw new IllegalArgumentException("layer " + name() + " has no value input named '" + name + "'; its "
                    + "value inputs are " + aloneInputs());
        }
        return batched(inputDims.get(i), batch);
    }

    /** The name of the output of {@link #alone(int)}. */
    public String outputName() {
        return "output";
    }

    private static long[] batched(long[] dims, int batch) {
        long[] d = dims.clone();
        if (d.length > 0) {
            d[0] = d[0] * batch;
        }
        return d;
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, long[] dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(OnnxMl.TensorProto.DataType.FLOAT_VALUE)
                        .setShape(shape))).build();
    }

    @Override
    public String toString() {
        return name() + ": " + describe() + ", " + macs + " multiply-adds";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Layer l && node.equals(l.node) && Arrays.equals(outputDims, l.outputDims)
                && key().equals(l.key());
    }

    @Override
    public int hashCode() {
        return Objects.hash(node, Arrays.hashCode(outputDims));
    }
}
