package io.github.segshap.core.model;

import io.github.segshap.core.Arguments;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;

/**
 * A model that passes every call to the model it wraps, written once for the decorators: a
 * decorator extends it and overrides only what it changes ({@link LayoutModel} the layout,
 * {@link PaddedModel} the size), so the wrapped model's spec, budget, thread safety, provenance
 * record and {@link #close()} are never lost on the way.
 */
public abstract class ForwardingModel implements Model {
    private final Model inner;

    /** @param inner the model every call goes to */
    protected ForwardingModel(Model inner) {
        this.inner = Arguments.notNull(inner, "inner model");
    }

    /** The wrapped model. */
    public Model inner() {
        return inner;
    }

    @Override
    public OutputShape outputShape(ImageShape input) {
        return inner.outputShape(input);
    }

    @Override
    public double[] predict(ImageBatch batch) {
        return inner.predict(batch);
    }

    @Override
    public boolean isThreadSafe() {
        return inner.isThreadSafe();
    }

    @Override
    public long memoryBudget() {
        return inner.memoryBudget();
    }

    @Override
    public long bytesPerImage(ImageShape input) {
        return inner.bytesPerImage(input);
    }

    @Override
    public InputSpec inputSpec() {
        return inner.inputSpec();
    }

    @Override
    public InputSpec inputSpec(ImageShape images) {
        return inner.inputSpec(images);
    }

    @Override
    public ModelRecord record(ImageShape images) {
        return inner.record(images);
    }

    /** Closes the wrapped model. */
    @Override
    public void close() {
        inner.close();
    }
}
