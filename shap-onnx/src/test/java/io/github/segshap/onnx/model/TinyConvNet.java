package io.github.segshap.onnx.model;

import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.onnx.graph.OnnxGraph;
import io.github.segshap.onnx.graph.OnnxGraph.Attribute;
import io.github.segshap.onnx.graph.OnnxGraph.Dim;
import io.github.segshap.onnx.graph.OnnxGraph.ElementType;

import java.util.List;
import java.util.Random;

/**
 * The tests' small network, {@code Conv 3x3 pad 1 -> Relu -> Conv 1x1 -> Sigmoid} (or Softmax over
 * the classes), written as ONNX in several variants and evaluated independently by hand in plain
 * Java from the same weights.
 */
final class TinyConvNet {
    /** How the ONNX graph declares and lays out its input and output. */
    enum Variant {
        /** {@code [N, C, H, W]} in and {@code [N, O, H, W]} out, batch, height and width dynamic. */
        NCHW,
        /** {@code [N, H, W, C]} in and {@code [N, H, W, O]} out (Transpose in and out). */
        NHWC,
        /** A float64 input, cast to float32 inside the graph. */
        DOUBLE_INPUT
    }

    final int channels;
    final int hidden;
    final int classes;
    final boolean softmax;
    final float[] w1;
    final float[] b1;
    final float[] w2;
    final float[] b2;

    /**
     * @param channels input channels
     * @param hidden   filters of the 3x3 convolution
     * @param classes  output planes (1 with sigmoid; 2 or more with softmax)
     * @param seed     the weights' seed
     */
    TinyConvNet(int channels, int hidden, int classes, long seed) {
        this.channels = channels;
        this.hidden = hidden;
        this.classes = classes;
        this.softmax = classes > 1;
        Random r = new Random(seed);
        w1 = gaussian(r, hidden * channels * 9, 0.5);
        b1 = gaussian(r, hidden, 0.1);
        w2 = gaussian(r, classes * hidden, 0.7);
        b2 = gaussian(r, classes, 0.1);
    }

    private static float[] gaussian(Random r, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * r.nextGaussian());
        }
        return v;
    }

    /** The graph with a dynamic batch and size. */
    byte[] onnx(Variant variant) {
        return onnx(variant, Dim.of("N"), Dim.of("H"), Dim.of("W"));
    }

    /** The graph with the given batch, height and width dimensions. */
    byte[] onnx(Variant variant, Dim batch, Dim height, Dim width) {
        OnnxGraph g = new OnnxGraph("tiny", 13);
        boolean nhwc = variant == Variant.NHWC;
        ElementType inType = variant == Variant.DOUBLE_INPUT ? ElementType.DOUBLE : ElementType.FLOAT;
        Dim c = Dim.of(channels);
        String x = nhwc ? g.input("image", inType, batch, height, width, c) : g.input("image", inType, batch, c, height,
                width);
        if (nhwc) {
            x = g.node("Transpose", List.of(x), Attribute.ints("perm", 0, 3, 1, 2));
        }
        if (variant == Variant.DOUBLE_INPUT) {
            x = g.node("Cast", List.of(x), Attribute.integer("to", ElementType.FLOAT.code()));
        }
        String k1 = g.initializer("w1", w1, hidden, channels, 3, 3);
        String c1 = g.initializer("b1", b1, hidden);
        String y = g.node("Conv", List.of(x, k1, c1), Attribute.ints("kernel_shape", 3, 3),
                Attribute.ints("pads", 1, 1, 1, 1));
        y = g.node("Relu", List.of(y));
        String k2 = g.initializer("w2", w2, classes, hidden, 1, 1);
        String c2 = g.initializer("b2", b2, classes);
        y = g.node("Conv", List.of(y, k2, c2), Attribute.ints("kernel_shape", 1, 1));
        y = softmax ? g.node("Softmax", List.of(y), Attribute.integer("axis", 1)) : g.node("Sigmoid", List.of(y));
        Dim o = Dim.of(classes);
        if (nhwc) {
            y = g.node("Transpose", List.of(y), Attribute.ints("perm", 0, 2, 3, 1));
            g.output(y, "mask", ElementType.FLOAT, batch, height, width, o);
        } else {
            g.output(y, "mask", ElementType.FLOAT, batch, o, height, width);
        }
        return g.toBytes();
    }

    /** The same network evaluated by hand, in double precision, as a shap-core model. */
    Model reference(int height, int width) {
        return Model.perImage(OutputShape.of(classes, height, width), this::evaluate);
    }

    private void evaluate(ImageBatch batch, int n, double[] out, int offset) {
        ImageShape s = batch.shape();
        int h = s.height();
        int w = s.width();
        double[] hid = new double[hidden * h * w];
        for (int f = 0; f < hidden; f++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    double sum = b1[f];
                    for (int c = 0; c < channels; c++) {
                        for (int di = -1; di <= 1; di++) {
                            for (int dj = -1; dj <= 1; dj++) {
                                int ii = i + di;
                                int jj = j + dj;
                                if (ii >= 0 && ii < h && jj >= 0 && jj < w) {
                                    sum += w1[((f * channels + c) * 3 + di + 1) * 3 + dj + 1] * batch.get(n, c, ii, jj);
                                }
                            }
                        }
                    }
                    hid[(f * h + i) * w + j] = Math.max(0, sum);
                }
            }
        }
        double[] z = new double[classes];
        for (int p = 0; p < h * w; p++) {
            for (int o = 0; o < classes; o++) {
                double sum = b2[o];
                for (int f = 0; f < hidden; f++) {
                    sum += w2[o * hidden + f] * hid[f * h * w + p];
                }
                z[o] = sum;
            }
            if (softmax) {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) {
                    max = Math.max(max, v);
                }
                double total = 0;
                for (int o = 0; o < classes; o++) {
                    z[o] = Math.exp(z[o] - max);
                    total += z[o];
                }
                for (int o = 0; o < classes; o++) {
                    out[offset + o * h * w + p] = z[o] / total;
                }
            } else {
                out[offset + p] = 1 / (1 + Math.exp(-z[0]));
            }
        }
    }

    /** {@code count} random images (N(0.3, 1) pixels) of the shape, in one batch. */
    static ImageBatch randomBatch(ImageShape shape, int count, long seed) {
        Random r = new Random(seed);
        double[] v = new double[count * shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.3 + r.nextGaussian();
        }
        return new ImageBatch(shape, count, v);
    }
}
