package io.github.segshap.dl4j;

import io.github.segshap.core.model.IncompatibleInputException;
import io.github.segshap.core.evaluation.ProgressListener;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.masking.Masker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.players.Players;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.segmentation.ExplanationOptions.Method;
import io.github.segshap.core.segmentation.ImageExplainer;
import io.github.segshap.dl4j.images.Images;
import io.github.segshap.dl4j.model.Dl4jModel;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Explains a Deeplearning4j segmentation model's predicted maps in one line:
 * <pre>{@code
 * Explanations maps = SegmentationExplainer.explain(network, images);
 * double[][] channel2 = maps.contributionMap(0, 2, 0);   // image 0: channel 2's share of every pixel
 * ExplanationFolder.write(maps, outDir);                   // NumPy arrays + provenance
 * }</pre>
 * The DL4J convenience over shap-core's model-agnostic {@link ImageExplainer}: networks are wrapped
 * with {@link Dl4jModel#of}, {@code INDArray} and {@code float[][][][]} images are converted with
 * {@link Images} (NaN or infinite pixels are named with their image, channel, row and column), and
 * the images are checked against what the network takes before anything is explained. For every
 * image: a base-value map, one contribution map per player and the prediction map, which add up
 * ({@code base + sum of contributions = prediction}) at every pixel, and the
 * {@link io.github.segshap.core.provenance.Provenance} that made them.
 *
 * <p><b>Defaults</b> are {@link ExplanationOptions}'s (one player per channel; a background of up
 * to 100 of the images, seed 42; exact Shapley values up to 10 players and Kernel SHAP above; seed
 * 42; additivity checked; one thread per processor); the {@link #builder(NeuralNetwork) builder}
 * changes any of them and copies them at {@link Builder#build()}, so changing the builder later never
 * changes a built explainer. Pass a {@link Dl4jModel} built by hand for other model options (NHWC
 * input, output index, memory budget, replicas).
 *
 * <p><b>Errors</b> (all {@link IllegalArgumentException}s naming the problem): an empty image list;
 * images of different shapes; NaN or infinite pixels; a background of another shape; a channel
 * count or image size the network cannot take
 * ({@link io.github.segshap.core.model.IncompatibleInputException}, suggesting a padded size);
 * a single image without a background (every contribution would be zero).
 */
public final class SegmentationExplainer {
    private final Model model;
    private final ImageExplainer explainer;

    private SegmentationExplainer(Model model, ExplanationOptions options) {
        this.model = model;
        this.explainer = ImageExplainer.of(model, options);
    }

    // ---------------------------------------------------------------- one-liners

    /** Explains every image with the defaults (see the class comment). */
    public static Explanations explain(NeuralNetwork network, List<Image> images) {
        return builder(network).build().explain(images);
    }

    /** Explains every image of an {@code [N, C, H, W]} array with the defaults. */
    public static Explanations explain(NeuralNetwork network, INDArray images) {
        return builder(network).build().explain(images);
    }

    /** Explains every image of a {@code [image][channel][row][column]} array with the defaults. */
    public static Explanations explain(NeuralNetwork network, float[][][][] images) {
        return builder(network).build().explain(images);
    }

    /** Explains every image for any shap-core model with the defaults. */
    public static Explanations explain(Model model, List<Image> images) {
        return builder(model).build().explain(images);
    }

    /** Explains every image of an {@code [N, C, H, W]} array for any shap-core model. */
    public static Explanations explain(Model model, INDArray images) {
        return builder(model).build().explain(images);
    }

    /** Explains every image of a {@code [image][channel][row][column]} array for any shap-core model. */
    public static Explanations explain(Model model, float[][][][] images) {
        return builder(model).build().explain(images);
    }

    /** A builder for a {@code ComputationGraph} or {@code MultiLayerNetwork}. */
    public static Builder builder(NeuralNetwork network) {
        return builder(Dl4jModel.of(network)).model(describe(network), "");
    }

    /** A builder for any shap-core model (e.g. a configured {@link Dl4jModel}). */
    public static Builder builder(Model model) {
        return new Builder(model, ExplanationOptions.builder());
    }

    /** An explainer of a network with options made elsewhere (e.g. {@link ExplanationOptions#fromProvenance}). */
    public static SegmentationExplainer of(NeuralNetwork network, ExplanationOptions options) {
        return of(Dl4jModel.of(network), options);
    }

    /** An explainer of any shap-core model with options made elsewhere. */
    public static SegmentationExplainer of(Model model, ExplanationOptions options) {
        return new SegmentationExplainer(Objects.requireNonNull(model, "model"), options);
    }

    private static String describe(NeuralNetwork network) {
        INDArray params = network.params();
        return "DL4J " + network.getClass().getSimpleName() + ", " + (params == null ? 0 : params.length())
                + " parameters";
    }

    // ---------------------------------------------------------------- explaining

    /** The options, as copied at {@link Builder#build()}. */
    public ExplanationOptions options() {
        return explainer.options();
    }

    /** Explains images given as an {@code [N, C, H, W]} array. */
    public Explanations explain(INDArray images) {
        return explain(Images.fromNchw(images));
    }

    /** Explains images given as {@code [image][channel][row][column]}. */
    public Explanations explain(float[][][][] images) {
        return explain(Images.of(images));
    }

    /** Explains one image; needs a background or masker on the builder. */
    public Explanations explain(Image image) {
        return explain(List.of(image));
    }

    /**
     * Explains every image, in order, with ids {@code "0" .. "N-1"}.
     *
     * @throws IllegalArgumentException for the bad inputs listed in the class comment
     * @throws io.github.segshap.core.explanation.AdditivityException when the check is on and fails
     */
    public Explanations explain(List<Image> images) {
        requireCompatible(images);
        return explainer.explain(images);
    }

    /** Explains every image, in order, under the given ids (e.g. sample ids). */
    public Explanations explain(List<String> ids, List<Image> images) {
        requireCompatible(images);
        return explainer.explain(ids, images);
    }

    /**
     * Explains the images {@code batchSize} at a time and hands each batch's result to
     * {@code sink}; see {@link ImageExplainer#explain(List, List, int, Consumer)}. Only the first
     * image is checked against the network up front; the others must have its shape.
     */
    public void explain(List<String> ids, List<Image> images, int batchSize, Consumer<Explanations> sink) {
        if (images != null && !images.isEmpty() && model instanceof Dl4jModel dl4j) {
            dl4j.requireCompatible(images.get(0).shape());
        }
        explainer.explain(ids, images, batchSize, sink);
    }

    private void requireCompatible(List<Image> images) {
        if (images == null || images.isEmpty()) {
            throw new IllegalArgumentException("no images to explain: the list is empty");
        }
        ImageShape shape = Images.requireOneShape(images);
        if (model instanceof Dl4jModel dl4j) {
            dl4j.requireCompatible(shape);
        }
    }

    /**
     * Options of a {@link SegmentationExplainer}: shap-core's {@link ExplanationOptions.Builder}
     * plus DL4J array backgrounds; every option has the default of {@link ExplanationOptions}.
     */
    public static final class Builder {
        private final Model model;
        private final ExplanationOptions.Builder options;

        private Builder(Model model, ExplanationOptions.Builder options) {
            this.model = Objects.requireNonNull(model, "model");
            this.options = options;
        }

        /** Names of the input channels (one player each); default {@code channel 0 .. channel C-1}. */
        public Builder channelNames(List<String> names) {
            options.channelNames(names);
            return this;
        }

        /** Names of the input channels (one player each). */
        public Builder channelNames(String... names) {
            options.channelNames(names);
            return this;
        }

        /** Players that are groups of channels: {@code groups[g]} lists group g's channels. */
        public Builder channelGroups(int[][] groups, List<String> names) {
            options.channelGroups(groups, names);
            return this;
        }

        /** Spatial players: a {@code rows x columns} grid of patches. */
        public Builder patches(int rows, int columns) {
            options.patches(rows, columns);
            return this;
        }

        /** Any players (overrides channel names, groups and patches). */
        public Builder players(Players players) {
            options.players(players);
            return this;
        }

        /** The background images (all used, equally weighted); default drawn from the explained images. */
        public Builder background(List<Image> background) {
            options.background(background);
            return this;
        }

        /** The background images with their ids, recorded in the provenance. */
        public Builder background(List<String> ids, List<Image> background) {
            options.background(ids, background);
            return this;
        }

        /** The background as an {@code [N, C, H, W]} array. */
        public Builder background(INDArray background) {
            return background(Images.fromNchw(background));
        }

        /** The background as {@code [image][channel][row][column]}. */
        public Builder background(float[][][][] background) {
            return background(Images.of(background));
        }

        /** Most images of the default background; default 100. */
        public Builder backgroundSize(int size) {
            options.backgroundSize(size);
            return this;
        }

        /** Seed of the default background draw; default 42. */
        public Builder backgroundSeed(long seed) {
            options.backgroundSeed(seed);
            return this;
        }

        /** A weighted k-means summary of the background in at most {@code k} rows; default none. */
        public Builder backgroundSummary(int k) {
            options.backgroundSummary(k);
            return this;
        }

        /** Any masker (e.g. {@code BaselineMasker.zeros()}, {@code BlurMasker}); overrides the background. */
        public Builder masker(Masker masker) {
            options.masker(masker);
            return this;
        }

        /** The estimator; default {@link Method#AUTO}. */
        public Builder method(Method method) {
            options.method(method);
            return this;
        }

        /** Coalitions per image for Kernel, permutation pairs for Permutation; 0 = their defaults. */
        public Builder budget(long budget) {
            options.budget(budget);
            return this;
        }

        /** Seed of the sampling explainers; default 42. */
        public Builder seed(long seed) {
            options.seed(seed);
            return this;
        }

        /** Threads calling the model; default one per processor. Results do not depend on it. */
        public Builder threads(int threads) {
            options.threads(threads);
            return this;
        }

        /** Memory of one batch of masked images; default 128 MiB. */
        public Builder batchBytes(long bytes) {
            options.batchBytes(bytes);
            return this;
        }

        /** Where progress goes; default nowhere. */
        public Builder progress(ProgressListener progress) {
            options.progress(progress);
            return this;
        }

        /** Tolerance of the additivity check relative to {@code max(1, max |output|)}; default 1e-6. */
        public Builder additivityTolerance(double tolerance) {
            options.additivityTolerance(tolerance);
            return this;
        }

        /** Whether every explanation is checked for additivity; default true. */
        public Builder checkAdditivity(boolean check) {
            options.checkAdditivity(check);
            return this;
        }

        /** Whether the results keep the explained inputs; default true. */
        public Builder keepInputs(boolean keep) {
            options.keepInputs(keep);
            return this;
        }

        /** How the provenance describes the model and its file's fingerprint ("" for none). */
        public Builder model(String description, String fingerprint) {
            options.model(description, fingerprint);
            return this;
        }

        /** The explainer, with a copy of the options: later changes to this builder do not reach it. */
        public SegmentationExplainer build() {
            return new SegmentationExplainer(model, options.build());
        }
    }
}
