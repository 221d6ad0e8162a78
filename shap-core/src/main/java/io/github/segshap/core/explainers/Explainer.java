package io.github.segshap.core.explainers;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.players.Players;

import java.util.ArrayList;
import java.util.List;

/**
 * Explains images of a model: for every output, the base value and one value per player that add
 * up to the model output. Implementations: {@link ExactExplainer}, {@link KernelExplainer},
 * {@link PartitionExplainer}, {@link PermutationExplainer}. Thread-safe.
 */
public interface Explainer {

    /**
     * Explains one image.
     *
     * @throws IllegalArgumentException when the image does not fit the players or the masker
     * @throws io.github.segshap.core.explanation.AdditivityException when the automatic additivity
     *         check is on and fails
     */
    Explanation explain(Image image);

    /** Explains several images, in order (the base value is computed once when it can be shared). */
    default List<Explanation> explainAll(List<Image> images) {
        if (images == null || images.isEmpty()) {
            throw new IllegalArgumentException("no images to explain: the list is "
                    + (images == null ? "null" : "empty"));
        }
        List<Explanation> out = new ArrayList<>(images.size());
        for (Image image : images) {
            out.add(explain(image));
        }
        return out;
    }

    /** The players this explainer attributes to. */
    Players players();
}
