package io.github.segshap.core.model;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.image.Layout;
import io.github.segshap.core.padding.BoundaryMode;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.segmentation.ExplainerKind;
import io.github.segshap.core.segmentation.ImageExplainer;
import io.github.segshap.core.testing.GaussianImages;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Channels-last models get channels-last batches: the explainers build their masked images in the
 * layout a model's spec names, padding keeps it, and {@link LayoutModel} converts only batches of
 * the other layout. Numbers are bit-identical to the channels-first model's.
 */
class LayoutModelTest {
    private static final ImageShape SHAPE = new ImageShape(3, 5, 6);

    /** A per-pixel function of the channels, with a little spatial context, read through {@code at}. */
    private interface Reader {
        double at(int c, int r, int x);
    }

    private static void function(Reader in, double[] dest, int off, int h, int w) {
        for (int r = 0; r < h; r++) {
            for (int x = 0; x < w; x++) {
                double z = 0.8 * in.at(0, r, x) - 0.5 * in.at(1, r, x) * in.at(2, r, x) + 0.1 * in.at(1, 0, 0);
                dest[off + r * w + x] = Math.tanh(z);
            }
        }
    }

    /** The function reading NCHW batches (any layout through {@link ImageBatch#get}). */
    private static Model channelsFirst() {
        return maps(b -> {
            int h = b.shape().height();
            int w = b.shape().width();
            double[] out = new double[b.count() * h * w];
            for (int n = 0; n < b.count(); n++) {
                int image = n;
                function((c, r, x) -> b.get(image, c, r, x), out, n * h * w, h, w);
            }
            return out;
        });
    }

    /** A thread-safe model of one output map of the input's size. */
    private static Model maps(java.util.function.Function<ImageBatch, double[]> f) {
        return new Model() {
            @Override
            public OutputShape outputShape(ImageShape input) {
                return OutputShape.of(1, input.height(), input.width());
            }

            @Override
            public double[] predict(ImageBatch batch) {
                return f.apply(batch);
            }

            @Override
            public boolean isThreadSafe() {
                return true;
            }
        };
    }

    /**
     * The function reading the raw values as NHWC, the way a channels-last network does; every batch
     * it gets must be NHWC (else it would read the wrong values), and its layouts are recorded.
     */
    private static Model channelsLastReader(Set<Layout> seen) {
        return new Model() {
            @Override
            public OutputShape outputShape(ImageShape input) {
                return OutputShape.of(1, input.height(), input.width());
            }

            @Override
            public double[] predict(ImageBatch b) {
                seen.add(b.layout());
                int h = b.shape().height();
                int w = b.shape().width();
                int c = b.shape().channels();
                double[] v = b.values();
                double[] out = new double[b.count() * h * w];
                for (int n = 0; n < b.count(); n++) {
                    int base = n * b.shape().size();
                    function((ch, r, x) -> v[base + (r * w + x) * c + ch], out, n * h * w, h, w);
                }
                return out;
            }

            @Override
            public InputSpec inputSpec() {
                return InputSpec.of(3, Layout.NHWC, InputSpec.Sizes.any());
            }

            @Override
            public boolean isThreadSafe() {
                return true;
            }
        };
    }

    private static List<Image> images(int n, long seed) {
        return GaussianImages.of(n, SHAPE, seed);
    }

    private static Explanations explain(Model model, ExplainerKind method) {
        ExplanationOptions o = ExplanationOptions.builder().background(List.of("a", "b", "c"), images(3, 2))
                .explainer(method).budget(method == ExplainerKind.KERNEL ? 20 : 0).seed(5)
                .patches(2, 3).threads(2).build();
        return ImageExplainer.of(model, o).explain(List.of("x", "y"), images(2, 1));
    }

