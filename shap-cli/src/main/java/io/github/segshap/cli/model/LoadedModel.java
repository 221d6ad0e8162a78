package io.github.segshap.cli.model;

import io.github.segshap.core.image.Layout;
import io.github.segshap.core.model.Model;

import java.util.Objects;

/**
 * A model loaded from {@code --model}, as an immutable value: the model to explain (padded when
 * asked: the padding is the model's own part of the provenance, {@link Model#record}), how the
 * provenance describes it and its file's fingerprint. Closing it closes the model (and what it
 * decorates).
 *
 * @param model       the model the explainer calls
 * @param description how the provenance names it (file name, kind, input and output)
 * @param fingerprint the fingerprint of the model's file
 */
public record LoadedModel(Model model, String description, String fingerprint) implements AutoCloseable {

    /** Rejects missing fields. */
    public LoadedModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** The layout of the model's image input (the default layout of {@code --images}). */
    public Layout inputLayout() {
        return model.inputSpec().layout();
    }

    /** This value with another model (e.g. the model wrapped by a padding decorator). */
    public LoadedModel with(Model wrapped) {
        return new LoadedModel(wrapped, description, fingerprint);
    }

    /** Releases the model's native resources. */
    @Override
    public void close() {
        try {
            model.close();
        } catch (RuntimeException e) {
            // closing a session that failed is not worth a failure of its own
        }
    }
}
