package io.github.segshap.core.model;

import java.util.Objects;

/**
 * What a model stack records in the provenance about itself, each decorator writing its own part:
 * today the padding ({@link PaddedModel} writes e.g. {@code mirror to 104x104}; {@code none} when
 * nothing pads). Read by the explainers through {@link Model#record}; immutable.
 *
 * @param padding the padding applied around the model, as the provenance key {@code padding} holds it
 */
public record ModelRecord(String padding) {
    /** The record of a model nothing decorates: padding {@code none}. */
    public static final ModelRecord NONE = new ModelRecord("none");

    /** Rejects a missing padding. */
    public ModelRecord {
        Objects.requireNonNull(padding, "padding");
    }

    /** This record with another padding. */
    public ModelRecord withPadding(String value) {
        return new ModelRecord(value);
    }
}
