package io.github.segshap.core.evaluation;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.segmentation.ExplainerKind;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.segmentation.ImageExplainer;
import io.github.segshap.core.testing.GaussianImages;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The model calls of one image are a function of that image alone: with a model whose outputs
 * depend in the last bits on the batch they are computed in (as DL4J's do), an image explained alone,
 * after others (a resumed run starts with it) or among others gets bit-identical numbers.
 */
@Tag("campaign")
class BatchIndependenceTest {
    private static final ImageShape SHAPE = new ImageShape(3, 5, 4);

    /** A map model plus a term in the last bits that depends on the batch's size, as a native library's blocking does. */
    private static final Model BATCH_DEPENDENT = Model.of(OutputShape.map(5, 4), (ImageBatch b) -> {
        double[] out = new double[b.count() * 20];
        for (int n = 0; n < b.count(); n++) {
            for (int p = 0; p < 20; p++) {
                double v = b.get(n, 0, p / 4, p % 4) * b.get(n, 1, p / 4, p % 4) + 0.5 * b.get(n, 2, p / 4, p % 4);
                out[n * 20 + p] = v + 1e-9 * b.count();
            }
        }
        return out;
    });

    private static Explanation explain(ExplainerKind kind, List<Image> background, List<Image> images, int which) {
        ExplanationOptions options = ExplanationOptions.builder().explainer(kind).background(background).threads(1)
                .build();
        Explanations e = ImageExplainer.of(BATCH_DEPENDENT, options).explain(images);
        return e.get(which);
    }

    @ParameterizedTest
    @ValueSource(strings = {"EXACT", "KERNEL", "PERMUTATION"})
    void anImageAloneAfterOthersOrAmongOthersGetsTheSameBits(String kind) {
        ExplainerKind k = ExplainerKind.valueOf(kind);
        List<Image> background = GaussianImages.of(3, SHAPE, 1);
        List<Image> four = GaussianImages.of(4, SHAPE, 2);
        Explanation amongOthers = explain(k, background, four, 2);
        Explanation alone = explain(k, background, List.of(four.get(2)), 0);
        Explanation resumed = explain(k, background, four.subList(2, 4), 0);
        for (Explanation other : List.of(alone, resumed)) {
            assertArrayEquals(amongOthers.baseValues(), other.baseValues(), kind + ": base values");
            assertArrayEquals(amongOthers.outputs(), other.outputs(), kind + ": prediction");
            for (int m = 0; m < 3; m++) {
                assertArrayEquals(amongOthers.values(m), other.values(m), kind + ": player " + m);
            }
        }
    }
}
