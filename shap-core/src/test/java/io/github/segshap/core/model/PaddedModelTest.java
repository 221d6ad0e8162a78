package io.github.segshap.core.model;

import io.github.segshap.core.explainers.ExactExplainer;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.masking.BackgroundMasker;
import io.github.segshap.core.padding.BoundaryMode;
import io.github.segshap.core.players.PixelRegions;
import io.github.segshap.core.players.Players;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The padding decorator around a model that only takes multiples of 4. */
class PaddedModelTest {

    private static final ImageShape SHAPE = new ImageShape(2, 101, 101);

    /**
     * Two output planes per image, each pixel also reading a wrapped-around neighbour so the padded
     * border reaches the kept outputs; throws for sizes that are not multiples of 4.
     */
    private static final Model MULTIPLES_OF_FOUR = new Model() {
        @Override
        public OutputShape outputShape(ImageShape input) {
            require(input);
            return OutputShape.of(2, input.height(), input.width());
        }

        @Override
        public double[] predict(ImageBatch batch) {
            ImageShape s = batch.shape();
            require(s);
            int h = s.height();
            int w = s.width();
            double[] out = new double[batch.count() * 2 * h * w];
            for (int n = 0; n < batch.count(); n++) {
                for (int r = 0; r < h; r++) {
                    for (int c = 0; c < w; c++) {
                        double a = batch.get(n, 0, r, c);
                        double b = batch.get(n, 1, r, (c + 1) % w);
                        double up = batch.get(n, 0, (r + h - 1) % h, c);
                        out[((n * 2) * h + r) * w + c] = Math.tanh(a + 0.5 * b - 0.3 * up);
                        out[((n * 2 + 1) * h + r) * w + c] = a * batch.get(n, 1, r, c);
                    }
                }
            }
            return out;
        }

        private void require(ImageShape s) {
            if (s.height() % 4 != 0 || s.width() % 4 != 0) {
                throw new IllegalArgumentException("this model needs multiples of 4, got " + s);
            }
        }
    };

    @Test
    void a101By101ImageRunsThroughAModelThatNeedsMultiplesOfFour() {
        assertThrows(IllegalArgumentException.class, () -> MULTIPLES_OF_FOUR.outputShape(SHAPE));
        PaddedModel model = PaddedModel.of(MULTIPLES_OF_FOUR, 4, BoundaryMode.MIRROR);
        assertEquals(OutputShape.of(2, 101, 101), model.outputShape(SHAPE));

        Random r = new Random(3);
        Image a = image(r);
        Image b = image(r);
        double[] values = new double[2 * SHAPE.size()];
        a.copyTo(values, 0);
        b.copyTo(values, SHAPE.size());
        double[] out = model.predict(new ImageBatch(SHAPE, 2, values));
        assertEquals(2 * 2 * 101 * 101, out.length);

        // the inner model on each image padded by hand (NumPy 'reflect', 1 before and 2 after), cropped by hand
        for (int n = 0; n < 2; n++) {
            Image im = n == 0 ? a : b;
            double[] padded = new double[2 * 104 * 104];
            for (int ch = 0; ch < 2; ch++) {
                for (int pr = 0; pr < 104; pr++) {
                    for (int pc = 0; pc < 104; pc++) {
                        padded[(ch * 104 + pr) * 104 + pc] = im.get(ch, reflect(pr - 1, 101), reflect(pc - 1, 101));
                    }
                }
            }
            double[] inner = MULTIPLES_OF_FOUR.predict(new ImageBatch(new ImageShape(2, 104, 104), 1, padded));
            for (int plane = 0; plane < 2; plane++) {
                for (int row = 0; row < 101; row++) {
                    for (int col = 0; col < 101; col++) {
                        assertEquals(inner[(plane * 104 + row + 1) * 104 + col + 1],
                                out[((n * 2 + plane) * 101 + row) * 101 + col], 0.0,
                                "image " + n + " plane " + plane + " at (" + row + ", " + col + ")");
                    }
                }
            }
        }
    }

    /** NumPy's 'reflect' for one border narrower than the axis, written out. */
    private static int reflect(int i, int n) {
        return i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
    }

