package io.github.segshap.core.model;

import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.image.Layout;
import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputSpecTest {
    private static final ImageShape IMAGES = new ImageShape(3, 101, 101);

    @Test
    void aModelThatSaysNothingTakesAnythingChannelsFirst() {
        Model m = Model.of(OutputShape.of(1), b -> new double[b.count()]);
        assertEquals(InputSpec.ANY, m.inputSpec());
        assertEquals(InputSpec.ANY, m.inputSpec(IMAGES));
        assertEquals(OptionalInt.empty(), m.inputSpec().channels());
        assertEquals(Layout.NCHW, m.inputSpec().layout());
        assertEquals(IMAGES, m.inputSpec().suggestedShape(IMAGES));
        assertEquals(ModelRecord.NONE, m.record(IMAGES));
        m.close(); // no checked exception, nothing to release
    }

    @Test
    void eachSizeKindSuggestsTheSmallestSizeThatHoldsTheImages() {
        InputSpec spec = InputSpec.of(3, Layout.NHWC, InputSpec.Sizes.multipleOf(4));
        assertEquals(new ImageShape(3, 104, 104), spec.suggestedShape(IMAGES));
        assertEquals(new ImageShape(3, 112, 112), spec.withSizes(InputSpec.Sizes.multipleOf(16)).suggestedShape(IMAGES));
        assertEquals(new ImageShape(3, 128, 120), spec.withSizes(InputSpec.Sizes.fixed(128, 120))
                .suggestedShape(IMAGES));
        assertEquals(IMAGES, spec.withSizes(InputSpec.Sizes.any()).suggestedShape(IMAGES));
        assertTrue(InputSpec.Sizes.multipleOf(4).accepts(104, 8));
        assertFalse(InputSpec.Sizes.multipleOf(4).accepts(101, 8));
        assertTrue(InputSpec.Sizes.fixed(8, 9).accepts(8, 9));
        assertFalse(InputSpec.Sizes.fixed(8, 9).accepts(9, 8));
        assertEquals("3 channels, NHWC, multiples of 4", spec.toString());
    }

    @Test
    void theWrongChannelsAndImagesLargerThanAFixedSizeAreRefusedByName() {
        InputSpec spec = InputSpec.of(1, Layout.NCHW, InputSpec.Sizes.fixed(64, 64));
        IncompatibleInputException e = assertThrows(IncompatibleInputException.class, () -> spec.suggestedShape(IMAGES));
        assertTrue(e.getMessage().contains("takes 1 channels") && e.getMessage().contains("have 3"), e.getMessage());
        e = assertThrows(IncompatibleInputException.class,
                () -> spec.suggestedShape(new ImageShape(1, 101, 101)));
        assertTrue(e.getMessage().contains("64x64"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InputSpec.Sizes.multipleOf(0));
        assertThrows(IllegalArgumentException.class, () -> InputSpec.of(-1, Layout.NCHW, InputSpec.Sizes.any()));
    }

    @Test
    void valuesWithTheSameFieldsAreEqual() {
        InputSpec a = InputSpec.of(3, Layout.NHWC, InputSpec.Sizes.multipleOf(4));
        assertEquals(a, InputSpec.of(3, Layout.NHWC, InputSpec.Sizes.multipleOf(4)));
        assertEquals(a.hashCode(), InputSpec.of(3, Layout.NHWC, InputSpec.Sizes.multipleOf(4)).hashCode());
        assertNotEquals(a, a.withLayout(Layout.NCHW));
        assertNotEquals(a, a.withSizes(InputSpec.Sizes.multipleOf(8)));
    }

    @Test
    void aTrialTurnsASizeErrorIntoTheSizesToReport() {
        // a network that runs only on multiples of 16
        InputSpec.Sizes s = InputSizes.sizesFor(IMAGES, shape -> {
            if (shape.height() % 16 != 0 || shape.width() % 16 != 0) {
                throw InputSizes.sizeError("the net", shape, new IllegalStateException("pooling"), 32, t -> {
                    if (t.height() % 16 != 0) {
                        throw new IllegalStateException("no");
                    }
                }, "no size");
            }
        }, InputSpec.Sizes.any());
        assertEquals(InputSpec.Sizes.multipleOf(16), s);
        assertEquals(InputSpec.Sizes.any(), InputSizes.sizesFor(new ImageShape(3, 16, 16), shape -> { }, InputSpec.Sizes.any()));
    }

    @Test
    void decoratorsPassOnWhatTheyDoNotChange() {
        boolean[] closed = {false};
        Model inner = new Model() {
            @Override
            public OutputShape outputShape(ImageShape input) {
                return OutputShape.of(1, input.height(), input.width());
            }

            @Override
            public double[] predict(io.github.segshap.core.image.ImageBatch batch) {
                return new double[batch.count() * batch.shape().pixels()];
            }

            @Override
            public InputSpec inputSpec(ImageShape images) {
                return InputSpec.of(3, Layout.NHWC, InputSpec.Sizes.multipleOf(4));
            }

            @Override
            public ModelRecord record(ImageShape images) {
                return new ModelRecord("inner's");
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        LayoutModel declared = LayoutModel.of(inner, Layout.NHWC);
        assertEquals(InputSpec.Sizes.multipleOf(4), declared.inputSpec(IMAGES).sizes(), "the trial is the inner's");
        assertEquals("inner's", declared.record(IMAGES).padding());
        PaddedModel padded = PaddedModel.of(declared, 4, io.github.segshap.core.padding.BoundaryMode.MIRROR);
        assertEquals(InputSpec.Sizes.any(), padded.inputSpec(IMAGES).sizes(), "padding makes any size fit");
        assertEquals(Layout.NHWC, padded.inputSpec().layout());
        assertEquals("mirror to 104x104", padded.record(IMAGES).padding());
        assertEquals("inner's", padded.record(new ImageShape(3, 8, 8)).padding(), "no pad at 8x8: the inner's record");
        padded.close();
        assertTrue(closed[0], "closing the outer decorator closes the model");
    }
}
