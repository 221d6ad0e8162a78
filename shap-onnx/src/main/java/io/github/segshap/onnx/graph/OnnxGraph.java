package io.github.segshap.onnx.graph;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import io.github.segshap.core.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A small writer of ONNX models ({@code ModelProto}): declare inputs, add float initializers and
 * nodes, declare outputs, then {@link #toBytes()} or {@link #write(Path)}. Used by the U-Net export
 * and by tests that build networks in Java.
 *
 * <pre>{@code
 * OnnxGraph g = new OnnxGraph("tiny", 13);
 * String x = g.input("input", ElementType.FLOAT, Dim.of("N"), Dim.of(3), Dim.of("H"), Dim.of("W"));
 * String w = g.initializer("w", weights, 4, 3, 3, 3);
 * String y = g.node("Conv", List.of(x, w), Attribute.ints("pads", 1, 1, 1, 1));
 * g.output(g.node("Sigmoid", List.of(y)), "output", ElementType.FLOAT, Dim.of("N"), Dim.of(4), Dim.of("H"), Dim.of("W"));
 * byte[] model = g.toBytes();
 * }</pre>
 *
 * <p>Values are named uniquely: a node's output is called after its node name, with a counter
 * appended when the name is taken. Not thread-safe; one graph is written by one thread.
 */
public final class OnnxGraph {
    /** The IR version written (ONNX 1.13, understood by ONNX Runtime 1.14 and later). */
    public static final long IR_VERSION = 8;

    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
    private final int opset;
    private final String name;
    private final Set<String> names = new HashSet<>();
    private int counter;

    /**
     * An empty graph.
     *
     * @param name  the graph's name
     * @param opset the default-domain operator set version (e.g. 13)
     */
    public OnnxGraph(String name, int opset) {
        if (opset < 7) {
            throw new IllegalArgumentException("opset must be at least 7, got " + opset);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.opset = opset;
        graph.setName(name);
    }

    /** The element type of a tensor (the ONNX {@code TensorProto.DataType} codes). */
    public enum ElementType {
        /** 32-bit float. */
        FLOAT(OnnxMl.TensorProto.DataType.FLOAT_VALUE),
        /** 64-bit float. */
        DOUBLE(OnnxMl.TensorProto.DataType.DOUBLE_VALUE),
        /** 64-bit signed integer. */
        INT64(OnnxMl.TensorProto.DataType.INT64_VALUE);

        private final int code;

        ElementType(int code) {
            this.code = code;
        }

        /** The ONNX data type code. */
        public int code() {
            return code;
        }
    }

    /**
     * One dimension of a declared input or output: a fixed size or a named (dynamic) one.
     *
     * @param size  the fixed size, or -1 for a named dimension
     * @param param the dimension's name when dynamic, else {@code null}
     */
    public record Dim(long size, String param) {
        /** Checks that exactly one of size and name is given. */
        public Dim {
            if ((size < 0) == (param == null)) {
                throw new IllegalArgumentException("a dimension is either a positive size or a name, got size " + size
                        + " and name " + param);
            }
        }

        /** A fixed dimension. */
        public static Dim of(long size) {
            if (size < 1) {
                throw new IllegalArgumentException("a fixed dimension must be positive, got " + size);
            }
            return new Dim(size, null);
        }

        /** A dynamic dimension with a name (e.g. {@code "batch"}). */
        public static Dim of(String name) {
            return new Dim(-1, Objects.requireNonNull(name, "name"));
        }
    }

    /** A node attribute. */
    public static final class Attribute {
        private final OnnxMl.AttributeProto proto;

        private Attribute(OnnxMl.AttributeProto proto) {
            this.proto = proto;
        }

        /** An integer list attribute (e.g. {@code pads}, {@code strides}, {@code perm}). */
        public static Attribute ints(String name, long... values) {
            OnnxMl.AttributeProto.Builder b = OnnxMl.AttributeProto.newBuilder().setName(name)
                    .setType(OnnxMl.AttributeProto.AttributeType.INTS);
            for (long v : values) {
                b.addInts(v);
            }
            return new Attribute(b.build());
        }

        /** An integer attribute (e.g. {@code axis}). */
        public static Attribute integer(String name, long value) {
            return new Attribute(OnnxMl.AttributeProto.newBuilder().setName(name)
                    .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(value).build());
        }

        /** A float attribute (e.g. {@code epsilon}). */
        public static Attribute real(String name, float value) {
            return new Attribute(OnnxMl.AttributeProto.newBuilder().setName(name)
                    .setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(value).build());
        }

        /** A string attribute (e.g. {@code mode}). */
        public static Attribute string(String name, String value) {
            return new Attribute(OnnxMl.AttributeProto.newBuilder().setName(name)
                    .setType(OnnxMl.AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(value)).build());
        }
    }

    /** Declares a graph input; returns its name. */
    public String input(String inputName, ElementType type, Dim... dims) {
        claim(inputName);
        graph.addInput(valueInfo(inputName, type, dims));
        return inputName;
    }

    /**
     * Adds a float32 constant (weights, biases).
     *
     * @param prefix the name, made unique
     * @param values row-major values; not retained
     * @param dims   the shape; its product must equal {@code values.length}
     * @return the initializer's name
     */
    public String initializer(String prefix, float[] values, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("initializer " + prefix + " has shape " + Arrays.toString(dims) + " ("
                    + n + " values) but " + values.length + " values were given");
        }
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return initializer(prefix, ElementType.FLOAT, raw, dims);
    }

    /** Adds an int64 constant (shapes, axes); returns its name. */
    public String initializer(String prefix, long[] values, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        return initializer(prefix, ElementType.INT64, raw, dims);
    }

    private String initializer(String prefix, ElementType type, ByteBuffer raw, long... dims) {
        String n = unique(prefix);
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(n).setDataType(type.code())
                .setRawData(ByteString.copyFrom(raw.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t.build());
        return n;
    }

    /** Adds a node named after its operator; returns the name of its (single) output. */
    public String node(String opType, List<String> inputs, Attribute... attributes) {
        return node(opType, opType.toLowerCase(java.util.Locale.ROOT), inputs, attributes);
    }

    /**
     * Adds a node with one output.
     *
     * @param opType     the ONNX operator (e.g. {@code "Conv"})
     * @param nodeName   the node's name (made unique), also the name of its output
     * @param inputs     the input value names, in the operator's order ({@code ""} for an omitted optional input)
     * @param attributes the attributes
     * @return the name of the node's output
     */
    public String node(String opType, String nodeName, List<String> inputs, Attribute... attributes) {
        String out = unique(nodeName);
        OnnxMl.NodeProto.Builder b = OnnxMl.NodeProto.newBuilder().setOpType(opType).setName(out).addOutput(out);
        for (String in : inputs) {
            b.addInput(in);
        }
        for (Attribute a : attributes) {
            b.addAttribute(a.proto);
        }
        graph.addNode(b.build());
        return out;
    }

    /**
     * Declares {@code value} as a graph output called {@code outputName} (through an Identity node
     * when the names differ).
     */
    public void output(String value, String outputName, ElementType type, Dim... dims) {
        String v = value;
        if (!value.equals(outputName)) {
            claim(outputName);
            graph.addNode(OnnxMl.NodeProto.newBuilder().setOpType("Identity").setName(outputName + "_identity")
                    .addInput(value).addOutput(outputName).build());
            v = outputName;
        }
        graph.addOutput(valueInfo(v, type, dims));
    }

    /** The model: IR version {@link #IR_VERSION}, the opset given, producer "segshap". */
    public OnnxMl.ModelProto toModel() {
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("segshap")
                .setModelVersion(1)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset).build())
                .setGraph(graph.build())
                .build();
    }

    /** The serialised model. */
    public byte[] toBytes() {
        return toModel().toByteArray();
    }

    /** Writes the serialised model to {@code file} (replacing it). */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AtomicFiles.write(file, toBytes()); // a full disk leaves the old file whole
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ONNX model " + name + " to " + file + ": " + e.getMessage(), e);
        }
    }

    private static OnnxMl.ValueInfoProto valueInfo(String valueName, ElementType type, Dim... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (Dim d : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder db = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (d.param() != null) {
                db.setDimParam(d.param());
            } else {
                db.setDimValue(d.size());
            }
            shape.addDim(db.build());
        }
        OnnxMl.TypeProto.Tensor tensor = OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type.code())
                .setShape(shape.build()).build();
        return OnnxMl.ValueInfoProto.newBuilder().setName(valueName)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(tensor).build()).build();
    }

    private void claim(String valueName) {
        if (!names.add(valueName)) {
            throw new IllegalArgumentException("the value name " + valueName + " is already used in graph " + name);
        }
    }

    private String unique(String prefix) {
        String n = prefix;
        while (names.contains(n)) {
            n = prefix + "_" + (++counter);
        }
        names.add(n);
        return n;
    }
}
