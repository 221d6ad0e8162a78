package io.github.segshap.salt.explain;

import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.store.OtherRecipeException;
import io.github.segshap.core.sections.SectionExplainer;
import io.github.segshap.core.segmentation.BackgroundDraw;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.segmentation.BackgroundSource;
import io.github.segshap.core.io.AtomicFiles;
import io.github.segshap.dl4j.model.Dl4jModel;
import io.github.segshap.report.ExplanationReport;
import io.github.segshap.salt.SaltDefaults;
import io.github.segshap.salt.prepare.PreparedData;
import io.github.segshap.salt.prepare.SectionPreparation;
import io.github.segshap.salt.prepare.SplitData;
import io.github.segshap.salt.prepare.data.SyntheticSection;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Explains a whole synthetic section with the trained U-Net by overlapping tiles: the
 * {@link SyntheticSection} of {@code tileRows x tileColumns} TGS tiles' worth is prepared as the
 * training images were ({@link SectionPreparation#prepare}: resampling, attributes, the training
 * set's power transform), cut into tiles of the model's training size with the given stride, each
 * tile explained with the four channel players and a background of training images (drawn by
 * {@link BackgroundDraw} with the seed, as {@link ExplanationStage} does), and the tiles blended by
 * shap-core's {@link SectionExplainer} into one explanation folder of the whole section, with its
 * figures and {@code report.html}. Resumable tile batch by tile batch; a folder of another recipe
 * (e.g. a new model) is explained again, saying why.
 */
public final class SectionStage {
    /** The section's id in its explanation folder. */
    public static final String SECTION_ID = "synthetic section";
    private static final Logger LOG = LoggerFactory.getLogger(SectionStage.class);

    private final Builder b;

    private SectionStage(Builder b) {
        this.b = b;
    }

    /**
     * A stage for this network and data, writing to {@code dir}.
     *
     * @param network the trained U-Net
     * @param data    the prepared data (resolution, transform, training background)
     * @param dir     the section's explanation folder
     * @param options shap-core's options (players, explainer, seeds, threads; e.g.
     *                {@code ExplainSettings.options(seed)}); the stage adds the background rows
     */
    public static Builder builder(NeuralNetwork network, PreparedData data, Path dir, ExplanationOptions options) {
        return new Builder(network, data, dir, options);
    }

    /** Explains the section (what is not done yet) and draws its report. */
    public SectionExplainer.Result run() {
        SplitData train = b.data.train();
        ImageShape tile = new ImageShape(train.channels(), train.height(), train.width());
        SyntheticSection raw = SyntheticSection.generate(b.tileRows, b.tileColumns, b.seed);
        Image section = SectionPreparation.prepare(raw.greyAsDoubles(), raw.height(), raw.width(), b.data);
        Dl4jModel adapter = Dl4jModel.of(b.network);
        ImageShape input = PaddedNetwork.inputFor(adapter, b.networkInput, tile);
        PaddedNetwork fitted = PaddedNetwork.of(adapter, tile, input);
        Model model = fitted.model();
        BackgroundDraw.Drawn bg = TrainingBackground.of(train.ids(), train::image, b.background,
                b.options.background().seed(), tile);
        ExplanationOptions options = b.options.toBuilder().background(bg.ids(), bg.rows())
                .model("salt U-Net taking " + input, b.modelKey).build();
        int strideRows = b.strideRows > 0 ? b.strideRows : (tile.height() * 5 + 7) / 8;
        int strideColumns = b.strideColumns > 0 ? b.strideColumns : (tile.width() * 5 + 7) / 8;
        if (strideRows > tile.height() || strideColumns > tile.width()) {
            throw new IllegalArgumentException("--stride " + strideRows + "," + strideColumns + " is larger than the "
                    + "model's tile " + tile.height() + "x" + tile.width() + ": samples between tiles would be left out");
        }
        SectionExplainer explainer = SectionExplainer.builder(model, options).tile(tile.height(), tile.width())
                .stride(strideRows, strideColumns).tilesPerBatch(b.tilesPerBatch)
                .recipe(p -> p.toBuilder()
                        .extra("section_source", "synthetic " + b.tileRows + "x" + b.tileColumns + " tiles, seed "
                                + b.seed)
                        .extra("data_fingerprint", Objects.toString(b.data.fingerprint(), "")).build())
                .progress((done, total) -> LOG.info("explain-section: {}/{} tiles", done, total))
                .build();
        LOG.info("explain-section: {} of {} raw samples prepared to {}, {}", SECTION_ID, raw.height() + "x"
                + raw.width(), section.shape(), explainer.grid(section.shape()));
        SectionExplainer.Result r;
        try {
            r = explainer.explainInto(SECTION_ID, section, b.dir);
        } catch (OtherRecipeException e) {
            LOG.info("explain-section: explained again: {} holds another recipe (differing: {})", e.folder(),
                    String.join(", ", e.differences()));
            delete(b.dir);
            r = explainer.explainInto(SECTION_ID, section, b.dir);
        }
        Explanations e = r.explanation();
        ExplanationReport.builder().title("Salt U-Net: channel contributions over a synthetic section")
                .paragraph("A synthetic section of " + b.tileRows + " x " + b.tileColumns + " TGS tiles' worth ("
                        + raw.height() + " x " + raw.width() + " raw samples, " + e.imageShape() + " prepared), "
                        + r.grid() + ", blended with a " + e.provenance().orElseThrow().extra().get("section_taper")
                        + " taper. Base + contributions = blended prediction, max |residual| "
                        + String.format(java.util.Locale.ROOT, "%.2g", r.maxAbsResidual()) + ".")
                .build().write(e, b.dir);
        return r;
    }

    private static void delete(Path dir) {
        try {
            AtomicFiles.deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Options of a {@link SectionStage}. */
    public static final class Builder {
        private final NeuralNetwork network;
        private final PreparedData data;
        private final Path dir;
        private ImageShape networkInput;
        private int tileRows = 3;
        private int tileColumns = 5;
        private int strideRows;
        private int strideColumns;
        private int tilesPerBatch = SectionExplainer.DEFAULT_TILES_PER_BATCH;
        private final ExplanationOptions options;
        private BackgroundSource background = BackgroundSource.drawn(ExplanationStage.DEFAULT_BACKGROUND);
        private long seed = SaltDefaults.SEED;
        private String modelKey = "";

        private Builder(NeuralNetwork network, PreparedData data, Path dir, ExplanationOptions options) {
            this.network = Objects.requireNonNull(network, "network");
            this.options = Objects.requireNonNull(options, "options");
            this.data = Objects.requireNonNull(data, "data");
            this.dir = dir.toAbsolutePath().normalize();
        }

        /** The padded shape the network takes (from training); default the adapter's. */
        public Builder networkInput(ImageShape shape) {
            this.networkInput = shape;
            return this;
        }

        /** The section's size in TGS tiles' worth; default 3 x 5. */
        public Builder tiles(int rows, int columns) {
            if (rows < 1 || columns < 1) {
                throw new IllegalArgumentException("a section of " + rows + " x " + columns + " tiles");
            }
            this.tileRows = rows;
            this.tileColumns = columns;
            return this;
        }

        /**
         * Samples between tile origins (at the model's size), at most the tile; default 5/8 of the tile,
         * rounded up.
         *
         * @param stride {@code {rows, columns}}, or null for the default
         */
        public Builder stride(int[] stride) {
            if (stride == null) {
                this.strideRows = 0;
                this.strideColumns = 0;
                return this;
            }
            if (stride.length != 2 || stride[0] < 1 || stride[1] < 1) {
                throw new IllegalArgumentException("stride must be {rows, columns}, both >= 1, got "
                        + java.util.Arrays.toString(stride));
            }
            this.strideRows = stride[0];
            this.strideColumns = stride[1];
            return this;
        }

        /** Tiles per batch (one resumable folder each). */
        public Builder tilesPerBatch(int tiles) {
            this.tilesPerBatch = tiles;
            return this;
        }

        /**
         * The background: training images drawn with the options' background seed, or a file of
         * rows ({@link TrainingBackground}); default {@value ExplanationStage#DEFAULT_BACKGROUND} drawn.
         */
        public Builder background(BackgroundSource source) {
            this.background = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Seed of the synthetic section; default {@value SaltDefaults#SEED}. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The model file's fingerprint. */
        public Builder modelKey(String key) {
            this.modelKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /** The stage. */
        public SectionStage build() {
            return new SectionStage(this);
        }
    }
}
