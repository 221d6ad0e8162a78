package io.github.segshap.cli;

import io.github.segshap.onnx.graph.OnnxGraph;
import io.github.segshap.onnx.graph.OnnxGraph.Attribute;
import io.github.segshap.onnx.graph.OnnxGraph.Dim;
import io.github.segshap.onnx.graph.OnnxGraph.ElementType;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The tests' network written as ONNX with shap-onnx's {@link OnnxGraph}: {@code Conv 3x3 pad 1 ->
 * Relu -> Conv 1x1 -> Sigmoid}, one output map; batch, height and width dynamic; NCHW or NHWC
 * (Transpose in and out), the same weights either way.
 */
final class TinyOnnxNet {
    private TinyOnnxNet() {
    }

    /** Writes the net for {@code channels} input channels to {@code file}. */
    static Path write(Path file, int channels, boolean nhwc, long seed) {
        return write(file, channels, nhwc, seed, Dim.of("H"), Dim.of("W"));
    }

    /** The NCHW net with a fixed input (and output) size of {@code height x width}. */
    static Path writeFixedSize(Path file, int channels, int height, int width, long seed) {
        return write(file, channels, false, seed, Dim.of(height), Dim.of(width));
    }

    /** The net, NCHW or NHWC, with a fixed input (and output) size of {@code height x width}. */
    static Path writeFixedSize(Path file, int channels, boolean nhwc, int height, int width, long seed) {
        return write(file, channels, nhwc, seed, Dim.of(height), Dim.of(width));
    }

    private static Path write(Path file, int channels, boolean nhwc, long seed, Dim h, Dim w) {
        int hidden = 4;
        Random r = new Random(seed);
        float[] w1 = gaussian(r, hidden * channels * 9, 0.5);
        float[] b1 = gaussian(r, hidden, 0.1);
        float[] w2 = gaussian(r, hidden, 0.7);
        float[] b2 = gaussian(r, 1, 0.1);
        OnnxGraph g = new OnnxGraph("tiny", 13);
        Dim n = Dim.of("N");
        Dim c = Dim.of(channels);
        String x = nhwc ? g.input("image", ElementType.FLOAT, n, h, w, c) : g.input("image", ElementType.FLOAT, n, c, h, w);
        if (nhwc) {
            x = g.node("Transpose", List.of(x), Attribute.ints("perm", 0, 3, 1, 2));
        }
        String y = g.node("Conv", List.of(x, g.initializer("w1", w1, hidden, channels, 3, 3), g.initializer("b1", b1,
                hidden)), Attribute.ints("kernel_shape", 3, 3), Attribute.ints("pads", 1, 1, 1, 1));
        y = g.node("Relu", List.of(y));
        y = g.node("Conv", List.of(y, g.initializer("w2", w2, 1, hidden, 1, 1), g.initializer("b2", b2, 1)),
                Attribute.ints("kernel_shape", 1, 1));
        y = g.node("Sigmoid", List.of(y));
        if (nhwc) {
            y = g.node("Transpose", List.of(y), Attribute.ints("perm", 0, 2, 3, 1));
            g.output(y, "mask", ElementType.FLOAT, n, h, w, Dim.of(1));
        } else {
            g.output(y, "mask", ElementType.FLOAT, n, Dim.of(1), h, w);
        }
        g.write(file);
        return file;
    }

    /**
     * A text-line recogniser's shape without its weights: {@code [N, 3, 48, 192]} in, {@code [N, 24, 6625]}
     * sequence logits out (AveragePool 48x8 -> Reshape [N, 3, 24] -> Transpose -> MatMul by 3 x 6625),
     * outputs that are no map of the image.
     */
    static Path writeSequenceLogits(Path file, long seed) {
        Random r = new Random(seed);
        OnnxGraph g = new OnnxGraph("recogniser", 13);
        String x = g.input("x", ElementType.FLOAT, Dim.of("N"), Dim.of(3), Dim.of(48), Dim.of(192));
        String y = g.node("AveragePool", List.of(x), Attribute.ints("kernel_shape", 48, 8), Attribute.ints("strides", 48, 8));
        y = g.node("Reshape", List.of(y, g.initializer("shape", new long[] {0, 3, 24}, 3)));
        y = g.node("Transpose", List.of(y), Attribute.ints("perm", 0, 2, 1));
        y = g.node("MatMul", List.of(y, g.initializer("classes", gaussian(r, 3 * 6625, 1), 3, 6625)));
        g.output(y, "logits", ElementType.FLOAT, Dim.of("N"), Dim.of(24), Dim.of(6625));
        g.write(file);
        return file;
    }

    private static float[] gaussian(Random r, int count, double scale) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) (scale * r.nextGaussian());
        }
        return v;
    }

    /** {@code n} random images {@code [N, C, H, W]} (N(0.3, 1) pixels) as float32 values. */
    static float[] images(int n, int c, int h, int w, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n * c * h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (0.3 + r.nextGaussian());
        }
        return v;
    }

    /** The NCHW values {@code v} of {@code n} images rearranged as NHWC. */
    static float[] toNhwc(float[] v, int n, int c, int h, int w) {
        float[] out = new float[v.length];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        out[((i * h + y) * w + x) * c + ch] = v[((i * c + ch) * h + y) * w + x];
                    }
                }
            }
        }
        return out;
    }
}