    @Test
    void exactValuesThroughThePaddedModelAddUp() {
        Model model = PaddedModel.of(MULTIPLES_OF_FOUR, 4, BoundaryMode.MIRROR);
        Random r = new Random(8);
        List<Image> background = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            background.add(image(r));
        }
        Image x = image(r);
        Players players = Players.of(SHAPE, PixelRegions.grid(101, 101, 2, 2));
        Explanation e = ExactExplainer.builder(model, players, BackgroundMasker.of(background)).build().explain(x);
        assertEquals(OutputShape.of(2, 101, 101), e.outputShape());
        e.checkAdditivity(1e-9);
        double[] direct = model.predict(new ImageBatch(SHAPE, 1, x.toArray()));
        for (int k = 0; k < direct.length; k += 97) {
            double sum = e.baseValue(k);
            for (int p = 0; p < players.count(); p++) {
                sum += e.value(p, k);
            }
            assertEquals(direct[k], sum, 1e-9, "base + values = padded-and-cropped prediction at output " + k);
        }
    }

    @Test
    void aFixedSizeAndAnAlreadyFittingSizeAndThreadSafety() {
        PaddedModel to = PaddedModel.to(MULTIPLES_OF_FOUR, 108, 104, BoundaryMode.ZERO);
        assertEquals(OutputShape.of(2, 101, 101), to.outputShape(SHAPE));
        assertEquals(3, to.padding(SHAPE).top());
        assertEquals(1, to.padding(SHAPE).left());
        assertFalse(to.isThreadSafe(), "the anonymous inner model is not thread safe");
        assertTrue(PaddedModel.of(Model.of(OutputShape.map(8, 8), batch -> new double[64 * batch.count()]), 4,
                BoundaryMode.MIRROR).isThreadSafe());

        ImageShape fits = new ImageShape(2, 8, 12);
        PaddedModel of = PaddedModel.of(MULTIPLES_OF_FOUR, 4, BoundaryMode.MIRROR);
        assertTrue(of.padding(fits).isIdentity());
        double[] v = image(new Random(2), fits).toArray();
        assertArrayEquals(MULTIPLES_OF_FOUR.predict(new ImageBatch(fits, 1, v)), of.predict(new ImageBatch(fits, 1, v)));
        IllegalArgumentException larger = assertThrows(IllegalArgumentException.class,
                () -> PaddedModel.to(MULTIPLES_OF_FOUR, 100, 104, BoundaryMode.ZERO).outputShape(SHAPE));
        assertTrue(larger.getMessage().contains("cannot pad 101x101 to 100x104"), larger.getMessage());
    }

    @Test
    void theWrappedModelsMemoryBudgetAndPaddedCostAreUsed() {
        Model budgeted = new Model() {
            @Override
            public OutputShape outputShape(ImageShape input) {
                return OutputShape.map(input.height(), input.width());
            }

            @Override
            public double[] predict(io.github.segshap.core.image.ImageBatch batch) {
                return new double[batch.count() * batch.shape().pixels()];
            }

            @Override
            public long memoryBudget() {
                return 12_345_678L;
            }

            @Override
            public long bytesPerImage(ImageShape input) {
                return 1000L * input.pixels();
            }
        };
        PaddedModel padded = PaddedModel.of(budgeted, 4, BoundaryMode.MIRROR);
        assertEquals(12_345_678L, padded.memoryBudget());
        assertEquals(1000L * 104 * 104 + 8L * SHAPE.size(), padded.bytesPerImage(SHAPE));
    }

    @Test
    void outputsThatAreNotMapsOfThePaddedSizeAreRefused() {
        Model halves = Model.of(OutputShape.map(52, 52), batch -> new double[52 * 52 * batch.count()]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PaddedModel.of(halves, 4, BoundaryMode.MIRROR).outputShape(SHAPE));
        assertTrue(e.getMessage().contains("output [1, 52, 52] for padded inputs 2x104x104 is not a 104x104 map"),
                e.getMessage());
        Model vector = Model.of(OutputShape.of(104), batch -> new double[104 * batch.count()]);
        assertThrows(IllegalArgumentException.class,
                () -> PaddedModel.of(vector, 4, BoundaryMode.MIRROR).outputShape(SHAPE));
        assertThrows(IllegalArgumentException.class, () -> PaddedModel.of(halves, 0, BoundaryMode.MIRROR));
        IllegalStateException wrongCount = assertThrows(IllegalStateException.class,
                () -> PaddedModel.of(halves, 4, BoundaryMode.MIRROR).predict(new ImageBatch(SHAPE, 1,
                        new double[SHAPE.size()])));
        assertTrue(wrongCount.getMessage().contains("returned 2704 values for 1 padded images of 104x104"),
                wrongCount.getMessage());
    }

    private static Image image(Random r) {
        return image(r, SHAPE);
    }

    private static Image image(Random r, ImageShape shape) {
        double[] v = new double[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return Image.of(shape, v);
    }
}
