package io.github.segshap.cli;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.segmentation.ImageExplainer;
import io.github.segshap.onnx.model.OnnxModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code segshap explain} run in-process on a small ONNX conv net written in the test. */
class ExplainCommandTest {
    static final int N = 6;
    static final int C = 3;
    static final int H = 8;
    static final int W = 8;
    static final ImageShape SHAPE = new ImageShape(C, H, W);

    @TempDir
    Path dir;
    Path model;
    Path images;
    Path background;
    float[] pixels;
    float[] bgPixels;

    /** What one command line run gave. */
    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @BeforeEach
    void files() {
        model = TinyOnnxNet.write(dir.resolve("model.onnx"), C, false, 7);
        pixels = TinyOnnxNet.images(N, C, H, W, 1);
        bgPixels = TinyOnnxNet.images(4, C, H, W, 2);
        images = dir.resolve("images.npy");
        background = dir.resolve("background.npy");
        Npy.write(images, pixels, N, C, H, W);
        Npy.write(background, bgPixels, 4, C, H, W);
    }

    static Run run(UnaryOperator<Model> hook, String... args) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = SegshapCommand.commandLine(new SegshapCommand(new PrintStream(console, true,
                StandardCharsets.UTF_8), hook));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, console.toString(StandardCharsets.UTF_8) + out, err.toString());
    }

    static Run run(String... args) {
        return run(UnaryOperator.identity(), args);
    }

    Run explain(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("explain", "--model", model.toString(), "--images", images.toString(),
                "--background", background.toString(), "--out", out.toString(), "--threads", "2"));
        a.addAll(List.of(more));
        return run(a.toArray(String[]::new));
    }

    static List<Image> imagesOf(float[] v, int n) {
        List<Image> out = new ArrayList<>();
        int size = SHAPE.size();
        for (int i = 0; i < n; i++) {
            double[] d = new double[size];
            for (int k = 0; k < size; k++) {
                d[k] = v[i * size + k];
            }
            out.add(Image.of(SHAPE, d));
        }
        return out;
    }

    static void assertSameValues(Explanations expected, Explanations actual) {
        assertEquals(expected.ids(), actual.ids());
        assertEquals(expected.playerNames(), actual.playerNames());
        for (int i = 0; i < expected.size(); i++) {
            Explanation e = expected.get(i);
            Explanation a = actual.get(i);
            assertArrayEquals(e.baseValues(), a.baseValues(), "base values of image " + i);
            assertArrayEquals(e.outputs(), a.outputs(), "prediction of image " + i);
            for (int p = 0; p < e.players(); p++) {
                assertArrayEquals(e.values(p), a.values(p), "player " + p + " of image " + i);
            }
        }
    }

    static void assertAddsUp(Explanations ex) {
        for (int i = 0; i < ex.size(); i++) {
            Explanation e = ex.get(i);
            for (int k = 0; k < e.outputShape().size(); k++) {
                double sum = e.baseValue(k);
                for (int p = 0; p < e.players(); p++) {
                    sum += e.value(p, k);
                }
                assertEquals(e.output(k), sum, 1e-9, "image " + i + ", output " + k);
            }
        }
    }

    static Map<String, byte[]> snapshot(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    static void assertSameFiles(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertEquals(before.keySet(), after.keySet());
        before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k + " changed"));
    }

    @Test
    void endsByPrintingWhereItsTimeWentInOneLine() {
        Run r = explain(dir.resolve("timed"), "--batch", "4");
        assertEquals(0, r.exit(), r.all());
        List<String> lines = r.out().lines().filter(l -> !l.isBlank()).toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches("time: explain \\d+\\.\\d s, write \\d+\\.\\d s, report \\d+\\.\\d s"), last);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("time: ")).count(), r.out());
    }

    @Test
    void reportPanelsBoundsTheImagesWithAPanelAndThePageSaysWhich() throws IOException {
        Path out = dir.resolve("panels");
        Run r = explain(out, "--report-panels", "2");
        assertEquals(0, r.exit(), r.all());
        try (Stream<Path> s = Files.list(out.resolve("figures"))) {
            assertEquals(List.of("sample_0.png", "sample_1.png"), s.map(p -> p.getFileName().toString())
                    .filter(f -> f.startsWith("sample_")).sorted().toList());
        }
        assertTrue(Files.readString(out.resolve("report.html")).contains("2 of the " + N + " explained images have a"
                + " panel (a bounded subset: 0, 1)"));
        Run redrawn = run("report", out.toString(), "--out", dir.resolve("redrawn").toString(), "--report-panels", "1");
        assertEquals(0, redrawn.exit(), redrawn.all());
        assertTrue(Files.readString(dir.resolve("redrawn/report.html")).contains("1 of the " + N + " explained images"
                + " has a panel (a bounded subset: 0)"));
        Run negative = explain(dir.resolve("negative"), "--report-panels", "-1");
        assertEquals(2, negative.exit(), negative.all());
        assertTrue(negative.all().contains("--report-panels must be >= 0, got -1"), negative.all());
    }

    @Test
    void explainsAnNpyStackIntoAFolderThatAddsUpAndEqualsTheFacade() throws IOException {
        Path out = dir.resolve("out");
        Run r = explain(out, "--batch", "4");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("report.html"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        assertFalse(Files.exists(out.resolve("batches")), "batches are removed once merged");
        Explanations ex = ExplanationFolder.read(out);
        assertEquals(N, ex.size());
        assertEquals(List.of("channel 0", "channel 1", "channel 2"), ex.playerNames());
        assertEquals("exact", ex.explainer());
        assertAddsUp(ex);
        assertTrue(ex.hasInputs());
        var p = ex.provenance().orElseThrow();
        assertTrue(p.modelFingerprint().startsWith("sha256:"), p.modelFingerprint());
        assertTrue(p.extra().get("images_fingerprint").startsWith("sha256:"), p.extra().toString());
        assertEquals(4, p.backgroundSize());
        assertEquals("none", p.padding());

        List<Image> imgs = imagesOf(pixels, N);
        try (OnnxModel m = OnnxModel.of(model)) {
            double[] own = m.predict(new ImageBatch(SHAPE, N, flatten(imgs)));
            int k = m.outputShape(SHAPE).size();
            for (int i = 0; i < N; i++) {
                double[] expected = java.util.Arrays.copyOfRange(own, i * k, (i + 1) * k);
                assertArrayEquals(expected, ex.get(i).outputs(), 1e-12, "image " + i + "'s prediction");
            }
            ExplanationOptions options = ExplanationOptions.builder().background(imagesOf(bgPixels, 4)).threads(2)
                    .build();
            Explanations direct = ImageExplainer.of(m, options).explain(ex.ids(), imgs);
            assertSameValues(direct, ex);
        }
    }

    static double[] flatten(List<Image> imgs) {
        int size = imgs.get(0).shape().size();
        double[] v = new double[imgs.size() * size];
        for (int i = 0; i < imgs.size(); i++) {
            imgs.get(i).copyTo(v, i * size);
        }
        return v;
    }

    @Test
    void nhwcImagesWithAnNhwcModelGiveTheNchwValues() {
        Path nchw = dir.resolve("nchw");
        assertEquals(0, explain(nchw).exit());
        Path nhwcModel = TinyOnnxNet.write(dir.resolve("nhwc.onnx"), C, true, 7);
        Path nhwcImages = dir.resolve("images-nhwc.npy");
        Path nhwcBg = dir.resolve("bg-nhwc.npy");
        Npy.write(nhwcImages, TinyOnnxNet.toNhwc(pixels, N, C, H, W), N, H, W, C);
        Npy.write(nhwcBg, TinyOnnxNet.toNhwc(bgPixels, 4, C, H, W), 4, H, W, C);
        Path out = dir.resolve("nhwc");
        Run r = run("explain", "--model", nhwcModel.toString(), "--images", nhwcImages.toString(), "--background",
                nhwcBg.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.all());
        Explanations a = ExplanationFolder.read(nchw);
        Explanations b = ExplanationFolder.read(out);
        assertEquals(a.imageShape(), b.imageShape());
        for (int i = 0; i < N; i++) {
            for (int p = 0; p < C; p++) {
                assertArrayEquals(a.get(i).values(p), b.get(i).values(p), 1e-6, "image " + i + " player " + p);
            }
            assertArrayEquals(a.input(i).toArray(), b.input(i).toArray(), "the NHWC input read back as CHW");
        }
    }

    @Test
    void explainsAFolderOfPngFilesWithFileNamesAsIds() throws IOException {
        Path pngs = Files.createDirectory(dir.resolve("pngs"));
        String[] names = {"b", "a", "c"};
        for (int n = 0; n < names.length; n++) {
            BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    img.setRGB(x, y, ((x * 30 + n * 10) << 16) | ((y * 30) << 8) | ((x + y) * 15));
                }
            }
            ImageIO.write(img, "png", pngs.resolve(names[n] + ".png").toFile());
        }
        Path out = dir.resolve("out");
        Run r = run("explain", "--model", model.toString(), "--images", pngs.toString(), "--background", "2", "--out",
                out.toString());
        assertEquals(0, r.exit(), r.all());
        Explanations ex = ExplanationFolder.read(out);
        assertEquals(List.of("a", "b", "c"), ex.ids());
        assertEquals(SHAPE, ex.imageShape());
        // image "a" is names[1] (n = 1): red of (x=2, y=0) = (2*30 + 10) / 255
        assertEquals(70 / 255.0, ex.input(0).get(0, 0, 2), 1e-12);
        assertEquals(90 / 255.0, ex.input(0).get(1, 3, 0), 1e-12);
        assertAddsUp(ex);
        assertEquals(2, ex.provenance().orElseThrow().backgroundSize());
    }

    @Test
    void groupsOfChannelsArePlayersAndBadGroupsNameTheChannels() {
        Path out = dir.resolve("out");
        Run r = explain(out, "--players", "0;1,2", "--names", "seismic,attributes");
        assertEquals(0, r.exit(), r.all());
        Explanations ex = ExplanationFolder.read(out);
        assertEquals(List.of("seismic", "attributes"), ex.playerNames());
        assertAddsUp(ex);

        Run overlap = explain(dir.resolve("o2"), "--players", "0,1;1,2");
        assertEquals(2, overlap.exit(), overlap.all());
        assertTrue(overlap.err().contains("overlap") && overlap.err().contains("channel 1"), overlap.err());
        Run missing = explain(dir.resolve("o3"), "--players", "0;1");
        assertEquals(2, missing.exit(), missing.all());
        assertTrue(missing.err().contains("leaves out channel 2"), missing.err());
        assertFalse(Files.exists(dir.resolve("o2").resolve(ExplanationFolder.JSON)));
    }

    /** A model that fails once it is asked to predict the given image (the first of a later batch). */
    static UnaryOperator<Model> failingOn(Image poison) {
        return inner -> new Model() {
            @Override
            public OutputShape outputShape(ImageShape input) {
                return inner.outputShape(input);
            }

            @Override
            public double[] predict(ImageBatch batch) {
                int size = batch.shape().size();
                double[] v = batch.values();
                for (int i = 0; i < batch.count(); i++) {
                    if (java.util.Arrays.equals(java.util.Arrays.copyOfRange(v, i * size, (i + 1) * size),
                            poison.toArray())) {
                        throw new IllegalStateException("killed: the test model fails on this image");
                    }
                }
                return inner.predict(batch);
            }

            @Override
            public boolean isThreadSafe() {
                return inner.isThreadSafe();
            }
        };
    }

    @Test
    void resumesAfterAFailureAndSkipsWhatIsDone() throws IOException {
        Path whole = dir.resolve("whole");
        assertEquals(0, explain(whole, "--batch", "2").exit());
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("explain", "--model", model.toString(), "--images",
                images.toString(), "--background", background.toString(), "--out", out.toString(), "--batch", "2"));
        Run killed = run(failingOn(imagesOf(pixels, N).get(2)), args.toArray(String[]::new));
        assertEquals(1, killed.exit(), killed.all());
        assertTrue(Files.isDirectory(out.resolve("batches").resolve("0-1")), "batch 1 is kept");
        assertFalse(Files.exists(out.resolve(ExplanationFolder.JSON)), "no merged folder after a failure");

        // corrupt nothing yet: the rerun skips batch 1 and completes
        Run rerun = run(args.toArray(String[]::new));
        assertEquals(0, rerun.exit(), rerun.all());
        assertTrue(rerun.out().contains("resuming: 2 of 6"), rerun.out());
        assertTrue(rerun.out().contains("explained 4 images (2 already done"), rerun.out());
        assertSameValues(ExplanationFolder.read(whole), ExplanationFolder.read(out));

        Map<String, byte[]> before = snapshot(out);
        Run again = run(args.toArray(String[]::new));
        assertEquals(0, again.exit(), again.all());
        assertTrue(again.out().contains("explained 0 images (6 already done"), again.out());
        Map<String, byte[]> after = snapshot(out);
        for (String f : List.of("contributions.npy", "base_values.npy", "prediction.npy", "explanation.json")) {
            assertArrayEquals(before.get(f), after.get(f), f + " rewritten by a run that had nothing to do");
        }
    }

    @Test
    void aKilledRunsLeftoversAreNamedAndRemovedAndNothingElseIsTouched() throws IOException {
        Path out = dir.resolve("out");
        String[] args = {"explain", "--model", model.toString(), "--images", images.toString(), "--background",
            background.toString(), "--out", out.toString(), "--batch", "2"};
        assertEquals(1, run(failingOn(imagesOf(pixels, N).get(4)), args).exit());
        Path batches = out.resolve("batches");
        Path partial = Files.createDirectories(batches.resolve(".partial-2-3-12345"));
        Files.writeString(partial.resolve("base_values.npy"), "half written");
        Path notes = Files.writeString(batches.resolve("notes.txt"), "mine");
        Run rerun = run(args);
        assertEquals(0, rerun.exit(), rerun.all());
        assertTrue(rerun.out().contains("removed " + partial.toAbsolutePath()), rerun.out());
        assertFalse(Files.exists(partial));
        assertEquals("mine", Files.readString(notes), "a file of the user's in batches/ is kept");
        assertFalse(Files.exists(batches.resolve("0-1")), "the batch folders are removed once merged");
    }

    @Test
    void aCorruptBatchFolderIsNamedAndRedone() throws IOException {
        Path out = dir.resolve("out");
        String[] args = {"explain", "--model", model.toString(), "--images", images.toString(), "--background",
            background.toString(), "--out", out.toString(), "--batch", "2"};
        assertEquals(1, run(failingOn(imagesOf(pixels, N).get(4)), args).exit());
        Path batch = out.resolve("batches").resolve("2-3");
        Path contributions = batch.resolve("contributions.npy");
        byte[] b = Files.readAllBytes(contributions);
        b[b.length - 1] ^= 0x55;
        Files.write(contributions, b);
        Run rerun = run(args);
        assertEquals(0, rerun.exit(), rerun.all());
        assertTrue(rerun.out().contains("batch folder " + batch.toAbsolutePath()) && rerun.out().contains("corrupt"),
                rerun.out());
        assertTrue(rerun.out().contains("explained 4 images (2 already done, 1 corrupt"), rerun.out());
        Path whole = dir.resolve("whole");
        assertEquals(0, explain(whole).exit());
        assertSameValues(ExplanationFolder.read(whole), ExplanationFolder.read(out));
    }

    @Test
    void anotherRecipeIsRefusedAndTheGoodFolderIsKept() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(0, explain(out).exit());
        Map<String, byte[]> before = snapshot(out);
        Run r = explain(out, "--explainer", "kernel", "--seed", "7");
        assertEquals(7, r.exit(), r.all());
        assertTrue(r.err().contains("another recipe") && r.err().contains("seed") && r.err().contains("explainer"),
                r.err());
        assertSameFiles(before, snapshot(out));
    }

    @Test
    void badInputsGiveTheirExitCodeAMessageNamingTheProblemAndWriteNothing() throws IOException {
        Path good = dir.resolve("good");
        assertEquals(0, explain(good).exit());
        Map<String, byte[]> before = snapshot(good);

        Path notOnnx = Files.writeString(dir.resolve("not.onnx"), "this is not a model");
        Run r = run("explain", "--model", notOnnx.toString(), "--images", images.toString(), "--out", good.toString());
        assertEquals(6, r.exit(), r.all());
        assertTrue(r.err().contains(notOnnx.toString()), r.err());

        Path four = dir.resolve("four.npy");
        Npy.write(four, TinyOnnxNet.images(3, 4, H, W, 3), 3, 4, H, W);
        r = run("explain", "--model", model.toString(), "--images", four.toString(), "--out", good.toString());
        assertEquals(6, r.exit(), r.all());
        assertTrue(r.err().contains("takes 3 channels") && r.err().contains("have 4"), r.err());

        Path rank3 = dir.resolve("rank3.npy");
        Npy.write(rank3, TinyOnnxNet.images(1, C, H, W, 3), C, H, W);
        r = run("explain", "--model", model.toString(), "--images", rank3.toString(), "--out", good.toString());
        assertEquals(4, r.exit(), r.all());
        assertTrue(r.err().contains("rank 3"), r.err());

        float[] nan = pixels.clone();
        nan[2 * SHAPE.size() + SHAPE.index(1, 4, 5)] = Float.NaN;
        Path nanFile = dir.resolve("nan.npy");
        Npy.write(nanFile, nan, N, C, H, W);
        r = run("explain", "--model", model.toString(), "--images", nanFile.toString(), "--out", good.toString());
        assertEquals(4, r.exit(), r.all());
        assertTrue(r.err().contains("image 2") && r.err().contains("NaN") && r.err().contains("channel 1, row 4, column 5"),
                r.err());

        Path smallBg = dir.resolve("small-bg.npy");
        Npy.write(smallBg, TinyOnnxNet.images(2, C, 4, 4, 3), 2, C, 4, 4);
        r = run("explain", "--model", model.toString(), "--images", images.toString(), "--background",
                smallBg.toString(), "--out", good.toString());
        assertEquals(4, r.exit(), r.all());
        assertTrue(r.err().contains("3 x 4 x 4") || r.err().contains("4x4") || r.err().contains("shape"), r.err());
        assertTrue(r.err().contains("background image 0 has shape 3x4x4") && r.err().contains("3x8x8"),
                "the library's shape check names both shapes: " + r.err());

        r = run("explain", "--model", model.toString(), "--images", images.toString(), "--background", "0", "--out",
                good.toString());
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("draw at least 1 row"), r.err());

        r = run("explain", "--model", model.toString(), "--images", images.toString(), "--output", "logits", "--out",
                good.toString());
        assertEquals(6, r.exit(), r.all());
        assertTrue(r.err().contains("logits"), r.err());

        r = run("explain", "--model", model.toString(), "--images", dir.resolve("missing.npy").toString(), "--out",
                good.toString());
        assertEquals(3, r.exit(), r.all());
        assertTrue(r.err().contains("missing.npy"), r.err());

        r = run("explain", "--model", model.toString(), "--images", images.toString(), "--out", good.toString(),
                "--no-such-option");
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("segshap explain --help"), r.err());

        assertSameFiles(before, snapshot(good));
    }

    @Test
    void theOutputFolderMustBeWritable() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Run r = explain(file.resolve("out"));
        assertEquals(5, r.exit(), r.all());
        assertTrue(r.err().contains(file.toString()), r.err());
    }

    @Test
    void everySubcommandHasHelpWithAnExample() {
        for (String sub : List.of("explain", "report", "export-onnx")) {
            Run r = run(sub, "--help");
            assertEquals(0, r.exit(), r.all());
            assertTrue(r.out().contains("Usage: segshap " + sub), r.out());
            assertTrue(r.out().contains("Example:") && r.out().contains("segshap " + sub + " "), r.out());
        }
        Run top = run("--help");
        assertTrue(top.out().contains("Exit codes:") && top.out().contains("Usage: segshap"), top.out());
    }

    @Test
    void reportRedrawsTheReportOfAFolder() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(0, explain(out).exit());
        Files.delete(out.resolve("report.html"));
        Run r = run("report", out.toString());
        assertEquals(0, r.exit(), r.all());
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        assertEquals(3, run("report", dir.resolve("nothing").toString()).exit());
    }
}