    private static void assertBitIdentical(Explanations a, Explanations b) {
        for (int i = 0; i < a.size(); i++) {
            Explanation x = a.get(i);
            Explanation y = b.get(i);
            assertArrayEquals(x.baseValues(), y.baseValues());
            assertArrayEquals(x.outputs(), y.outputs());
            for (int p = 0; p < x.players(); p++) {
                assertArrayEquals(x.values(p), y.values(p), "image " + i + " player " + p);
            }
        }
    }

    @Test
    void anNhwcModelReceivesNhwcBatchesAndGivesTheSameNumbers() {
        for (ExplainerKind method : List.of(ExplainerKind.EXACT,
                ExplainerKind.KERNEL)) {
            Set<Layout> seen = ConcurrentHashMap.newKeySet();
            Explanations last = explain(channelsLastReader(seen), method);
            assertEquals(Set.of(Layout.NHWC), seen, "every masked batch is built channels last");
            assertBitIdentical(explain(channelsFirst(), method), last);
        }
    }

    @Test
    void aPaddedNhwcModelReceivesPaddedNhwcBatches() {
        Set<Layout> seen = ConcurrentHashMap.newKeySet();
        PaddedModel last = PaddedModel.to(channelsLastReader(seen), 8, 8, BoundaryMode.MIRROR);
        assertEquals(Layout.NHWC, last.inputSpec().layout());
        Explanations e = explain(last, ExplainerKind.EXACT);
        assertEquals(Set.of(Layout.NHWC), seen);
        assertBitIdentical(explain(PaddedModel.to(channelsFirst(), 8, 8, BoundaryMode.MIRROR),
                ExplainerKind.EXACT), e);
        assertEquals("mirror to 8x8", e.provenance().orElseThrow().padding(), "the decorator records its padding");
    }

    @Test
    void theLayoutDecoratorConvertsOnlyBatchesOfTheOtherLayout() {
        Set<Layout> seen = ConcurrentHashMap.newKeySet();
        Model raw = channelsLastReader(seen);
        LayoutModel declared = LayoutModel.of(maps(raw::predict), Layout.NHWC);
        assertEquals(Layout.NHWC, declared.inputSpec().layout());
        List<Image> imgs = images(2, 9);
        double[] nchw = new double[2 * SHAPE.size()];
        imgs.get(0).copyTo(nchw, 0);
        imgs.get(1).copyTo(nchw, SHAPE.size());
        ImageBatch first = new ImageBatch(SHAPE, 2, nchw);
        double[] expected = channelsFirst().predict(first);
        assertArrayEquals(expected, declared.predict(first), "an NCHW batch is transposed for the NHWC model");
        assertArrayEquals(expected, declared.predict(first.in(Layout.NHWC)), "an NHWC batch passes through");
        assertEquals(Set.of(Layout.NHWC), seen);
        assertTrue(declared.toString().contains("NHWC"));
        Set<Layout> again = ConcurrentHashMap.newKeySet();
        assertBitIdentical(explain(channelsFirst(), ExplainerKind.EXACT),
                explain(LayoutModel.of(maps(channelsLastReader(again)::predict),
                        Layout.NHWC), ExplainerKind.EXACT));
        assertEquals(Set.of(Layout.NHWC), again);
    }

    @Test
    void aChannelsLastBatchIsPaddedAsTheChannelsFirstOneTransposed() {
        List<Image> imgs = images(2, 4);
        double[] nchw = new double[2 * SHAPE.size()];
        imgs.get(0).copyTo(nchw, 0);
        imgs.get(1).copyTo(nchw, SHAPE.size());
        ImageBatch first = new ImageBatch(SHAPE, 2, nchw);
        for (BoundaryMode mode : BoundaryMode.values()) {
            io.github.segshap.core.padding.Padding p = io.github.segshap.core.padding.Padding.centred(5, 6, 9, 8);
            ImageBatch last = p.pad(first.in(Layout.NHWC), mode);
            assertEquals(Layout.NHWC, last.layout());
            assertArrayEquals(p.pad(first, mode).in(Layout.NHWC).values(), last.values(), mode.toString());
        }
    }
}
