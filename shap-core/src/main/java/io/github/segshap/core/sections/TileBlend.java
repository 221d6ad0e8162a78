package io.github.segshap.core.sections;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.model.OutputShape;

import java.util.Arrays;
import java.util.List;

/**
 * The running weighted sums of the tiles' maps over a section: base values, each player's values,
 * the predictions and (for sampling explainers) the standard errors, each tile's map multiplied by
 * the taper's weights and added at the tile's place; {@link #result} divides by the total weight.
 * Tiles must be added in tile order for results that do not depend on how they were batched or
 * resumed (floating-point sums depend on their order). Mutable, one thread.
 */
final class TileBlend {
    private final TileGrid grid;
    private final double[] rowWeights;
    private final double[] columnWeights;
    private List<String> players;
    private OutputShape sectionShape;
    private int planes;
    private double[] base;
    private double[] outputs;
    private double[][] values;
    private double[][] errors;
    private long evaluations;
    private String explainer;
    private int next;

    TileBlend(TileGrid grid, Taper taper) {
        this.grid = grid;
        this.rowWeights = taper.weights(grid.tileHeight());
        this.columnWeights = taper.weights(grid.tileWidth());
    }

    /** Tiles added so far (the next tile expected). */
    int added() {
        return next;
    }

    /**
     * Adds tile {@code tile}'s explanation; tiles come in order.
     *
     * @throws IllegalArgumentException when the tile comes out of order, or its map is not of the
     *                                  tile's size, or its players or planes differ from the first tile's
     */
    void add(TileGrid.Tile tile, Explanation e) {
        if (tile.index() != next) {
            throw new IllegalStateException("tile " + tile.index() + " added when tile " + next + " was expected");
        }
        OutputShape os = e.outputShape();
        int th = grid.tileHeight();
        int tw = grid.tileWidth();
        if (os.height() != th || os.width() != tw) {
            throw new IllegalArgumentException("the model's output " + os + " for a tile of " + th + "x" + tw
                    + " is not a map of the tile's size: sections need a segmentation model whose output has its "
                    + "input's height and width");
        }
        if (base == null) {
            start(e);
        } else if (!e.playerNames().equals(players) || os.planes() != planes) {
            throw new IllegalArgumentException("tile " + tile.index() + " has players " + e.playerNames() + " and "
                    + os.planes() + " output planes, tile 0 " + players + " and " + planes);
        }
        int h = grid.sectionHeight();
        int w = grid.sectionWidth();
        double[] tb = e.baseValues();
        double[] to = e.outputs();
        double[][] tv = new double[players.size()][];
        for (int p = 0; p < tv.length; p++) {
            tv[p] = e.values(p);
        }
        double[][] te = errors == null ? null : e.standardErrors().orElseThrow(() -> new IllegalArgumentException(
                "tile " + tile.index() + " has no standard errors but tile 0 has"));
        for (int o = 0; o < planes; o++) {
            for (int i = 0; i < th; i++) {
                int from = (o * th + i) * tw;
                int to0 = (o * h + tile.row() + i) * w + tile.column();
                for (int j = 0; j < tw; j++) {
                    double weight = rowWeights[i] * columnWeights[j];
                    int k = from + j;
                    int s = to0 + j;
                    base[s] += weight * tb[k];
                    outputs[s] += weight * to[k];
                    for (int p = 0; p < tv.length; p++) {
                        values[p][s] += weight * tv[p][k];
                    }
                    if (te != null) {
                        for (int p = 0; p < te.length; p++) {
                            errors[p][s] += weight * te[p][k];
                        }
                    }
                }
            }
        }
        evaluations += e.modelEvaluations();
        next++;
    }

    private void start(Explanation e) {
        OutputShape os = e.outputShape();
        int[] dims = os.dims();
        dims[dims.length - 1] = grid.sectionWidth();
        if (dims.length >= 2) {
            dims[dims.length - 2] = grid.sectionHeight();
        }
        sectionShape = OutputShape.of(dims);
        planes = os.planes();
        players = e.playerNames();
        int k = sectionShape.size();
        base = new double[k];
        outputs = new double[k];
        values = new double[players.size()][k];
        errors = e.standardErrors().isPresent() ? new double[players.size()][k] : null;
        explainer = e.explainer();
    }

    /**
     * The section's explanation: every sum divided by the total weight of its sample.
     *
     * @throws IllegalStateException when not every tile was added
     */
    Explanation result() {
        if (next != grid.size()) {
            throw new IllegalStateException(next + " of " + grid.size() + " tiles blended");
        }
        double[] total = totalWeights();
        int pixels = total.length;
        double[] b = divided(base, total, pixels);
        double[] out = divided(outputs, total, pixels);
        double[][] v = new double[values.length][];
        for (int p = 0; p < v.length; p++) {
            v[p] = divided(values[p], total, pixels);
        }
        double[][] se = null;
        if (errors != null) {
            se = new double[errors.length][];
            for (int p = 0; p < se.length; p++) {
                se[p] = divided(errors[p], total, pixels);
            }
        }
        return Explanation.builder(players, sectionShape).baseValues(b).outputs(out).values(v).standardErrors(se)
                .modelEvaluations(evaluations).explainer(explainer).build();
    }

    /** The sum of the weights of every tile over each sample, row-major. */
    double[] totalWeights() {
        int w = grid.sectionWidth();
        double[] total = new double[grid.sectionHeight() * w];
        for (int r0 : grid.rowOrigins()) {
            for (int c0 : grid.columnOrigins()) {
                for (int i = 0; i < grid.tileHeight(); i++) {
                    for (int j = 0; j < grid.tileWidth(); j++) {
                        total[(r0 + i) * w + c0 + j] += rowWeights[i] * columnWeights[j];
                    }
                }
            }
        }
        return total;
    }

    private static double[] divided(double[] sums, double[] total, int pixels) {
        double[] out = Arrays.copyOf(sums, sums.length);
        for (int k = 0; k < out.length; k++) {
            out[k] /= total[k % pixels];
        }
        return out;
    }
}
