package io.github.segshap.onnx.model;

import io.github.segshap.core.image.Layout;
import io.github.segshap.core.model.IncompatibleInputException;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.onnx.graph.OnnxGraph;
import io.github.segshap.onnx.graph.OnnxGraph.Attribute;
import io.github.segshap.onnx.graph.OnnxGraph.Dim;
import io.github.segshap.onnx.graph.OnnxGraph.ElementType;
import io.github.segshap.onnx.model.TinyConvNet.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every refusal names the problem: the file, the name, the shape, the size to pad to. */
class OnnxModelErrorsTest {
    private static final Dim N = Dim.of("N");
    private static final Dim H = Dim.of("H");
    private static final Dim W = Dim.of("W");

    @TempDir
    Path dir;

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nowhere.onnx");
        assertMessage(IllegalArgumentException.class, () -> OnnxModel.of(missing), "nowhere.onnx", "no such file");
    }

    @Test
    void aFileThatIsNotOnnxIsNamed() throws IOException {
        Path junk = Files.writeString(dir.resolve("weights.onnx"), "this is not a protobuf model");
        assertMessage(IllegalArgumentException.class, () -> OnnxModel.of(junk), "weights.onnx",
                "not an ONNX model");
    }

    @Test
    void unknownInputAndOutputNamesListTheNamesThereAre() {
        byte[] onnx = twoInputsTwoOutputs();
        assertMessage(IllegalArgumentException.class, () -> OnnxModel.builder(onnx).inputName("img").build(),
                "no input named 'img'", "image", "gain");
        assertMessage(IllegalArgumentException.class, () -> OnnxModel.builder(onnx).outputName("prob").build(),
                "no output named 'prob'", "mask", "logits");
    }

    @Test
    void inputsAndOutputsAreChosenByNameAndOtherInputsGetConstants() {
        try (OnnxModel m = OnnxModel.builder(twoInputsTwoOutputs()).inputName("image").outputName("logits")
                .constantInput("gain", new double[] {3}, 1).build()) {
            ImageShape shape = new ImageShape(2, 4, 4);
            double[] v = new double[shape.size()];
            v[0] = 2;
            double[] out = m.predict(new ImageBatch(shape, 1, v));
            assertEquals(6.0, out[0], 0.0, "logits are gain * image");
            assertEquals(0.0, out[1], 0.0);
        }
        assertMessage(IllegalArgumentException.class,
                () -> OnnxModel.builder(twoInputsTwoOutputs()).inputName("image").build(), "[gain]", "need values",
                "constantInput");
        assertMessage(IllegalArgumentException.class, () -> OnnxModel.builder(twoInputsTwoOutputs()).build(),
                "input 'gain'", "[1]", "[N, C, H, W]");
    }

    @Test
    void aNonFloatInputIsRefused() {
        OnnxGraph g = new OnnxGraph("ints", 13);
        String x = g.input("labels", ElementType.INT64, N, Dim.of(1), H, W);
        String y = g.node("Cast", List.of(x), Attribute.integer("to", ElementType.FLOAT.code()));
        g.output(y, "mask", ElementType.FLOAT, N, Dim.of(1), H, W);
        assertMessage(IllegalArgumentException.class, () -> OnnxModel.builder(g.toBytes()).build(), "'labels'",
                "INT64", "only float32 and float64");
    }

    @Test
    void anOutputThatIsNotAMapIsRefused() {
        OnnxGraph g = new OnnxGraph("classifier", 13);
        String x = g.input("image", ElementType.FLOAT, N, Dim.of(3), H, W);
        String y = g.node("GlobalAveragePool", List.of(x));
        y = g.node("Flatten", List.of(y), Attribute.integer("axis", 1));
        g.output(y, "scores", ElementType.FLOAT, N, Dim.of(3));
        assertMessage(IllegalArgumentException.class, () -> OnnxModel.builder(g.toBytes()).build(), "'scores'",
                "not a map", "[N, O, H, W]");
    }

    @Test
    void aWrongChannelCountNamesBothCounts() {
        TinyConvNet net = new TinyConvNet(3, 2, 1, 1);
        try (OnnxModel m = OnnxModel.builder(net.onnx(Variant.NCHW)).build()) {
            assertEquals(java.util.OptionalInt.of(3), m.inputSpec().channels());
            IncompatibleInputException e = assertMessage(IncompatibleInputException.class,
                    () -> m.outputShape(new ImageShape(4, 8, 8)), "takes 3 input channels", "images have 4");
            assertTrue(e.suggestedHeight().isEmpty());
        }
    }

    @Test
    void channelsLastWithBothAxesFixedUsesTheChannelCountOrTheSmallerAxis() {
        TinyConvNet net = new TinyConvNet(3, 2, 1, 2);
        byte[] nhwc = net.onnx(Variant.NHWC, N, Dim.of(8), Dim.of(8));
        try (OnnxModel m = OnnxModel.builder(nhwc).build()) {
            assertEquals(Layout.NHWC, m.inputSpec().layout(), "[N, 8, 8, 3]: the smaller axis is the channels");
        }
        try (OnnxModel m = OnnxModel.builder(nhwc).channels(3).build()) {
            assertEquals(Layout.NHWC, m.inputSpec().layout());
        }
        try (OnnxModel m = OnnxModel.builder(nhwc).inputLayout(Layout.NCHW).build()) {
            assertMessage(IncompatibleInputException.class, () -> m.outputShape(new ImageShape(3, 8, 8)),
                    "takes 8 input channels", "inputLayout(Layout.NHWC)");
        }
    }

    @Test
    void aFixedSizeModelSaysWhatToPadTo() {
        TinyConvNet net = new TinyConvNet(3, 2, 1, 3);
        try (OnnxModel m = OnnxModel.builder(net.onnx(Variant.NCHW, Dim.of(1), Dim.of(16), Dim.of(16))).build()) {
            IncompatibleInputException e = assertMessage(IncompatibleInputException.class,
                    () -> m.outputShape(new ImageShape(3, 13, 15)), "fixed size 16x16", "pad them to 16x16",
                    "13x15");
            assertEquals(16, e.suggestedHeight().orElseThrow());
            assertEquals(new ImageShape(3, 16, 16), m.inputSpec(new ImageShape(3, 13, 15)).suggestedShape(new ImageShape(3, 13, 15)));
            assertEquals(io.github.segshap.core.model.InputSpec.of(3, Layout.NCHW,
                    io.github.segshap.core.model.InputSpec.Sizes.fixed(16, 16)), m.inputSpec(), "declared in the input");
            assertMessage(IncompatibleInputException.class, () -> m.outputShape(new ImageShape(3, 20, 16)),
                    "fixed size 16x16", "crop or resize");
        }
    }

    @Test
    void aSizeTheNetworkFailsOnIsProbedForTheNextMultipleThatWorks() {
        // two 2x2 poolings, a 4x nearest up-sampling and a concat with the input: multiples of 4 only
        OnnxGraph g = new OnnxGraph("needs-4", 13);
        String x = g.input("image", ElementType.FLOAT, N, Dim.of(1), H, W);
        String p = g.node("MaxPool", List.of(x), Attribute.ints("kernel_shape", 2, 2), Attribute.ints("strides", 2, 2));
        p = g.node("MaxPool", List.of(p), Attribute.ints("kernel_shape", 2, 2), Attribute.ints("strides", 2, 2));
        String scales = g.initializer("scales", new float[] {1, 1, 4, 4}, 4);
        String up = g.node("Resize", List.of(p, "", scales), Attribute.string("mode", "nearest"));
        String y = g.node("Concat", List.of(up, x), Attribute.integer("axis", 1));
        g.output(y, "out", ElementType.FLOAT, N, Dim.of(2), H, W);
        try (OnnxModel m = OnnxModel.builder(g.toBytes()).build()) {
            assertEquals(io.github.segshap.core.model.OutputShape.of(2, 12, 8), m.outputShape(new ImageShape(1, 12, 8)));
            IncompatibleInputException e = assertMessage(IncompatibleInputException.class,
                    () -> m.outputShape(new ImageShape(1, 9, 10)), "cannot take 9x10", "multiples of 4",
                    "pad the images to 12x12");
            assertEquals(12, e.suggestedHeight().orElseThrow());
            assertEquals(12, e.suggestedWidth().orElseThrow());
            assertEquals(new ImageShape(1, 12, 12), m.inputSpec(new ImageShape(1, 9, 10)).suggestedShape(new ImageShape(1, 9, 10)));
            assertEquals(io.github.segshap.core.model.InputSpec.Sizes.any(), m.inputSpec().sizes(), "dynamic: any");
            assertEquals(io.github.segshap.core.model.InputSpec.Sizes.multipleOf(4),
                    m.inputSpec(new ImageShape(1, 9, 10)).sizes(), "found by trial");
        }
    }

    @Test
    void aClosedModelSaysSo() {
        OnnxModel m = OnnxModel.builder(new TinyConvNet(3, 2, 1, 4).onnx(Variant.NCHW)).build();
        m.close();
        m.close();
        ImageShape shape = new ImageShape(3, 4, 4);
        assertMessage(IllegalStateException.class, () -> m.predict(new ImageBatch(shape, 1, new double[48])),
                "is closed");
    }

    /** Inputs "gain" [1] and "image" [N, 2, H, W]; outputs "mask" (sigmoid of gain * image) and "logits" (gain * image). */
    private static byte[] twoInputsTwoOutputs() {
        OnnxGraph g = new OnnxGraph("two", 13);
        String gain = g.input("gain", ElementType.FLOAT, Dim.of(1));
        String x = g.input("image", ElementType.FLOAT, N, Dim.of(2), H, W);
        String logits = g.node("Mul", List.of(x, gain));
        g.output(g.node("Sigmoid", List.of(logits)), "mask", ElementType.FLOAT, N, Dim.of(2), H, W);
        g.output(logits, "logits", ElementType.FLOAT, N, Dim.of(2), H, W);
        return g.toBytes();
    }

    private static <T extends Throwable> T assertMessage(Class<T> type, Executable call, String... parts) {
        T e = assertThrows(type, call);
        for (String part : parts) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(part),
                    "message should contain '" + part + "': " + e.getMessage());
        }
        return e;
    }
}
