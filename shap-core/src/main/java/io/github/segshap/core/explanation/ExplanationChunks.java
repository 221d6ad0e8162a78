package io.github.segshap.core.explanation;

import java.util.List;

/**
 * A batch of explanations read a range of images at a time, so that a pass over every image holds
 * one range in memory: an opened explanation folder
 * ({@link io.github.segshap.core.io.OpenedExplanationFolder}) or {@link Explanations} already in
 * memory ({@link #of}). Statistics fed range by range in id order equal the ones computed at once.
 */
public interface ExplanationChunks {
    /** Number of images N. */
    int size();

    /** The image ids, in image order. */
    List<String> ids();

    /**
     * The images {@code from} (inclusive) to {@code to} (exclusive), with their inputs, true masks
     * and provenance when the batch has them.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= from < to <= size()}
     */
    Explanations read(int from, int to);

    /** Explanations in memory, read as ranges. */
    static ExplanationChunks of(Explanations explanations) {
        return new ExplanationChunks() {
            @Override
            public int size() {
                return explanations.size();
            }

            @Override
            public List<String> ids() {
                return explanations.ids();
            }

            @Override
            public Explanations read(int from, int to) {
                java.util.Objects.checkFromToIndex(from, to, size());
                if (from == 0 && to == size()) {
                    return explanations;
                }
                int[] idx = new int[to - from];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = from + i;
                }
                return explanations.subset(idx);
            }
        };
    }
}
