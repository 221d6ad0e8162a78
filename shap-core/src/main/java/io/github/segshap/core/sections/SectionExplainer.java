package io.github.segshap.core.sections;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.CorruptFolderException;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.segmentation.BackgroundDraw;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.segmentation.ImageExplainer;
import io.github.segshap.core.store.OtherRecipeException;
import io.github.segshap.core.store.ResultStore;

import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains a section {@code [C, H, W]} larger than the model's input by overlapping tiles:
 * <pre>{@code
 * SectionExplainer tiles = SectionExplainer.builder(model, options).tile(101, 101).stride(64, 64).build();
 * SectionExplainer.Result r = tiles.explainInto("inline 1200", section, outDir); // resumable
 * double[][] energy = r.explanation().contributionMap(0, 1, 0);                  // over the whole section
 * }</pre>
 * The section is cut into the tiles of a {@link TileGrid} (the last row and column of tiles
 * aligned to the section's edge), every tile is explained by the {@link ImageExplainer} facade with
 * the {@link ExplanationOptions} (one background and one explainer for all tiles), and the tiles'
 * base values, contributions, predictions and standard errors are blended with the {@link Taper}'s
 * weights into one {@link Explanation} of the section: {@code sum_t w_t f_t / sum_t w_t} per sample.
 * Blending is linear, so {@code base + sum of contributions = blended prediction} at every sample,
 * exactly up to rounding: the result is checked against the options' additivity tolerance
 * (relative to {@code max(1, max |prediction|)}) and its largest residual recorded. The blended
 * standard errors are the weighted means of the tiles' errors, an upper bound of the blend's
 * whatever the correlation between tiles.
 *
 * <p><b>Background.</b> The options' background rows, which must be tiles (shape {@code [C, th, tw]});
 * when the options give none, {@code background().size()} tiles of the section drawn by
 * {@link BackgroundDraw} with the background seed (ids {@code tile i}).
 *
 * <p><b>Memory</b> is bounded by the tiles in flight: tiles are cut from the section on demand and
 * explained {@link Builder#tilesPerBatch} at a time; each batch is added to the section's running
 * sums and dropped. Only the section and its blended maps are held whole.
 *
 * <p><b>Resumable.</b> {@link #explainInto} saves each batch of tiles as a unit
 * {@code <out>/tiles/<first>-<last>/} of a {@link ResultStore} stamped with the run's provenance; a
 * rerun of the same recipe skips the saved tiles (a damaged batch folder is deleted and explained
 * again, a killed run's temporaries removed), and one of another recipe throws
 * {@link OtherRecipeException} without deleting anything. When every tile is done the
 * section's folder is written into {@code <out>} ({@link ExplanationFolder#writeFiles}) and
 * {@code tiles/} removed. Tiles are blended in tile order whatever was saved when, so a resumed run
 * gives bit-identical results. The provenance is the tiles' (explainer, options, background,
 * players, model) plus the section's: {@code section_fingerprint}, {@code section_shape},
 * {@code section_tile}, {@code section_stride}, {@code section_taper}, {@code section_tiles}.
 *
 * <p>The instance is immutable and thread-safe.
 */
public final class SectionExplainer {
    /** The folder of the saved tile batches inside an output folder. */
    public static final String TILES = "tiles";
    /** The name of a tile batch unit: {@code <first>-<last>} (tile numbers). */
    private static final Pattern BATCH = Pattern.compile("(\\d+)-(\\d+)");
    /** Tiles per streamed batch by default. */
    public static final int DEFAULT_TILES_PER_BATCH = 16;

    private final Model model;
    private final ExplanationOptions options;
    private final int tileHeight;
    private final int tileWidth;
    private final int strideRows;
    private final int strideColumns;
    private final Taper taper;
    private final int tilesPerBatch;
    private final UnaryOperator<Provenance> recipe;
    private final TileProgress progress;

    private SectionExplainer(Builder b) {
        this.model = b.model;
        this.options = b.options;
        this.tileHeight = b.tileHeight;
        this.tileWidth = b.tileWidth;
        this.strideRows = b.strideRows > 0 ? b.strideRows : b.tileHeight;
        this.strideColumns = b.strideColumns > 0 ? b.strideColumns : b.tileWidth;
        this.taper = b.taper;
        this.tilesPerBatch = b.tilesPerBatch;
        this.recipe = b.recipe;
        this.progress = b.progress;
    }

    /**
     * A builder for {@code model} with these options (players, background of tiles, estimator,
     * budget, seeds, threads, additivity tolerance); the tile size is required.
     */
    public static Builder builder(Model model, ExplanationOptions options) {
        return new Builder(model, options);
    }

    /** Told after every batch of tiles explained or found saved. */
    @FunctionalInterface
    public interface TileProgress {
        /**
         * @param done  tiles blended so far
         * @param total tiles of the section
         */
        void tiles(int done, int total);
    }

    /**
     * What a run did.
     *
     * @param explanation the section's explanation: one image with the section's id and input
     * @param grid        the tiles
     * @param explained   tiles explained by this run
     * @param skipped     tiles found saved by an earlier run (all of them when the section was done)
     * @param redone      damaged tile batch folders deleted and explained again
     */
    public record Result(Explanations explanation, TileGrid grid, int explained, int skipped, int redone) {
        /** The largest |base + contributions - prediction| over the section. */
        public double maxAbsResidual() {
            return explanation.maxAbsResidual();
        }
    }

    /** The tile grid over a section of this shape. */
    public TileGrid grid(ImageShape section) {
        return TileGrid.of(section, tileHeight, tileWidth, strideRows, strideColumns);
    }

    /**
     * The provenance explaining {@code section} records (with the date of now); nothing is explained.
     *
     * @throws IllegalArgumentException for a section smaller than a tile, a background of another
     *                                  shape, players that do not fit
     */
    public Provenance provenanceFor(Image section) {
        return plan(section).provenance;
    }

    /**
     * Explains {@code section} in memory (nothing saved).
     *
     * @param id      the section's id in the result, e.g. {@code "section"} or an inline number
     * @param section the section {@code [C, H, W]}
     * @throws IllegalArgumentException for the bad inputs of {@link #provenanceFor} and of
     *                                  {@link ImageExplainer}
     * @throws io.github.segshap.core.explanation.AdditivityException when the blended maps do not add up
     */
    public Result explain(String id, Image section) {
        return run(id, section, plan(section), null);
    }

    /**
     * Explains {@code section} into the folder {@code out}, resumably: see the class comment. When
     * {@code out} already holds this recipe's explanation of the section, it is read, not made again.
     *
     * @throws OtherRecipeException when {@code out} or a tile folder holds another recipe's explanations
     * @throws java.io.UncheckedIOException naming the folder when it cannot be written
     */
    public Result explainInto(String id, Image section, Path out) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(out, "out");
        Path dir = out.toAbsolutePath().normalize();
        Plan plan = plan(section);
        if (ExplanationFolder.exists(dir)) {
            Result done = finished(id, dir, plan);
            if (done != null) {
                return done;
            }
        }
        Result r = run(id, section, plan, dir);
        ExplanationFolder.writeFiles(r.explanation(), dir);
        tileStore(dir).clear();
        return r;
    }

    private Result finished(String id, Path dir, Plan plan) {
        Provenance found;
        try {
            found = ExplanationFolder.readProvenance(dir).orElse(null);
        } catch (CorruptFolderException e) {
            return null;
        }
        if (found == null || !found.sameRecipe(plan.provenance)) {
            throw OtherRecipeException.of(dir, found, plan.provenance);
        }
        try {
            Explanations e = ExplanationFolder.read(dir);
            if (e.size() == 1 && e.id(0).equals(id)) {
                progress.tiles(plan.grid.size(), plan.grid.size());
                return new Result(e, plan.grid, 0, plan.grid.size(), 0);
            }
            throw new OtherRecipeException(dir, List.of("ids " + e.ids() + ", not [" + id + "]"));
        } catch (CorruptFolderException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- the run

    /** The grid, the tile options (background fixed), the facade and the provenance of one section. */
    private record Plan(TileGrid grid, ImageExplainer explainer, Provenance provenance) {
    }

    private Plan plan(Image section) {
        Objects.requireNonNull(section, "section");
        TileGrid grid = grid(section.shape());
        List<Image> tiles = tiles(grid, section, 0, grid.size());
        ExplanationOptions.Builder o = options.toBuilder().keepInputs(false);
        if (options.background().given().isEmpty()) {
            List<String> tileIds = java.util.stream.IntStream.range(0, grid.size()).mapToObj(i -> "tile " + i).toList();
            BackgroundDraw.Drawn drawn = BackgroundDraw.draw(tileIds, tiles, options.background().size(),
                    options.background().seed(), null);
            o.background(drawn.ids(), drawn.rows());
        }
        ImageExplainer explainer = ImageExplainer.of(model, o.build());
        Provenance p = explainer.provenanceFor(List.of("0"), List.of(tiles.get(0))).toBuilder()
                .extra("section_fingerprint", Fingerprint.ofImages(List.of(section)))
                .extra("section_shape", section.shape().toString())
                .extra("section_tile", tileHeight + "x" + tileWidth)
                .extra("section_stride", strideRows + "x" + strideColumns)
                .extra("section_taper", taper.description())
                .extra("section_tiles", grid.tileRows() + "x" + grid.tileColumns())
                .build();
        return new Plan(grid, explainer, recipe.apply(p));
    }

    private Result run(String id, Image section, Plan plan, Path out) {
        Objects.requireNonNull(id, "id");
        TileGrid grid = plan.grid;
        int total = grid.size();
        ResultStore store = out == null ? null : tileStore(out);
        ResultStore.Scan scan = store == null ? null : store.scan(unit -> plan.provenance);
        List<int[]> saved = scan == null ? List.of() : savedBatches(store, scan.done(), total);
        TileBlend blend = new TileBlend(grid, taper);
        int explained = 0;
        int skipped = 0;
        int next = 0;
        int s = 0;
        while (next < total) {
            if (s < saved.size() && saved.get(s)[0] == next) {
                int[] d = saved.get(s++);
                addAll(blend, grid, d[0], store.read(d[0] + "-" + d[1]));
                skipped += d[1] - d[0] + 1;
                next = d[1] + 1;
                progress.tiles(next, total);
                continue;
            }
            int end = s < saved.size() ? saved.get(s)[0] : total;
            explainTiles(plan, section, next, end, store, blend);
            explained += end - next;
            next = end;
        }
        Explanation blended = blend.result();
        if (options.additivity().enabled()) {
            double scale = 1;
            for (double v : blended.outputs()) {
                scale = Math.max(scale, Math.abs(v));
            }
            blended.checkAdditivity(options.additivity().tolerance() * scale);
        }
        Explanations result = Explanations.of(List.of(id), options.keepInputs() ? List.of(section) : List.of(),
                List.of(blended), section.shape(),
                plan.provenance);
        return new Result(result, grid, explained, skipped, scan == null ? 0 : scan.damaged().size());
    }

    /** The store of the tile batches in {@code out}: units {@code <first>-<last>} holding that many tiles. */
    private static ResultStore tileStore(Path out) {
        return ResultStore.at(out.resolve(TILES)).named(BATCH).validated((unit, read) -> {
            int[] r = range(unit);
            return read.size() == r[1] - r[0] + 1 ? null
                    : read.size() + " tiles in a folder named for " + (r[1] - r[0] + 1);
        });
    }

    private static int[] range(String unit) {
        Matcher m = BATCH.matcher(unit);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a tile batch: " + unit);
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    /** The saved batches {first, last} by first tile, checked to lie within the grid and not to overlap. */
    private static List<int[]> savedBatches(ResultStore store, List<String> done, int tiles) {
        List<int[]> found = new ArrayList<>();
        for (String unit : done) {
            int[] r = range(unit);
            if (r[0] > r[1] || r[1] >= tiles) {
                throw new OtherRecipeException(store.folder(unit), List.of("tiles " + unit + " of " + tiles));
            }
            found.add(r);
        }
        found.sort((a, b) -> Integer.compare(a[0], b[0]));
        for (int i = 1; i < found.size(); i++) {
            if (found.get(i)[0] <= found.get(i - 1)[1]) {
                throw new IllegalStateException("tile folders " + found.get(i - 1)[0] + "-" + found.get(i - 1)[1]
                        + " and " + found.get(i)[0] + "-" + found.get(i)[1] + " in " + store.dir()
                        + " overlap; delete " + store.dir() + " to start over");
            }
        }
        return found;
    }

    /** Explains tiles {@code from..to-1} a batch at a time, saving and blending each batch. */
    private void explainTiles(Plan plan, Image section, int from, int to, ResultStore store, TileBlend blend) {
        List<String> ids = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            ids.add(Integer.toString(i));
        }
        int[] first = {from};
        plan.explainer.explain(ids, tiles(plan.grid, section, from, to), tilesPerBatch, batch -> {
            Explanations stamped = batch.withProvenance(plan.provenance);
            if (store != null) {
                store.put(first[0] + "-" + (first[0] + stamped.size() - 1), stamped);
            }
            addAll(blend, plan.grid, first[0], stamped);
            first[0] += batch.size();
            progress.tiles(first[0], plan.grid.size());
        });
    }

    private static void addAll(TileBlend blend, TileGrid grid, int first, Explanations batch) {
        for (int i = 0; i < batch.size(); i++) {
            blend.add(grid.tile(first + i), batch.get(i));
        }
    }

    /** Tiles {@code from..to-1}, cut from the section when asked for. */
    private static List<Image> tiles(TileGrid grid, Image section, int from, int to) {
        return new AbstractList<>() {
            @Override
            public Image get(int i) {
                Objects.checkIndex(i, to - from);
                return grid.cut(section, grid.tile(from + i));
            }

            @Override
            public int size() {
                return to - from;
            }
        };
    }

    /** Builder of {@link SectionExplainer}; options are copied at {@link #build()}. */
    public static final class Builder {
        private final Model model;
        private final ExplanationOptions options;
        private int tileHeight;
        private int tileWidth;
        private int strideRows;
        private int strideColumns;
        private Taper taper = Taper.defaults();
        private int tilesPerBatch = DEFAULT_TILES_PER_BATCH;
        private UnaryOperator<Provenance> recipe = UnaryOperator.identity();
        private TileProgress progress = (done, total) -> { };

        private Builder(Model model, ExplanationOptions options) {
            this.model = Objects.requireNonNull(model, "model");
            this.options = Objects.requireNonNull(options, "options");
        }

        /** The tile size (the model's input size); required. */
        public Builder tile(int height, int width) {
            if (height < 1 || width < 1) {
                throw new IllegalArgumentException("tile size must be positive, got " + height + "x" + width);
            }
            this.tileHeight = height;
            this.tileWidth = width;
            return this;
        }

        /** The stride between tile origins, at most the tile size; default the tile size (no overlap). */
        public Builder stride(int rows, int columns) {
            if (rows < 1 || columns < 1) {
                throw new IllegalArgumentException("stride must be positive, got " + rows + "x" + columns);
            }
            this.strideRows = rows;
            this.strideColumns = columns;
            return this;
        }

        /** The blend weights; default {@link Taper#defaults()}. */
        public Builder taper(Taper taper) {
            this.taper = Objects.requireNonNull(taper, "taper");
            return this;
        }

        /** Tiles explained (and saved) per batch; default {@value SectionExplainer#DEFAULT_TILES_PER_BATCH}. */
        public Builder tilesPerBatch(int tiles) {
            if (tiles < 1) {
                throw new IllegalArgumentException("tiles per batch must be at least 1, got " + tiles);
            }
            this.tilesPerBatch = tiles;
            return this;
        }

        /** Completes the provenance (e.g. padding, file fingerprints); part of the recipe a rerun must match. */
        public Builder recipe(UnaryOperator<Provenance> recipe) {
            this.recipe = Objects.requireNonNull(recipe, "recipe");
            return this;
        }

        /** Told after every batch of tiles; default nobody. */
        public Builder progress(TileProgress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * The explainer.
         *
         * @throws IllegalStateException when no tile size was given
         * @throws IllegalArgumentException when the stride exceeds the tile
         */
        public SectionExplainer build() {
            if (tileHeight < 1) {
                throw new IllegalStateException("give the tile size: builder.tile(height, width)");
            }
            if (strideRows > tileHeight || strideColumns > tileWidth) {
                throw new IllegalArgumentException("stride " + strideRows + "x" + strideColumns + " is larger than "
                        + "the tile " + tileHeight + "x" + tileWidth + ": samples between tiles would be left out");
            }
            return new SectionExplainer(this);
        }
    }
}
