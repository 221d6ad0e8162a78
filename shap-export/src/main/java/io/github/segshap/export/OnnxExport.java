package io.github.segshap.export;

import io.github.segshap.core.image.ImageShape;
import io.github.segshap.onnx.graph.OnnxGraph;
import io.github.segshap.onnx.graph.OnnxGraph.Attribute;
import io.github.segshap.onnx.graph.OnnxGraph.Dim;
import io.github.segshap.onnx.graph.OnnxGraph.ElementType;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a DL4J convolutional {@link ComputationGraph}, such as the salt example's U-Net
 * ({@link io.github.segshap.zoo.UNet}), as an ONNX model that ONNX Runtime (Java or Python)
 * runs with the same predictions.
 *
 * <p>The model has one float32 NCHW input {@value #INPUT} {@code [batch, C, H, W]} and one output
 * {@value #OUTPUT} {@code [batch, O, H', W']}; the batch axis is dynamic, the height and width are
 * those of the given shape ({@link Size#FIXED}, the default) or dynamic ({@link Size#DYNAMIC}).
 * Operator set {@value #OPSET}.
 *
 * <p>Supported vertices, in inference mode: {@link ConvolutionLayer} ({@code Conv}; DL4J weights
 * {@code [out, in, kH, kW]} as ONNX's), {@link Deconvolution2D} ({@code ConvTranspose}; DL4J weights
 * {@code [in, out, kH, kW]} as ONNX's), {@link SubsamplingLayer} with max pooling
 * ({@code MaxPool}), {@link Upsampling2D} ({@code Resize}, nearest, asymmetric, floor: a repeat),
 * {@link BatchNormalization} with its running statistics ({@code BatchNormalization}; a
 * {@code log10stdev} parameter becomes the variance {@code (10^log10stdev)^2}; its activation is
 * dropped, because DL4J 1.0.0-M2.1 never applies a batch-normalisation layer's activation: the U-Net
 * puts its ReLU in an {@link ActivationLayer} after the batch norm, and U-Nets saved before it did
 * export as DL4J runs them, without that ReLU), {@link DropoutLayer}
 * (identity), {@link ActivationLayer} (its activation, e.g. {@code Relu}), {@link CnnLossLayer} (its activation), {@link MergeVertex}
 * ({@code Concat} over channels, inputs in DL4J's order), and the activations identity, ReLU, leaky
 * ReLU, sigmoid, tanh, and softmax over the channels of a {@link CnnLossLayer}. DL4J's 'Same'
 * padding puts the smaller half of the padding first (top, left), as ONNX's {@code SAME_UPPER}; a
 * 'Same' transposed convolution of stride s crops {@code k - s} values of its full output,
 * {@code (k - s) / 2} first and the rest last. Anything
 * else (other layers or vertices, pre-processors, NHWC layers, dilated transposed convolutions)
 * raises an {@link IllegalArgumentException} naming the vertex.
 *
 * <pre>{@code
 * ComputationGraph unet = UNet.builder().inputShape(4, 104, 104).build();   // trained
 * OnnxExport.write(unet, new ImageShape(4, 104, 104), Path.of("unet.onnx"));
 * try (OnnxModel model = OnnxModel.of(Path.of("unet.onnx"))) { ... }        // same predictions
 * }</pre>
 */
public final class OnnxExport {
    /** The operator set written. */
    public static final int OPSET = 13;
    /** Name of the exported model's input. */
    public static final String INPUT = "input";
    /** Name of the exported model's output. */
    public static final String OUTPUT = "output";

    /** Whether the exported height and width are fixed or dynamic. */
    public enum Size {
        /** Height and width of the given image shape (the shape DL4J checked). */
        FIXED,
        /** Any height and width (the network must still take them, e.g. multiples of 2^depth). */
        DYNAMIC
    }

    private final ComputationGraph net;
    private final ComputationGraphConfiguration conf;
    private final OnnxGraph graph;
    private final Map<String, String> values = new HashMap<>();

    private OnnxExport(ComputationGraph net, String name) {
        this.net = net;
        this.conf = net.getConfiguration();
        this.graph = new OnnxGraph(name, OPSET);
    }

    /**
     * Writes the network as an ONNX model with a dynamic batch axis and the height and width of
     * {@code input}.
     *
     * @param net   an initialised (usually trained) graph with one image input and one output
     * @param input the shape of one input image (channels must match the network's)
     * @param out   the {@code .onnx} file to write (replaced)
     */
    public static void write(ComputationGraph net, ImageShape input, Path out) {
        write(net, input, Size.FIXED, out);
    }

    /** As {@link #write(ComputationGraph, ImageShape, Path)}, with fixed or dynamic height and width. */
    public static void write(ComputationGraph net, ImageShape input, Size size, Path out) {
        build(net, input, size).write(out);
    }

    /** The serialised ONNX model. */
    public static byte[] toBytes(ComputationGraph net, ImageShape input, Size size) {
        return build(net, input, size).toBytes();
    }

    private static OnnxGraph build(ComputationGraph net, ImageShape input, Size size) {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(size, "size");
        OnnxExport e = new OnnxExport(net, "segshap-dl4j-export");
        e.translate(input, size);
        return e.graph;
    }

    // ---------------------------------------------------------------- the walk over the graph

    private void translate(ImageShape input, Size size) {
        List<String> inputs = conf.getNetworkInputs();
        List<String> outputs = conf.getNetworkOutputs();
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw new IllegalArgumentException("only graphs with one input and one output can be exported, this one has"
                    + " inputs " + inputs + " and outputs " + outputs);
        }
        for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
            if (e.getValue().contains(inputs.get(0)) && conf.getVertices().get(e.getKey()) instanceof LayerVertex lv
                    && lv.getLayerConf().getLayer() instanceof FeedForwardLayer f && f.getNIn() > 0
                    && f.getNIn() != input.channels()) {
                throw new IllegalArgumentException("the network takes " + f.getNIn() + " input channels (layer '"
                        + e.getKey() + "') but the image shape " + input + " has " + input.channels());
            }
        }
        Map<String, InputType> types;
        try { // on a copy: DL4J's shape inference may set the layers' nIn
            types = conf.clone().getLayerActivationTypes(false,
                    InputType.convolutional(input.height(), input.width(), input.channels()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the network does not take images of shape " + input + ": "
                    + e.getMessage(), e);
        }
        Dim batch = Dim.of("batch");
        boolean fixed = size == Size.FIXED;
        Dim h = fixed ? Dim.of(input.height()) : Dim.of("height");
        Dim w = fixed ? Dim.of(input.width()) : Dim.of("width");
        values.put(inputs.get(0), graph.input(INPUT, ElementType.FLOAT, batch, Dim.of(input.channels()), h, w));
        for (String name : conf.getTopologicalOrderStr()) {
            if (!name.equals(inputs.get(0))) {
                values.put(name, vertex(name, conf.getVertices().get(name), conf.getVertexInputs().get(name)));
            }
        }
        String out = outputs.get(0);
        if (!(types.get(out) instanceof InputType.InputTypeConvolutional t)) {
            throw new IllegalArgumentException("output '" + out + "' gives " + types.get(out) + ", not a map: only "
                    + "convolutional outputs [N, O, H, W] can be exported");
        }
        Dim oh = fixed ? Dim.of(t.getHeight()) : t.getHeight() == input.height() ? h : Dim.of("out_height");
        Dim ow = fixed ? Dim.of(t.getWidth()) : t.getWidth() == input.width() ? w : Dim.of("out_width");
        graph.output(values.get(out), OUTPUT, ElementType.FLOAT, batch, Dim.of(t.getChannels()), oh, ow);
    }

    private String vertex(String name, GraphVertex v, List<String> inputs) {
        if (v instanceof MergeVertex) {
            List<String> in = new ArrayList<>();
            for (String i : inputs) {
                in.add(values.get(i));
            }
            return graph.node("Concat", name, in, Attribute.integer("axis", 1));
        }
        if (!(v instanceof LayerVertex lv)) {
            throw unsupported(name, v.getClass().getSimpleName() + " vertex");
        }
        if (lv.getPreProcessor() != null) {
            throw unsupported(name, "layer with the input pre-processor " + lv.getPreProcessor().getClass()
                    .getSimpleName());
        }
        if (inputs.size() != 1) {
            throw unsupported(name, "layer with " + inputs.size() + " inputs " + inputs);
        }
        String x = values.get(inputs.get(0));
        Layer layer = lv.getLayerConf().getLayer();
        if (layer instanceof Deconvolution2D d && d.getClass() == Deconvolution2D.class) {
            return activation(name, d.getActivationFn(), deconvolution(name, d, x), false);
        }
        if (layer instanceof ConvolutionLayer c && c.getClass() == ConvolutionLayer.class) {
            return activation(name, c.getActivationFn(), convolution(name, c, x), false);
        }
        if (layer instanceof SubsamplingLayer s && s.getClass() == SubsamplingLayer.class) {
            return pooling(name, s, x);
        }
        if (layer instanceof Upsampling2D u) {
            return upsampling(name, u, x);
        }
        if (layer instanceof BatchNormalization b) {
            // DL4J 1.0.0-M2.1's BatchNormalization.activate returns its pre-output: the layer's
            // activation function is never applied, so the export does not apply it either (the U-Net's
            // ReLU is an ActivationLayer after the batch norm; older U-Nets had it here, to no effect)
            return batchNormalization(name, b, x);
        }
        if (layer instanceof DropoutLayer) {
            return x; // inference: identity
        }
        if (layer instanceof ActivationLayer a) {
            return activation(name, a.getActivationFn(), x, false);
        }
        if (layer instanceof CnnLossLayer l) {
            requireNchw(name, l.getFormat());
            return activation(name, l.getActivationFn(), x, true);
        }
        throw unsupported(name, layer.getClass().getSimpleName() + " layer");
    }

    // ---------------------------------------------------------------- layers

    private String convolution(String name, ConvolutionLayer c, String x) {
        requireNchw(name, c.getCnn2dDataFormat());
        int[] k = c.getKernelSize();
        int[] s = c.getStride();
        int[] d = c.getDilation();
        INDArray wp = param(name, "W");
        long[] expected = {c.getNOut(), c.getNIn(), k[0], k[1]};
        requireShape(name, "W", wp, expected, "[out, in, kH, kW]");
        List<String> in = new ArrayList<>(List.of(x, graph.initializer(name + "_W", floats(wp), expected)));
        if (c.hasBias()) {
            in.add(graph.initializer(name + "_b", floats(param(name, "b")), c.getNOut()));
        }
        List<Attribute> attrs = new ArrayList<>(List.of(Attribute.ints("kernel_shape", k[0], k[1]),
                Attribute.ints("strides", s[0], s[1]), Attribute.ints("dilations", d[0], d[1])));
        attrs.add(convPadding(name, c.getConvolutionMode(), c.getPadding(), k, s, d));
        return graph.node("Conv", name, in, attrs.toArray(new Attribute[0]));
    }

    private Attribute convPadding(String name, ConvolutionMode mode, int[] pad, int[] k, int[] s, int[] d) {
        if (mode == ConvolutionMode.Same) {
            if (s[0] == 1 && s[1] == 1) {
                long th = (long) (k[0] - 1) * d[0];
                long tw = (long) (k[1] - 1) * d[1];
                return Attribute.ints("pads", th / 2, tw / 2, th - th / 2, tw - tw / 2);
            }
            return Attribute.string("auto_pad", "SAME_UPPER");
        }
        if (mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict) {
            return Attribute.ints("pads", pad[0], pad[1], pad[0], pad[1]);
        }
        throw unsupported(name, "convolution with mode " + mode);
    }

    private String deconvolution(String name, Deconvolution2D c, String x) {
        requireNchw(name, c.getCnn2dDataFormat());
        int[] k = c.getKernelSize();
        int[] s = c.getStride();
        int[] d = c.getDilation();
        if (d[0] != 1 || d[1] != 1) {
            throw unsupported(name, "transposed convolution with dilation " + Arrays.toString(d));
        }
        INDArray wp = param(name, "W");
        long[] expected = {c.getNIn(), c.getNOut(), k[0], k[1]};
        requireShape(name, "W", wp, expected, "[in, out, kH, kW]");
        List<String> in = new ArrayList<>(List.of(x, graph.initializer(name + "_W", floats(wp), expected)));
        if (c.hasBias()) {
            in.add(graph.initializer(name + "_b", floats(param(name, "b")), c.getNOut()));
        }
        List<Attribute> attrs = new ArrayList<>(List.of(Attribute.ints("kernel_shape", k[0], k[1]),
                Attribute.ints("strides", s[0], s[1])));
        if (c.getConvolutionMode() == ConvolutionMode.Same) {
            // output = stride * input: the full output (in - 1) * s + k is cropped by k - s in total
            long th = k[0] - s[0];
            long tw = k[1] - s[1];
            attrs.add(Attribute.ints("pads", Math.max(0, th) / 2, Math.max(0, tw) / 2,
                    Math.max(0, th) - Math.max(0, th) / 2, Math.max(0, tw) - Math.max(0, tw) / 2));
            if (th < 0 || tw < 0) {
                attrs.add(Attribute.ints("output_padding", Math.max(0, -th), Math.max(0, -tw)));
            }
        } else if (c.getConvolutionMode() == ConvolutionMode.Truncate
                || c.getConvolutionMode() == ConvolutionMode.Strict) {
            int[] p = c.getPadding();
            attrs.add(Attribute.ints("pads", p[0], p[1], p[0], p[1]));
        } else {
            throw unsupported(name, "transposed convolution with mode " + c.getConvolutionMode());
        }
        return graph.node("ConvTranspose", name, in, attrs.toArray(new Attribute[0]));
    }

    private String pooling(String name, SubsamplingLayer s, String x) {
        requireNchw(name, s.getCnn2dDataFormat());
        if (s.getPoolingType() != PoolingType.MAX) {
            throw unsupported(name, s.getPoolingType() + " pooling (only MAX pooling is exported)");
        }
        int[] k = s.getKernelSize();
        int[] st = s.getStride();
        int[] d = s.getDilation();
        if (d != null && (d[0] != 1 || d[1] != 1)) {
            throw unsupported(name, "pooling with dilation " + Arrays.toString(d));
        }
        Attribute pad;
        if (s.getConvolutionMode() == ConvolutionMode.Same) {
            pad = Attribute.string("auto_pad", "SAME_UPPER");
        } else if (s.getConvolutionMode() == ConvolutionMode.Truncate
                || s.getConvolutionMode() == ConvolutionMode.Strict) {
            int[] p = s.getPadding();
            pad = Attribute.ints("pads", p[0], p[1], p[0], p[1]);
        } else {
            throw unsupported(name, "pooling with mode " + s.getConvolutionMode());
        }
        return graph.node("MaxPool", name, List.of(x), Attribute.ints("kernel_shape", k[0], k[1]),
                Attribute.ints("strides", st[0], st[1]), pad);
    }

    private String upsampling(String name, Upsampling2D u, String x) {
        requireNchw(name, u.getFormat());
        int[] size = u.getSize();
        int sh = size[0];
        int sw = size.length > 1 ? size[1] : size[0];
        String scales = graph.initializer(name + "_scales", new float[] {1, 1, sh, sw}, 4);
        return graph.node("Resize", name, List.of(x, "", scales), Attribute.string("mode", "nearest"),
                Attribute.string("coordinate_transformation_mode", "asymmetric"),
                Attribute.string("nearest_mode", "floor"));
    }

    private String batchNormalization(String name, BatchNormalization b, String x) {
        requireNchw(name, b.getCnn2DFormat());
        long n = b.getNOut();
        Map<String, INDArray> p = net.getLayer(name).paramTable();
        float[] gamma = p.containsKey("gamma") ? floats(p.get("gamma")) : filled(n, b.getGamma());
        float[] beta = p.containsKey("beta") ? floats(p.get("beta")) : filled(n, b.getBeta());
        float[] mean = floats(param(name, "mean"));
        float[] var;
        if (b.isUseLogStd()) {
            var = floats(param(name, "log10stdev"));
            for (int i = 0; i < var.length; i++) {
                double std = Math.pow(10, var[i]);
                var[i] = (float) (std * std);
            }
        } else {
            var = floats(param(name, "var"));
        }
        List<String> in = List.of(x, graph.initializer(name + "_gamma", gamma, n),
                graph.initializer(name + "_beta", beta, n), graph.initializer(name + "_mean", mean, n),
                graph.initializer(name + "_var", var, n));
        return graph.node("BatchNormalization", name, in, Attribute.real("epsilon", (float) b.getEps()));
    }

    private String activation(String name, IActivation a, String x, boolean channelsOfLoss) {
        if (a == null || a instanceof ActivationIdentity) {
            return x;
        }
        if (a instanceof ActivationReLU r) {
            boolean plain = (r.getMax() == null || r.getMax() == 0) && (r.getThreshold() == null || r.getThreshold() == 0)
                    && (r.getNegativeSlope() == null || r.getNegativeSlope() == 0);
            if (!plain) {
                throw unsupported(name, "ReLU with max " + r.getMax() + ", threshold " + r.getThreshold()
                        + ", negative slope " + r.getNegativeSlope());
            }
            return graph.node("Relu", name + "_relu", List.of(x));
        }
        if (a instanceof ActivationLReLU l) {
            return graph.node("LeakyRelu", name + "_lrelu", List.of(x), Attribute.real("alpha", (float) l.getAlpha()));
        }
        if (a instanceof ActivationSigmoid) {
            return graph.node("Sigmoid", name + "_sigmoid", List.of(x));
        }
        if (a instanceof ActivationTanH) {
            return graph.node("Tanh", name + "_tanh", List.of(x));
        }
        if (a instanceof ActivationSoftmax && channelsOfLoss) {
            return graph.node("Softmax", name + "_softmax", List.of(x), Attribute.integer("axis", 1));
        }
        throw unsupported(name, "activation " + a);
    }

    // ---------------------------------------------------------------- helpers

    private INDArray param(String layer, String key) {
        INDArray p = net.getLayer(layer).paramTable().get(key);
        if (p == null) {
            throw new IllegalArgumentException("layer '" + layer + "' has no parameter '" + key + "' (it has "
                    + net.getLayer(layer).paramTable().keySet() + ")");
        }
        return p;
    }

    private static void requireShape(String layer, String key, INDArray p, long[] expected, String layout) {
        if (!Arrays.equals(p.shape(), expected)) {
            throw new IllegalArgumentException("parameter '" + key + "' of layer '" + layer + "' has shape "
                    + Arrays.toString(p.shape()) + " but " + Arrays.toString(expected) + " " + layout + " was expected");
        }
    }

    private static void requireNchw(String layer, CNN2DFormat format) {
        if (format != null && format != CNN2DFormat.NCHW) {
            throw unsupported(layer, "layer with data format " + format + " (only NCHW networks are exported)");
        }
    }

    private static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    private static float[] filled(long n, double v) {
        float[] f = new float[Math.toIntExact(n)];
        Arrays.fill(f, (float) v);
        return f;
    }

    private static IllegalArgumentException unsupported(String vertex, String what) {
        return new IllegalArgumentException("vertex '" + vertex + "' is a " + what + ", which the ONNX export does not "
                + "support (see OnnxExport: convolutions, transposed convolutions, max pooling, nearest up-sampling, "
                + "batch normalisation, dropout, concatenation and their activations)");
    }
}
