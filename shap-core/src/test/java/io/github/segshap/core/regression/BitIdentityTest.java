package io.github.segshap.core.regression;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.masking.BaselineMasker;
import io.github.segshap.core.masking.BlurMasker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.segmentation.ExplainerKind;
import io.github.segshap.core.segmentation.ImageExplainer;
import io.github.segshap.core.testing.GaussianImages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Explanations stay bit-identical across refactorings: each case explains the same images with the
 * same deterministic model and options, and every number (base values, contributions, standard
 * errors, interaction maps, outputs) must equal, bit for bit, the arrays in
 * {@code src/test/resources/.../regression/}. Those arrays were written by this test
 * ({@code -Dsegshap.recordGolden=true}) on the code of commit 3f447c3 (2026-12-07), before the
 * "one core" refactoring; rewrite them only for a change that is meant to change the numbers, and
 * say so in its commit.
 */
class BitIdentityTest {
    private static final ImageShape SHAPE = new ImageShape(5, 9, 7);
    private static final Path GOLDEN = Path.of("src/test/resources/io/github/segshap/core/regression");

    /** A per-pixel model with interactions between channels and a little spatial context. */
    private static final Model MODEL = Model.perImage(OutputShape.of(2, 9, 7), (ImageBatch b, int n, double[] dest,
                                                                                int off) -> {
        for (int r = 0; r < 9; r++) {
            for (int c = 0; c < 7; c++) {
                double x0 = b.get(n, 0, r, c);
                double x1 = b.get(n, 1, r, c);
                double x2 = b.get(n, 2, r, c);
                double x3 = b.get(n, 3, r, c);
                double x4 = b.get(n, 4, r, c);
                double z = 0.8 * x0 - 0.5 * x1 + 1.3 * x0 * x2 - 0.7 * x3 * x4 + 0.2 * (r - c)
                        + 0.1 * b.get(n, 1, 0, 0) + 0.05 * x4 * x4;
                dest[off + r * 7 + c] = 1 / (1 + Math.exp(-z));
                dest[off + 63 + r * 7 + c] = Math.tanh(0.3 * x1 + x2 * x3 - 0.2 * x0);
            }
        }
    });

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("exact", (UnaryOperator<ExplanationOptions.Builder>) b -> b
                        .explainer(ExplainerKind.EXACT)),
                Arguments.of("exact-interactions", (UnaryOperator<ExplanationOptions.Builder>) b -> b
                        .explainer(ExplainerKind.EXACT).interactions(true)),
                Arguments.of("auto-groups", (UnaryOperator<ExplanationOptions.Builder>) b -> b
                        .channelGroups(new int[][]{{0, 1}, {2}, {3, 4}}, List.of("a", "b", "c"))),
                Arguments.of("kernel", (UnaryOperator<ExplanationOptions.Builder>) b -> b
                        .explainer(ExplainerKind.KERNEL).budget(24).seed(7)),
                Arguments.of("permutation", (UnaryOperator<ExplanationOptions.Builder>) b -> b
                        .explainer(ExplainerKind.PERMUTATION).budget(3).seed(11)),
                Arguments.of("partition", (UnaryOperator<ExplanationOptions.Builder>) b -> b
                        .explainer(ExplainerKind.PARTITION)),
                Arguments.of("summary", (UnaryOperator<ExplanationOptions.Builder>) b -> b
                        .explainer(ExplainerKind.EXACT).backgroundSummary(2)),
                Arguments.of("patches", (UnaryOperator<ExplanationOptions.Builder>) b -> b
                        .explainer(ExplainerKind.EXACT).patches(3, 2)),
                Arguments.of("baseline", (UnaryOperator<ExplanationOptions.Builder>) b -> b
                        .explainer(ExplainerKind.EXACT).masker(BaselineMasker.zeros())),
                Arguments.of("blur", (UnaryOperator<ExplanationOptions.Builder>) b -> b
                        .explainer(ExplainerKind.EXACT).masker(BlurMasker.gaussian(1.5))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void explanationsAreBitIdenticalToTheRecordedOnes(String name, UnaryOperator<ExplanationOptions.Builder> options) {
        List<Image> images = images(3, 1);
        List<Image> background = images(6, 2);
        ExplanationOptions o = options.apply(ExplanationOptions.builder()
                .background(List.of("b0", "b1", "b2", "b3", "b4", "b5"), background)
                .threads(2)).build();
        Explanations e = ImageExplainer.of(MODEL, o).explain(List.of("x", "y", "z"), images);
        double[] numbers = flatten(e);
        Path file = GOLDEN.resolve(name + ".npy");
        if (Boolean.getBoolean("segshap.recordGolden")) {
            Npy.write(file, numbers, numbers.length);
        }
        assertTrue(Files.isRegularFile(file), "no recorded numbers at " + file.toAbsolutePath());
        double[] recorded = Npy.read(file).toDoubles();
        assertEquals(recorded.length, numbers.length, name + ": another count of numbers");
        for (int i = 0; i < numbers.length; i++) {
            assertEquals(Double.doubleToRawLongBits(recorded[i]), Double.doubleToRawLongBits(numbers[i]),
                    name + ": number " + i + " is " + numbers[i] + ", recorded " + recorded[i]);
        }
    }

    /** Every number of the result in one fixed order: per image base values, contributions, outputs, errors, interactions. */
    private static double[] flatten(Explanations e) {
        List<double[]> parts = new ArrayList<>();
        for (Explanation x : e.all()) {
            parts.add(x.baseValues());
            for (int p = 0; p < x.players(); p++) {
                parts.add(x.values(p));
            }
            parts.add(x.outputs());
            x.standardErrors().ifPresent(se -> {
                for (double[] row : se) {
                    parts.add(row);
                }
            });
            x.interactions().ifPresent(im -> {
                for (int i = 0; i < im.players(); i++) {
                    for (int j = 0; j < im.players(); j++) {
                        parts.add(im.pair(i, j));
                    }
                }
            });
            parts.add(new double[]{x.modelEvaluations()});
        }
        int n = parts.stream().mapToInt(a -> a.length).sum();
        double[] out = new double[n];
        int at = 0;
        for (double[] a : parts) {
            System.arraycopy(a, 0, out, at, a.length);
            at += a.length;
        }
        return out;
    }

    private static List<Image> images(int n, long seed) {
        return GaussianImages.of(n, SHAPE, seed);
    }
}
