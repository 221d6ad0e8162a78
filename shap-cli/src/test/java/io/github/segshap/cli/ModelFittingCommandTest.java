package io.github.segshap.cli;

import io.github.segshap.command.ExitCode;
import io.github.segshap.cli.ExplainCommandTest.Run;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.segmentation.ImageExplainer;
import io.github.segshap.onnx.model.OnnxModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.github.segshap.cli.ExplainCommandTest.assertAddsUp;
import static io.github.segshap.cli.ExplainCommandTest.assertSameValues;
import static io.github.segshap.cli.ExplainCommandTest.imagesOf;
import static io.github.segshap.cli.ExplainCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code segshap} options that fit a model to the images ({@code --pad}), shrink the background
 * ({@code --background-summary}), each checked against an independent evaluation of the same network
 * (converting a DL4J model, {@code export-onnx}, is tested in shap-cli-dl4j).
 */
class ModelFittingCommandTest {
    static final int N = 3;
    static final int C = ExplainCommandTest.C;
    static final int H = ExplainCommandTest.H;
    static final int W = ExplainCommandTest.W;
    /** The fixed input size of the padded model: one row and column of mirror padding on each side. */
    static final int FIXED = H + 2;

    @TempDir
    Path dir;

    Path write(String name, float[] pixels, int n) {
        Path file = dir.resolve(name);
        Npy.write(file, pixels, n, C, H, W);
        return file;
    }

    static Run explain(Path model, Path images, Path background, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("explain", "--model", model.toString(), "--images", images.toString(),
                "--background", background.toString(), "--out", out.toString(), "--threads", "1"));
        a.addAll(List.of(more));
        return run(a.toArray(String[]::new));
    }

    /** NumPy's {@code np.pad(x, 1, mode="reflect")} of one channel-first image, written out here. */
    static float[] reflectPadByOne(float[] pixels, int image) {
        float[] out = new float[C * FIXED * FIXED];
        for (int c = 0; c < C; c++) {
            for (int y = 0; y < FIXED; y++) {
                int sy = reflect(y - 1, H);
                for (int x = 0; x < FIXED; x++) {
                    int sx = reflect(x - 1, W);
                    out[(c * FIXED + y) * FIXED + x] = pixels[((image * C + c) * H + sy) * W + sx];
                }
            }
        }
        return out;
    }

    static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static int reflect(int i, int n) {
        return i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
    }

    @Test
    void padAutoExplainsAFixedSizeModelOnSmallerImagesAndPadNoneNamesTheSize() throws IOException {
        Path model = TinyOnnxNet.writeFixedSize(dir.resolve("fixed.onnx"), C, FIXED, FIXED, 5);
        float[] pixels = TinyOnnxNet.images(N, C, H, W, 3);
        Path images = write("images.npy", pixels, N);
        Path background = write("background.npy", TinyOnnxNet.images(2, C, H, W, 4), 2);

        Path out = dir.resolve("auto");
        Run r = explain(model, images, background, out);
        assertEquals(0, r.exit(), r.all());
        Explanations ex = ExplanationFolder.read(out);
        assertAddsUp(ex);
        String padding = ex.provenance().orElseThrow().padding();
        assertNotEquals("none", padding, "the padding is recorded");
        assertTrue(padding.contains(FIXED + ""), padding);
        assertTrue(r.out().contains("padding " + H + "x" + W + " images to " + FIXED + "x" + FIXED + " (mirror) for the "
                + "model; outputs cropped back"), "--pad auto says on the console that it pads: " + r.out());

        ImageShape fixed = new ImageShape(C, FIXED, FIXED);
        try (OnnxModel m = OnnxModel.of(model)) {
            for (int i = 0; i < N; i++) {
                double[] padded = m.predict(new ImageBatch(fixed, 1, toDoubles(reflectPadByOne(pixels, i))));
                double[] cropped = new double[H * W];
                for (int y = 0; y < H; y++) {
                    System.arraycopy(padded, (y + 1) * FIXED + 1, cropped, y * W, W);
                }
                assertArrayEquals(cropped, ex.get(i).outputs(), 1e-6, "image " + i
                        + ": the prediction is the model's output on the mirror-padded image, cropped back");
            }
        }

        Path none = dir.resolve("none");
        Run refused = explain(model, images, background, none, "--pad", "none");
        assertEquals(ExitCode.MODEL.code(), refused.exit(), refused.all());
        assertTrue(refused.all().contains(FIXED + "x" + FIXED) || refused.all().contains(FIXED + " x " + FIXED),
                "the message names the size the model takes: " + refused.all());
        assertFalse(Files.exists(none.resolve("explanation.json")), "nothing is written");
    }

    @Test
    void backgroundSummaryIsTheFacadesKMeansSummaryAndIsRecorded() throws IOException {
        Path model = TinyOnnxNet.write(dir.resolve("model.onnx"), C, false, 7);
        float[] pixels = TinyOnnxNet.images(N, C, H, W, 1);
        float[] bgPixels = TinyOnnxNet.images(6, C, H, W, 2);
        Path images = write("images.npy", pixels, N);
        Path background = write("background.npy", bgPixels, 6);

        Path full = dir.resolve("full");
        Path summary = dir.resolve("summary");
        assertEquals(0, explain(model, images, background, full).exit());
        Run r = explain(model, images, background, summary, "--background-summary", "2");
        assertEquals(0, r.exit(), r.all());
        Explanations ex = ExplanationFolder.read(summary);
        assertAddsUp(ex);
        assertEquals("2", ex.provenance().orElseThrow().explainerOptions().get("background_summary"),
                ex.provenance().orElseThrow().explainerOptions().toString());

        try (OnnxModel m = OnnxModel.of(model)) {
            ExplanationOptions options = ExplanationOptions.builder().background(imagesOf(bgPixels, 6))
                    .backgroundSummary(2).backgroundSeed(42).seed(42).threads(1).build();
            assertSameValues(ImageExplainer.of(m, options).explain(ex.ids(), imagesOf(pixels, N)), ex);
        }
        Explanation withAll = ExplanationFolder.read(full).get(0);
        assertFalse(Arrays.equals(withAll.baseValues(), ex.get(0).baseValues()),
                "two weighted rows give another base value than six rows");
    }

    @Tag("campaign")
    @Test
    void outputsThatAreNoMapOfTheImageAreRefusedNamingBothShapes() {
        Path recogniser = TinyOnnxNet.writeSequenceLogits(dir.resolve("recogniser.onnx"), 5);
        Path lines = dir.resolve("lines.npy");
        Npy.write(lines, TinyOnnxNet.images(2, 3, 48, 192, 4), 2, 3, 48, 192);
        Path out = dir.resolve("ocr");
        Run r = run("explain", "--model", recogniser.toString(), "--images", lines.toString(), "--background", "2",
                "--out", out.toString(), "--no-progress");
        assertEquals(ExitCode.MODEL.code(), r.exit(), r.all());
        assertTrue(r.err().contains("[1, 24, 6625] per image, which is not a map of the image")
                && r.err().contains("3x48x192") && r.err().contains("or smaller by one integer factor"), r.err());
        assertFalse(r.all().contains("unexpected"), r.all());
        assertFalse(Files.exists(out.resolve("contributions.npy")), "nothing explained");
    }
}
