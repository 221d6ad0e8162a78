package io.github.segshap.core.players;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A partition of the pixels of an image into regions: a grid of spatial patches or any label map
 * (superpixels, geological zones). Pixels labelled -1 belong to no region and are never masked.
 */
public final class PixelRegions {
    private final int height;
    private final int width;
    private final int[] labels;
    private final List<String> names;

    private PixelRegions(int height, int width, int[] labels, List<String> names) {
        this.height = height;
        this.width = width;
        this.labels = labels;
        this.names = names;
    }

    /** The whole image as one region. */
    static PixelRegions whole(int height, int width) {
        return new PixelRegions(height, width, new int[height * width], List.of("all pixels"));
    }

    /**
     * A grid of {@code rows x columns} patches of (nearly) equal size, row-major, named
     * {@code patch (r,c)}. Patch boundaries are at {@code floor(i * height / rows)}.
     */
    public static PixelRegions grid(int height, int width, int rows, int columns) {
        if (rows < 1 || columns < 1 || rows > height || columns > width) {
            throw new IllegalArgumentException("a grid of " + rows + "x" + columns + " patches does not fit an image of "
                    + height + "x" + width + " pixels");
        }
        int[] labels = new int[height * width];
        for (int r = 0; r < height; r++) {
            int pr = (int) ((long) r * rows / height);
            for (int c = 0; c < width; c++) {
                int pc = (int) ((long) c * columns / width);
                labels[r * width + c] = pr * columns + pc;
            }
        }
        List<String> names = new ArrayList<>();
        for (int pr = 0; pr < rows; pr++) {
            for (int pc = 0; pc < columns; pc++) {
                names.add("patch (" + pr + "," + pc + ")");
            }
        }
        return new PixelRegions(height, width, labels, List.copyOf(names));
    }

    /**
     * Regions from a label map {@code [row][column]}: each distinct label >= 0 is one region (in
     * ascending label order, named {@code region <label>}); -1 means no region.
     *
     * @throws IllegalArgumentException for ragged rows or labels below -1
     */
    public static PixelRegions labels(int[][] labelMap) {
        if (labelMap.length == 0 || labelMap[0].length == 0) {
            throw new IllegalArgumentException("a label map needs at least one row and column");
        }
        int h = labelMap.length;
        int w = labelMap[0].length;
        TreeMap<Integer, Integer> compact = new TreeMap<>();
        for (int r = 0; r < h; r++) {
            if (labelMap[r].length != w) {
                throw new IllegalArgumentException("label map row " + r + " has " + labelMap[r].length
                        + " columns but row 0 has " + w);
            }
            for (int c = 0; c < w; c++) {
                int l = labelMap[r][c];
                if (l < -1) {
                    throw new IllegalArgumentException("label map has label " + l + " at row " + r + ", column " + c
                            + ": labels are >= 0, or -1 for no region");
                }
                if (l >= 0) {
                    compact.putIfAbsent(l, 0);
                }
            }
        }
        if (compact.isEmpty()) {
            throw new IllegalArgumentException("label map has no region: every label is -1");
        }
        List<String> names = new ArrayList<>();
        int next = 0;
        for (var e : compact.entrySet()) {
            e.setValue(next++);
            names.add("region " + e.getKey());
        }
        int[] labels = new int[h * w];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int l = labelMap[r][c];
                labels[r * w + c] = l < 0 ? -1 : compact.get(l);
            }
        }
        return new PixelRegions(h, w, labels, List.copyOf(names));
    }

    /** Number of regions. */
    public int count() {
        return names.size();
    }

    /** Height of the label map. */
    public int height() {
        return height;
    }

    /** Width of the label map. */
    public int width() {
        return width;
    }

    /** The region of pixel (row, column), or -1. */
    public int regionAt(int row, int column) {
        return labels[row * width + column];
    }

    /** The region names. */
    public List<String> names() {
        return names;
    }
}
