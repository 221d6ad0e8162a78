package io.github.segshap.cli;

import io.github.segshap.core.io.Npy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code segshap explain} stays bit-identical across refactorings of the model seam: each case runs
 * the command on the tests' ONNX net (NCHW or channels-last, at the images' size or padded to a
 * fixed size) and compares {@code contributions.npy}, {@code base_values.npy} and
 * {@code prediction.npy}, bit for bit, with the arrays in
 * {@code src/test/resources/io/github/segshap/cli/regression/}, and the provenance's padding with
 * its recorded value. The arrays were written by this test ({@code -Dsegshap.recordGolden=true}) on
 * commit 6564285, before the model seam was rebuilt; rewrite them only for a change that is meant to
 * change the numbers, and say so in its commit.
 */
class CommandBitIdentityTest {
    private static final Path GOLDEN = Path.of("src/test/resources/io/github/segshap/cli/regression");
    private static final int N = 2;
    private static final int C = 3;
    private static final int H = 6;
    private static final int W = 6;
    private static final int FIXED = 8;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nchw", "nhwc", "nchw-padded", "nhwc-padded", "nhwc-kernel"})
    void explanationsAreBitIdenticalToTheRecordedOnes(String name) throws Exception {
        boolean nhwc = name.startsWith("nhwc");
        boolean padded = name.endsWith("padded");
        Path model = padded ? TinyOnnxNet.writeFixedSize(dir.resolve("m.onnx"), C, nhwc, FIXED, FIXED, 7)
                : TinyOnnxNet.write(dir.resolve("m.onnx"), C, nhwc, 7);
        float[] pixels = TinyOnnxNet.images(N, C, H, W, 1);
        float[] bg = TinyOnnxNet.images(3, C, H, W, 2);
        Path images = dir.resolve("images.npy");
        Path background = dir.resolve("background.npy");
        if (nhwc) {
            Npy.write(images, TinyOnnxNet.toNhwc(pixels, N, C, H, W), N, H, W, C);
            Npy.write(background, TinyOnnxNet.toNhwc(bg, 3, C, H, W), 3, H, W, C);
        } else {
            Npy.write(images, pixels, N, C, H, W);
            Npy.write(background, bg, 3, C, H, W);
        }
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("explain", "--model", model.toString(), "--images",
                images.toString(), "--background", background.toString(), "--out", out.toString(), "--threads", "2",
                "--layout", nhwc ? "nhwc" : "nchw"));
        if (padded) {
            args.addAll(List.of("--pad", "auto"));
        }
        if (name.endsWith("kernel")) {
            args.addAll(List.of("--explainer", "kernel", "--budget", "6", "--seed", "3"));
        }
        ExplainCommandTest.Run r = ExplainCommandTest.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.all());
        for (String file : List.of("contributions", "base_values", "prediction")) {
            double[] numbers = Npy.read(out.resolve(file + ".npy")).toDoubles();
            Path golden = GOLDEN.resolve(name + "-" + file + ".npy");
            if (Boolean.getBoolean("segshap.recordGolden")) {
                Npy.write(golden, numbers, numbers.length);
            }
            assertTrue(Files.isRegularFile(golden), "no recorded numbers at " + golden.toAbsolutePath());
            double[] recorded = Npy.read(golden).toDoubles();
            assertEquals(recorded.length, numbers.length, name + " " + file + ": another count of numbers");
            for (int i = 0; i < numbers.length; i++) {
                assertEquals(Double.doubleToRawLongBits(recorded[i]), Double.doubleToRawLongBits(numbers[i]),
                        name + " " + file + ": number " + i + " is " + numbers[i] + ", recorded " + recorded[i]);
            }
        }
        String padding = io.github.segshap.core.io.ExplanationFolder.read(out).provenance().orElseThrow().padding();
        assertEquals(padded ? "mirror to 8x8" : "none", padding, "the provenance's padding");
    }
}
