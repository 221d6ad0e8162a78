package io.github.segshap.core.sections;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;

/**
 * The tiles that cover a section: tiles of {@code tileHeight x tileWidth} samples whose origins
 * step by the stride along each axis, {@code 0, s, 2s, ...}, plus one last tile aligned to the
 * section's far edge ({@code H - tileHeight}) when the steps do not land on it, so a section whose
 * size is not a multiple of the stride is covered to its last sample. Tiles are numbered row-major
 * (all tiles of the first tile row, then the next). Immutable.
 *
 * <p>A section smaller than a tile along an axis is an error (pad it first, e.g. with
 * {@link io.github.segshap.core.padding.Padding}); so is a stride larger than the tile (samples
 * between tiles would be left out) or below 1.
 *
 * @param sectionHeight  rows of the section
 * @param sectionWidth   columns of the section
 * @param tileHeight     rows of a tile
 * @param tileWidth      columns of a tile
 * @param strideRows     rows between the origins of two tiles one above the other
 * @param strideColumns  columns between the origins of two neighbouring tiles
 */
public record TileGrid(int sectionHeight, int sectionWidth, int tileHeight, int tileWidth, int strideRows,
                       int strideColumns) {

    /** Checks that the tiles fit the section and the strides leave no gap. */
    public TileGrid {
        if (tileHeight < 1 || tileWidth < 1) {
            throw new IllegalArgumentException("tile size must be positive, got " + tileHeight + "x" + tileWidth);
        }
        if (strideRows < 1 || strideColumns < 1 || strideRows > tileHeight || strideColumns > tileWidth) {
            throw new IllegalArgumentException("stride " + strideRows + "x" + strideColumns + " for tiles of "
                    + tileHeight + "x" + tileWidth + ": each stride must be at least 1 and at most the tile's size "
                    + "(a larger stride leaves samples between tiles uncovered)");
        }
        if (sectionHeight < tileHeight || sectionWidth < tileWidth) {
            throw new IllegalArgumentException("the section of " + sectionHeight + "x" + sectionWidth
                    + " samples is smaller than a tile of " + tileHeight + "x" + tileWidth
                    + ": pad the section to at least the tile size, or explain it as one image");
        }
    }

    /** The grid of tiles of {@code tileHeight x tileWidth}, stride {@code strideRows x strideColumns}, over {@code section}. */
    public static TileGrid of(ImageShape section, int tileHeight, int tileWidth, int strideRows, int strideColumns) {
        return new TileGrid(section.height(), section.width(), tileHeight, tileWidth, strideRows, strideColumns);
    }

    /** The first row of every tile row, ascending; the last is {@code sectionHeight - tileHeight}. */
    public int[] rowOrigins() {
        return origins(sectionHeight, tileHeight, strideRows);
    }

    /** The first column of every tile column, ascending; the last is {@code sectionWidth - tileWidth}. */
    public int[] columnOrigins() {
        return origins(sectionWidth, tileWidth, strideColumns);
    }

    private static int[] origins(int length, int tile, int stride) {
        int steps = (length - tile) / stride;
        boolean aligned = steps * stride == length - tile;
        int[] o = new int[steps + (aligned ? 1 : 2)];
        for (int i = 0; i <= steps; i++) {
            o[i] = i * stride;
        }
        o[o.length - 1] = length - tile;
        return o;
    }

    /** Tile rows. */
    public int tileRows() {
        return rowOrigins().length;
    }

    /** Tile columns. */
    public int tileColumns() {
        return columnOrigins().length;
    }

    /** Number of tiles. */
    public int size() {
        return tileRows() * tileColumns();
    }

    /**
     * Tile {@code index} (row-major).
     *
     * @throws IndexOutOfBoundsException naming the index and the count
     */
    public Tile tile(int index) {
        int columns = tileColumns();
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("tile " + index + " of a grid of " + tileRows() + "x" + columns
                    + " tiles");
        }
        return new Tile(index, rowOrigins()[index / columns], columnOrigins()[index % columns]);
    }

    /** The shape of a tile of a section with {@code channels} channels. */
    public ImageShape tileShape(int channels) {
        return new ImageShape(channels, tileHeight, tileWidth);
    }

    /**
     * The samples of {@code section} under tile {@code tile}, all channels.
     *
     * @throws IllegalArgumentException when the section is not of this grid's size
     */
    public Image cut(Image section, Tile tile) {
        ImageShape s = section.shape();
        if (s.height() != sectionHeight || s.width() != sectionWidth) {
            throw new IllegalArgumentException("a section of " + s + " for a tile grid over " + sectionHeight + "x"
                    + sectionWidth + " samples");
        }
        ImageShape t = tileShape(s.channels());
        double[] v = new double[t.size()];
        for (int c = 0; c < s.channels(); c++) {
            for (int r = 0; r < tileHeight; r++) {
                section.copyRange(s.index(c, tile.row() + r, tile.column()), v, t.index(c, r, 0), tileWidth);
            }
        }
        return Image.of(t, v);
    }

    /** How many tiles cover each sample, row-major {@code sectionHeight x sectionWidth}: at least 1 everywhere. */
    public int[] coverage() {
        int[] count = new int[sectionHeight * sectionWidth];
        for (int r0 : rowOrigins()) {
            for (int c0 : columnOrigins()) {
                for (int r = r0; r < r0 + tileHeight; r++) {
                    for (int c = c0; c < c0 + tileWidth; c++) {
                        count[r * sectionWidth + c]++;
                    }
                }
            }
        }
        return count;
    }

    /** E.g. {@code 101x101 tiles, stride 64x64, 3x5 tiles over 303x505}. */
    @Override
    public String toString() {
        return tileHeight + "x" + tileWidth + " tiles, stride " + strideRows + "x" + strideColumns + ", "
                + tileRows() + "x" + tileColumns() + " tiles over " + sectionHeight + "x" + sectionWidth;
    }

    /**
     * One tile: its number and the section sample under its first row and column.
     *
     * @param index  row-major number in the grid
     * @param row    first section row it covers
     * @param column first section column it covers
     */
    public record Tile(int index, int row, int column) {
    }
}
