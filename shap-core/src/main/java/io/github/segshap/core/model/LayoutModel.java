package io.github.segshap.core.model;

import io.github.segshap.core.Arguments;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.image.Layout;

/**
 * A model that reads its batches' values in one {@link Layout}, declared around any model:
 * {@code LayoutModel.of(channelsLastFunction, Layout.NHWC)} makes the explainers build their masked
 * batches channels last for it ({@link #inputSpec()} says so), and converts any batch that arrives
 * in the other layout ({@link ImageBatch#in}) before the wrapped model sees it. The wrapped model
 * always gets batches in {@link #layout()}. Outputs are not touched (they are channels first).
 *
 * <p>Runtime adapters declare their layout in their own {@link InputSpec}; this decorator is for
 * models that do not ({@link Model#of}, {@link Model#perImage} and other plain Java models).
 * Immutable; thread safe when the wrapped model is; {@link #close()} closes it.
 */
public final class LayoutModel extends ForwardingModel {
    private final Layout layout;

    private LayoutModel(Model inner, Layout layout) {
        super(inner);
        this.layout = Arguments.notNull(layout, "layout");
    }

    /**
     * {@code inner}, fed batches in {@code layout}.
     *
     * @param inner  a model that reads batch values in {@code layout}
     * @param layout the layout it reads
     */
    public static LayoutModel of(Model inner, Layout layout) {
        return new LayoutModel(inner, layout);
    }

    /** The layout of every batch the wrapped model gets. */
    public Layout layout() {
        return layout;
    }

    /** The wrapped model's spec, in {@link #layout()}. */
    @Override
    public InputSpec inputSpec() {
        return inner().inputSpec().withLayout(layout);
    }

    /** The wrapped model's spec for such images, in {@link #layout()}. */
    @Override
    public InputSpec inputSpec(ImageShape images) {
        return inner().inputSpec(images).withLayout(layout);
    }

    /** Predicts the batch in {@link #layout()}: as it is when it is in it, else a transposed copy. */
    @Override
    public double[] predict(ImageBatch batch) {
        return inner().predict(batch.in(layout));
    }

    @Override
    public String toString() {
        return "LayoutModel[" + layout + ", " + inner() + "]";
    }
}
