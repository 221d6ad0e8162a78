package io.github.segshap.report;

import io.github.segshap.core.explanation.ExplanationChunks;
import io.github.segshap.core.explanation.Explanations;

import java.util.ArrayList;
import java.util.List;

/**
 * The images a report holds in memory, whatever the number explained: the panels' images and the
 * first {@code max(panels, global images, viewer images)}, which the figures drawn image by image
 * and the viewer read; every statistic over all images is summed range by range instead
 * ({@link CohortSummary}).
 *
 * @param panelIds     the chosen panels' ids, or null for the first {@code panelCount}
 * @param panelCount   how many first images get a panel when none are chosen
 * @param globalImages images the scatter figures draw
 * @param viewerImages images the viewer shows
 */
record BoundedImages(List<String> panelIds, int panelCount, int globalImages, int viewerImages) {

    /**
     * The ids that get a panel.
     *
     * @throws IllegalArgumentException naming a chosen id that is not among the explanations
     */
    List<String> panels(ExplanationChunks chunks) {
        if (panelIds != null) {
            for (String id : panelIds) {
                if (!chunks.ids().contains(id)) {
                    throw new IllegalArgumentException("no image with id '" + id + "' for a panel among the "
                            + chunks.size() + " explained images");
                }
            }
            return panelIds;
        }
        return chunks.ids().subList(0, Math.min(panelCount, chunks.size()));
    }

    /**
     * Reads the held images: the first {@code max(panels, global images, viewer images)}, then any
     * chosen panel's image after them.
     */
    Explanations read(ExplanationChunks chunks, List<String> panels) {
        int n = Math.min(chunks.size(), Math.max(Math.max(panels.size(), globalImages), viewerImages));
        List<Explanations> parts = new ArrayList<>(List.of(chunks.read(0, n)));
        for (String id : panels) {
            int i = chunks.ids().indexOf(id);
            if (i >= n) {
                parts.add(chunks.read(i, i + 1));
            }
        }
        return parts.size() == 1 ? parts.get(0) : Explanations.concat(parts);
    }
}
