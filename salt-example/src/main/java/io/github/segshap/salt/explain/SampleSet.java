package io.github.segshap.salt.explain;

import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.provenance.Provenance;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Explained samples of one recipe combined: one {@link Explanations} over all of them (inputs
 * kept, the shared provenance of {@link SampleRecipe#shared}) and the true mask of each, by id -
 * what the report draws and the summary's statistics come from.
 *
 * @param explanations the samples' explanations, in order
 * @param truth        id to true mask (one entry per pixel), in the same order
 */
public record SampleSet(Explanations explanations, Map<String, boolean[]> truth) {
    /** Copies the masks. */
    public SampleSet {
        Map<String, boolean[]> copy = new LinkedHashMap<>();
        truth.forEach((k, v) -> copy.put(k, v.clone()));
        truth = Collections.unmodifiableMap(copy);
    }

    /**
     * Combines samples read by {@link SampleFiles#read}.
     *
     * @throws IllegalArgumentException when there are none, or two were made with different recipes
     *                                  (naming the folders and the fields that differ)
     */
    public static SampleSet of(List<SavedSample> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no explained samples to combine");
        }
        Provenance first = samples.get(0).explanation().provenance().map(SampleRecipe::shared).orElse(null);
        List<Explanations> parts = new ArrayList<>();
        Map<String, boolean[]> truth = new LinkedHashMap<>();
        for (SavedSample s : samples) {
            Provenance p = s.explanation().provenance().map(SampleRecipe::shared).orElse(null);
            if (first != null && p != null && !first.sameRecipe(p)) {
                throw new IllegalArgumentException(s.folder() + " was made differently from "
                        + samples.get(0).folder() + ": " + SampleRecipe.reason(p, first) + " (fields "
                        + p.differences(first) + ")");
            }
            parts.add(p == null ? s.explanation() : s.explanation().withProvenance(p));
            truth.put(s.id(), s.truth());
        }
        return new SampleSet(Explanations.concat(parts), truth);
    }

    /** The masks in the explanations' order, for {@link Explanations#cohort}. */
    public List<boolean[]> masks() {
        List<boolean[]> out = new ArrayList<>();
        for (String id : explanations.ids()) {
            out.add(truth.get(id).clone());
        }
        return out;
    }
}
