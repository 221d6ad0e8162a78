package io.github.segshap.onnx.quantize;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxJavaType;
import com.google.protobuf.InvalidProtocolBufferException;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.image.Layout;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.core.provenance.Precision;
import io.github.segshap.onnx.model.OnnxModel;

import io.github.segshap.core.padding.BoundaryMode;
import io.github.segshap.core.padding.Padding;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A static int8 quantizer: from a float32 ONNX model and calibration images, an int8 copy in ONNX
 * Runtime's QDQ format ({@link QuantizedModel}).
 *
 * <ol>
 *   <li>BatchNormalization nodes are folded into the convolution before them.</li>
 *   <li>The nodes quantized are the Conv, ConvTranspose (group 1) and MatMul nodes with constant
 *       float weights, except, by default, those of the output layer: a node from whose output a
 *       graph output is reached through no other such node stays float32 (its output is the
 *       explained map itself, e.g. a sigmoid's logit, where 256 levels would show).</li>
 *   <li>The activations calibrated are those nodes' data inputs and outputs (after a ReLU that is
 *       the output's only reader, which ONNX Runtime then drops into the uint8 clamp); their
 *       ranges come from running the float32 model on the calibration images
 *       ({@link Calibration}).</li>
 *   <li>The QDQ graph is written (see {@link QdqRewriter}): uint8 activations, per-channel
 *       symmetric int8 weights, int32 biases; the calibration is recorded in the model's metadata
 *       ({@code segshap.precision}, {@code segshap.calibration}).</li>
 * </ol>
 *
 * <p>The same model and calibration images give the same bytes. The images are those the network
 * sees: at its input size (padded as the explanation pads them), channel-first.
 *
 * <pre>{@code
 * QuantizedModel q = Int8Quantizer.builder().build().quantize(floatBytes, backgroundRows);
 * try (OnnxModel int8 = OnnxModel.builder(q.bytes()).build()) { ... }
 * }</pre>
 */
public final class Int8Quantizer {
    /** The ops computed in int8 when their weight is a float constant. */
    static final Set<String> QUANTIZED_OPS = Set.of("Conv", "ConvTranspose", "MatMul");
    /** The smallest default-domain opset with per-axis QuantizeLinear / DequantizeLinear. */
    static final long MIN_OPSET = 13;
    /** Metadata keys written into the quantized model. */
    public static final String PRECISION_KEY = "segshap.precision";
    /** Metadata key of the calibration record ({@link QuantizedModel#calibrationRecord()}). */
    public static final String CALIBRATION_KEY = "segshap.calibration";

    private final Calibration calibration;
    private final boolean quantizeOutputLayer;
    private final boolean quantizeInputLayer;

    private Int8Quantizer(Builder b) {
        this.calibration = b.calibration;
        this.quantizeOutputLayer = b.quantizeOutputLayer;
        this.quantizeInputLayer = b.quantizeInputLayer;
    }

    /** A builder: min/max calibration, output layer in float32. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The int8 copy of {@code model}.
     *
     * @param model       a serialised float32 ONNX model (opset 13 or later) with one image input
     * @param calibration the calibration images at the network's input size, channel-first (at least one)
     * @throws IllegalArgumentException when the model is not float32, has no quantizable node, or the
     *                                  images do not fit it
     */
    public QuantizedModel quantize(byte[] model, List<Image> calibration) {
        Objects.requireNonNull(model, "model");
        if (calibration.isEmpty()) {
            throw new IllegalArgumentException("int8 quantization needs at least one calibration image");
        }
        OnnxMl.ModelProto proto = parse(model);
        requireOpset(proto);
        String inputName;
        Layout layout;
        try (OnnxModel probe = OnnxModel.builder(model).build()) {
            if (probe.inputType() != OnnxJavaType.FLOAT) {
                throw new IllegalArgumentException("int8 quantization takes float32 models; input '"
                        + probe.inputName() + "' is " + probe.inputType());
            }
            probe.requireCompatible(calibration.get(0).shape());
            inputName = probe.inputName();
            layout = probe.inputSpec().layout();
        }
        int[] folded = new int[1];
        OnnxMl.GraphProto graph = BatchNormFolding.fold(proto.getGraph(), folded);
        GraphIndex index = new GraphIndex(graph);
        Set<OnnxMl.NodeProto> candidates = new LinkedHashSet<>();
        for (OnnxMl.NodeProto n : graph.getNodeList()) {
            if (QUANTIZED_OPS.contains(n.getOpType()) && n.getInputCount() >= 2
                    && index.floatInitializer(n.getInput(1)) != null && index.floatInitializer(n.getInput(0)) == null
                    && (n.getInputCount() < 3 || n.getInput(2).isEmpty() || index.floatInitializer(n.getInput(2)) != null)
                    && (!n.getOpType().equals("ConvTranspose") || BatchNormFolding.group(n) == 1)) {
                candidates.add(n);
            }
        }
        Set<String> graphInputs = new HashSet<>();
        graph.getInputList().forEach(i -> graphInputs.add(i.getName()));
        Set<OnnxMl.NodeProto> quantized = new LinkedHashSet<>();
        for (OnnxMl.NodeProto n : candidates) {
            boolean output = !quantizeOutputLayer && reachesOutput(n, index, candidates);
            boolean input = !quantizeInputLayer && graphInputs.contains(n.getInput(0));
            if (!output && !input) {
                quantized.add(n);
            }
        }
        if (quantized.isEmpty()) {
            throw new IllegalArgumentException("the model has no Conv, ConvTranspose or MatMul node with constant "
                    + "weights to quantize" + (candidates.isEmpty() ? "" : " outside its output layer"));
        }
        Set<String> activations = new LinkedHashSet<>();
        for (OnnxMl.NodeProto n : quantized) {
            activations.add(n.getInput(0));
            activations.add(outputOf(n, index));
        }
        ImageShape shape = calibration.get(0).shape();
        float[] images = new ImageBatch(shape, calibration.size(), flatten(calibration, shape)).in(layout)
                .toFloatArray();
        long[] dims = layout == Layout.NCHW ? new long[] {shape.channels(), shape.height(), shape.width()}
                : new long[] {shape.height(), shape.width(), shape.channels()};
        Map<String, ActivationRanges.Range> ranges = ActivationRanges.measure(proto, graph, activations, inputName,
                images, calibration.size(), dims, this.calibration);
        OnnxMl.GraphProto qdq = new QdqRewriter(graph, index, quantized, ranges).rewrite();
        String fingerprint = Fingerprint.ofImages(calibration);
        QuantizedModel draft = new QuantizedModel(new byte[0], this.calibration, calibration.size(), fingerprint,
                quantized.size(), candidates.size() - quantized.size(), folded[0]);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(PRECISION_KEY, Precision.INT8.label());
        meta.put(CALIBRATION_KEY, draft.calibrationRecord());
        OnnxMl.ModelProto.Builder out = proto.toBuilder().setGraph(qdq);
        meta.forEach((k, v) -> out.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return new QuantizedModel(out.build().toByteArray(), this.calibration, calibration.size(), fingerprint,
                quantized.size(), candidates.size() - quantized.size(), folded[0]);
    }

    /**
     * {@code rows} as the network sees them: padded (centred, {@code mode}) to {@code network}'s size
     * when it differs, as {@code PaddedModel} pads the images it explains.
     */
    public static List<Image> calibrationRows(List<Image> rows, ImageShape network, BoundaryMode mode) {
        List<Image> out = new ArrayList<>(rows.size());
        for (Image r : rows) {
            ImageShape s = r.shape();
            out.add(s.height() == network.height() && s.width() == network.width() ? r
                    : Padding.centred(s.height(), s.width(), network.height(), network.width()).pad(r, mode));
        }
        return out;
    }

    /** The tensor that carries {@code n}'s result: its output, or the output of a ReLU that is its only reader. */
    private static String outputOf(OnnxMl.NodeProto n, GraphIndex index) {
        String y = n.getOutput(0);
        List<OnnxMl.NodeProto> readers = index.consumersOf(y);
        if (readers.size() == 1 && readers.get(0).getOpType().equals("Relu") && !index.graphOutputs.contains(y)) {
            return readers.get(0).getOutput(0);
        }
        return y;
    }

    /** Whether a graph output is reached from {@code n} without passing another candidate node. */
    private static boolean reachesOutput(OnnxMl.NodeProto n, GraphIndex index, Set<OnnxMl.NodeProto> candidates) {
        Deque<String> todo = new ArrayDeque<>(n.getOutputList());
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String v = todo.pop();
            if (!seen.add(v)) {
                continue;
            }
            if (index.graphOutputs.contains(v)) {
                return true;
            }
            for (OnnxMl.NodeProto c : index.consumersOf(v)) {
                if (!candidates.contains(c)) {
                    todo.addAll(c.getOutputList());
                }
            }
        }
        return false;
    }

    private static double[] flatten(List<Image> images, ImageShape shape) {
        double[] v = new double[Math.multiplyExact(images.size(), shape.size())];
        for (int i = 0; i < images.size(); i++) {
            Image im = images.get(i);
            if (!im.shape().equals(shape)) {
                throw new IllegalArgumentException("calibration image " + i + " has shape " + im.shape()
                        + " but the first has " + shape);
            }
            im.copyTo(v, i * shape.size());
        }
        return v;
    }

    private static OnnxMl.ModelProto parse(byte[] model) {
        try {
            return OnnxMl.ModelProto.parseFrom(model);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("the model to quantize is not a serialised ONNX model: "
                    + e.getMessage(), e);
        }
    }

    private static void requireOpset(OnnxMl.ModelProto proto) {
        for (OnnxMl.OperatorSetIdProto o : proto.getOpsetImportList()) {
            if ((o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) && o.getVersion() < MIN_OPSET) {
                throw new IllegalArgumentException("int8 quantization needs operator set " + MIN_OPSET
                        + " or later (per-channel QuantizeLinear); the model imports " + o.getVersion());
            }
        }
    }

    /** Builder for {@link Int8Quantizer}; options are copied at {@link #build()}. */
    public static final class Builder {
        private Calibration calibration = Calibration.minMax();
        private boolean quantizeOutputLayer;
        private boolean quantizeInputLayer = true;

        private Builder() {
        }

        /** How activation ranges are read; default {@link Calibration#minMax()}. */
        public Builder calibration(Calibration c) {
            this.calibration = Objects.requireNonNull(c, "calibration");
            return this;
        }

        /** Whether the output layer is quantized too; default false (it stays float32). */
        public Builder quantizeOutputLayer(boolean quantize) {
            this.quantizeOutputLayer = quantize;
            return this;
        }

        /**
         * Whether the input layer (the nodes reading the images themselves) is quantized; default
         * true. False keeps the images in float32 and their first convolution too.
         */
        public Builder quantizeInputLayer(boolean quantize) {
            this.quantizeInputLayer = quantize;
            return this;
        }

        /** The quantizer. */
        public Int8Quantizer build() {
            return new Int8Quantizer(this);
        }
    }
}
