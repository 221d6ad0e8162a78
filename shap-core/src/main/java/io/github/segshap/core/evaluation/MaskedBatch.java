package io.github.segshap.core.evaluation;

import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.image.Layout;

/**
 * One reusable buffer of masked images of one explained image: slot j holds the image with the
 * players of a coalition taken from the explained image and the others from one replacement row.
 * Each slot remembers the coalition and row it holds, so refilling it rewrites only the players
 * whose source changes (one player when consecutive fills are neighbours in Gray order), each as
 * runs of consecutive values copied with {@link System#arraycopy}. Values no player owns always
 * hold the explained image's. The buffer holds its images in the model's {@link Layout} (the
 * sources and the runs are in it), so the batches it hands out need no transposition. Not
 * thread-safe: one buffer per calling thread.
 */
final class MaskedBatch {
    private final Source image;
    private final Source[] replacements;
    private final Layout layout;
    /** Each player's elements as runs {start, length, start, length, ...}. */
    private final int[][] runs;
    private final boolean coverAll;
    private final ImageShape shape;
    private final int size;
    private final double[] values;
    /** The coalition each slot holds, null while the slot was never written. */
    private final Coalition[] held;
    private final int[] heldRow;

    /** The values of one image in the buffer's layout, copied by ranges. */
    @FunctionalInterface
    interface Source {
        /** Copies {@code length} values from flat index {@code from} into {@code dest} at {@code destPos}. */
        void copyRange(int from, double[] dest, int destPos, int length);
    }

    /**
     * @param slots        masked images the buffer holds
     * @param shape        the shape of the explained image
     * @param layout       the layout of the sources, the runs and the batches
     * @param image        the explained image
     * @param replacements what absent players take, one source per replacement row
     * @param runs         each player's elements as runs of consecutive indices; not modified
     * @param coverAll     whether the players own every value of the image
     */
    MaskedBatch(int slots, ImageShape shape, Layout layout, Source image, Source[] replacements, int[][] runs,
                boolean coverAll) {
        this.image = image;
        this.replacements = replacements;
        this.layout = layout;
        this.runs = runs;
        this.coverAll = coverAll;
        this.shape = shape;
        this.size = shape.size();
        this.values = new double[Math.multiplyExact(slots, size)];
        this.held = new Coalition[slots];
        this.heldRow = new int[slots];
    }

    /** Masked images this buffer holds at most. */
    int slots() {
        return held.length;
    }

    /**
     * Makes slot {@code slot} the explained image on coalition {@code c} and replacement row
     * {@code row} elsewhere, writing only the players whose source differs from what the slot holds.
     */
    void fill(int slot, Coalition c, int row) {
        int offset = slot * size;
        Coalition old = held[slot];
        if (old == null) {
            fillFresh(offset, c, row);
        } else {
            int oldRow = heldRow[slot];
            Source replacement = replacements[row];
            for (int p = 0; p < runs.length; p++) {
                boolean present = c.contains(p);
                boolean was = old.contains(p);
                if (present != was || (!present && oldRow != row)) {
                    copyPlayer(p, present ? image : replacement, offset);
                }
            }
        }
        held[slot] = c;
        heldRow[slot] = row;
    }

    private void fillFresh(int offset, Coalition c, int row) {
        if (c.isFull()) {
            image.copyRange(0, values, offset, size);
            return;
        }
        Source replacement = replacements[row];
        int m = runs.length;
        if (coverAll && 2 * c.size() < m) {
            // few players present: start from the replacement, copy the present players from the image
            replacement.copyRange(0, values, offset, size);
            for (int p = 0; p < m; p++) {
                if (c.contains(p)) {
                    copyPlayer(p, image, offset);
                }
            }
        } else {
            image.copyRange(0, values, offset, size);
            for (int p = 0; p < m; p++) {
                if (!c.contains(p)) {
                    copyPlayer(p, replacement, offset);
                }
            }
        }
    }

    private void copyPlayer(int p, Source from, int offset) {
        int[] r = runs[p];
        for (int t = 0; t < r.length; t += 2) {
            from.copyRange(r[t], values, offset + r[t], r[t + 1]);
        }
    }

    /** The first {@code n} slots as a batch for the model (a view: the model must not modify it). */
    ImageBatch batch(int n) {
        return new ImageBatch(shape, n, values, layout);
    }
}
