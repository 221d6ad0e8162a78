package io.github.segshap.cli.model;

import io.github.segshap.cli.input.ImageLayout;
import io.github.segshap.core.model.Model;

import java.util.Objects;

/**
 * A model loaded from {@code --model}, as an immutable value: the model to explain (padded when
 * asked), how the provenance describes it, its file's fingerprint, the layout of its image input,
 * the padding around it ({@code none} or e.g. {@code mirror to 104x104}) and what to close.
 *
 * @param model       the model the explainer calls
 * @param description how the provenance names it (file name, kind, input and output)
 * @param fingerprint the fingerprint of the model's file
 * @param inputLayout the layout of the model's image input (the default layout of {@code --images})
 * @param padding     the padding applied around the model, as the provenance records it
 * @param resource    what holds the native resources of the model
 */
public record LoadedModel(Model model, String description, String fingerprint, ImageLayout inputLayout,
                          String padding, AutoCloseable resource) implements AutoCloseable {

    /** Rejects missing fields. */
    public LoadedModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(inputLayout, "inputLayout");
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(resource, "resource");
    }

    /** This value with another model and padding (e.g. the model wrapped by a padding decorator). */
    public LoadedModel with(Model wrapped, String newPadding) {
        return new LoadedModel(wrapped, description, fingerprint, inputLayout, newPadding, resource);
    }

    /** Releases the model's native resources. */
    @Override
    public void close() {
        try {
            resource.close();
        } catch (Exception e) {
            // closing a session that failed is not worth a failure of its own
        }
    }
}
