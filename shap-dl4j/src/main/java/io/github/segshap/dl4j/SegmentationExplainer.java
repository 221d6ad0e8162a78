package io.github.segshap.dl4j;

import io.github.segshap.core.evaluation.ProgressListener;
import io.github.segshap.core.explainers.ExactExplainer;
import io.github.segshap.core.explainers.Explainer;
import io.github.segshap.core.explainers.ExplainerBuilder;
import io.github.segshap.core.explainers.KernelExplainer;
import io.github.segshap.core.explainers.PartitionExplainer;
import io.github.segshap.core.explainers.PermutationExplainer;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.masking.BackgroundMasker;
import io.github.segshap.core.masking.Masker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.players.ChannelGroups;
import io.github.segshap.core.players.PixelRegions;
import io.github.segshap.core.players.Players;
import io.github.segshap.dl4j.images.Images;
import io.github.segshap.dl4j.model.Dl4jModel;
import io.github.segshap.dl4j.results.SegmentationExplanation;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Explains a segmentation model's predicted maps in one line:
 * <pre>{@code
 * List<SegmentationExplanation> maps = SegmentationExplainer.explain(network, images);
 * double[][] channel2 = maps.get(0).contributionMap(2);   // channel 2's share of every pixel
 * }</pre>
 * For every image: a base-value map, one contribution map per player and the prediction map, which
 * add up ({@code base + sum of contributions = prediction}) at every pixel.
 *
 * <p><b>Defaults</b> (each can be changed on the {@link #builder(NeuralNetwork) builder}):
 * <ul>
 *   <li>players: one per input channel, named {@code channel 0 .. channel C-1};</li>
 *   <li>masker: interventional, with a background of up to {@value #DEFAULT_BACKGROUND_SIZE}
 *       images drawn without replacement from the images given (all of them when there are at
 *       most 100), seed {@value #DEFAULT_BACKGROUND_SEED}; an absent channel takes each background
 *       image's values in turn and the outputs are averaged;</li>
 *   <li>explainer: {@link Method#AUTO}, i.e. exact Shapley values (all 2^M coalitions) while
 *       M &lt;= {@value #EXACT_MAX_PLAYERS} players, the Kernel explainer with its default budget
 *       ({@code 2M + 2050} coalitions) above;</li>
 *   <li>additivity checked for every image (tolerance 1e-6 relative to the largest output);</li>
 *   <li>model calls: as many threads as processors, batches of masked images sized by the model's
 *       own memory budget ({@link Model#memoryBudget()}; a {@link Dl4jModel}'s counts its
 *       activations, 128 MiB by default), seed 42 for sampling explainers.</li>
 * </ul>
 * DL4J networks are wrapped with {@link Dl4jModel#of}; pass a {@link Dl4jModel} built by hand for
 * other options (NHWC input, output index, memory budget, replicas).
 *
 * <p><b>Errors</b> (all {@link IllegalArgumentException}s naming the problem): an empty image list;
 * images of different shapes; NaN or infinite pixels; a background of another shape; a channel
 * count or image size the network cannot take
 * ({@link io.github.segshap.dl4j.model.IncompatibleInputException}, suggesting a padded size);
 * a single image without a background (every contribution would be zero).
 */
public final class SegmentationExplainer {
    /** Most background images drawn from the explained images by default. */
    public static final int DEFAULT_BACKGROUND_SIZE = 100;
    /** Seed of the default background draw. */
    public static final long DEFAULT_BACKGROUND_SEED = 42;
    /** Largest player count {@link Method#AUTO} explains exactly. */
    public static final int EXACT_MAX_PLAYERS = 10;

    /** Which Shapley estimator to use. */
    public enum Method {
        /** Exact while M &lt;= {@value SegmentationExplainer#EXACT_MAX_PLAYERS}, Kernel above. */
        AUTO,
        /** All 2^M coalitions (exact Shapley values). */
        EXACT,
        /** Kernel SHAP regression on a budget of coalitions (see {@link Builder#budget(long)}). */
        KERNEL,
        /** Owen values over a hierarchy clustered on the background (exact Shapley for flat trees). */
        PARTITION,
        /** Antithetic permutation sampling (budget = permutation pairs). */
        PERMUTATION
    }

    private final Builder options;

    private SegmentationExplainer(Builder options) {
        this.options = options;
    }

    // ---------------------------------------------------------------- one-liners

    /** Explains every image with the defaults (see the class comment). */
    public static List<SegmentationExplanation> explain(NeuralNetwork network, List<Image> images) {
        return builder(network).build().explain(images);
    }

    /** Explains every image of an {@code [N, C, H, W]} array with the defaults. */
    public static List<SegmentationExplanation> explain(NeuralNetwork network, INDArray images) {
        return builder(network).build().explain(images);
    }

    /** Explains every image of a {@code [image][channel][row][column]} array with the defaults. */
    public static List<SegmentationExplanation> explain(NeuralNetwork network, float[][][][] images) {
        return builder(network).build().explain(images);
    }

    /** Explains every image for any shap-core model with the defaults. */
    public static List<SegmentationExplanation> explain(Model model, List<Image> images) {
        return builder(model).build().explain(images);
    }

    /** Explains every image of an {@code [N, C, H, W]} array for any shap-core model. */
    public static List<SegmentationExplanation> explain(Model model, INDArray images) {
        return builder(model).build().explain(images);
    }

    /** Explains every image of a {@code [image][channel][row][column]} array for any shap-core model. */
    public static List<SegmentationExplanation> explain(Model model, float[][][][] images) {
        return builder(model).build().explain(images);
    }

    /** A builder for a {@code ComputationGraph} or {@code MultiLayerNetwork}. */
    public static Builder builder(NeuralNetwork network) {
        return new Builder(Dl4jModel.of(network));
    }

    /** A builder for any shap-core model (e.g. a configured {@link Dl4jModel}). */
    public static Builder builder(Model model) {
        return new Builder(model);
    }

    // ---------------------------------------------------------------- explaining

    /** Explains images given as an {@code [N, C, H, W]} array. */
    public List<SegmentationExplanation> explain(INDArray images) {
        return explain(Images.fromNchw(images));
    }

    /** Explains images given as {@code [image][channel][row][column]}. */
    public List<SegmentationExplanation> explain(float[][][][] images) {
        return explain(Images.of(images));
    }

    /** Explains one image; needs a background or masker on the builder. */
    public SegmentationExplanation explain(Image image) {
        return explain(List.of(image)).get(0);
    }

    /**
     * Explains every image, in order.
     *
     * @throws IllegalArgumentException for the bad inputs listed in the class comment
     * @throws io.github.segshap.core.explanation.AdditivityException when the check is on and fails
     */
    public List<SegmentationExplanation> explain(List<Image> images) {
        Explainer explainer = explainerFor(images);
        ImageShape shape = images.get(0).shape();
        List<SegmentationExplanation> out = new ArrayList<>(images.size());
        for (Explanation e : explainer.explainAll(images)) {
            out.add(new SegmentationExplanation(e, shape));
        }
        return out;
    }

    /**
     * The shap-core explainer these options make for these images (players, masker and estimator
     * resolved), after every input check. For advanced use; {@link #explain(List)} calls it.
     */
    public Explainer explainerFor(List<Image> images) {
        if (images == null || images.isEmpty()) {
            throw new IllegalArgumentException("no images to explain: the list is empty");
        }
        ImageShape shape = Images.requireOneShape(images);
        if (options.model instanceof Dl4jModel dl4j) {
            dl4j.requireCompatible(shape);
        }
        Players players = players(shape);
        Masker masker = masker(shape, images);
        Method method = options.method;
        if (method == Method.AUTO) {
            method = players.count() <= EXACT_MAX_PLAYERS ? Method.EXACT : Method.KERNEL;
        }
        return switch (method) {
            case EXACT -> configure(ExactExplainer.builder(options.model, players, masker)
                    .maxPlayers(Math.min(ExactExplainer.HARD_LIMIT, Math.max(20, players.count())))).build();
            case KERNEL -> {
                KernelExplainer.Builder b = KernelExplainer.builder(options.model, players, masker);
                if (options.budget > 0) {
                    b.budget(options.budget);
                }
                yield configure(b).build();
            }
            case PARTITION -> configure(PartitionExplainer.builder(options.model, players, masker)
                    .clusterOn(backgroundFor(shape, images))).build();
            case PERMUTATION -> {
                PermutationExplainer.Builder b = PermutationExplainer.builder(options.model, players, masker);
                if (options.budget > 0) {
                    b.permutations(Math.toIntExact(options.budget));
                }
                yield configure(b).build();
            }
            case AUTO -> throw new AssertionError();
        };
    }

    private <B extends ExplainerBuilder<B>> B configure(B b) {
        if (options.batchBytes > 0) {
            b.batchBytes(options.batchBytes);
        }
        b.threads(options.threads).progress(options.progress).seed(options.seed)
                .additivityTolerance(options.additivityTolerance).checkAdditivity(options.checkAdditivity);
        return b;
    }

    private Players players(ImageShape shape) {
        if (options.players != null) {
            shape.requireSame(options.players.imageShape(), "the players' image");
            return options.players;
        }
        ChannelGroups groups = null;
        if (options.groups != null) {
            groups = ChannelGroups.of(options.groups, options.groupNames);
        } else if (options.channelNames != null) {
            if (options.channelNames.size() != shape.channels()) {
                throw new IllegalArgumentException(options.channelNames.size() + " channel names "
                        + options.channelNames + " for images with " + shape.channels() + " channels");
            }
            groups = ChannelGroups.perChannel(options.channelNames);
        }
        if (options.patchRows > 0) {
            PixelRegions patches = PixelRegions.grid(shape.height(), shape.width(), options.patchRows,
                    options.patchColumns);
            return groups == null ? Players.of(shape, patches) : Players.of(shape, groups, patches);
        }
        return groups == null ? Players.perChannel(shape) : Players.of(shape, groups);
    }

    private Masker masker(ImageShape shape, List<Image> images) {
        if (options.masker != null) {
            return options.masker;
        }
        return BackgroundMasker.of(backgroundFor(shape, images));
    }

    private List<Image> backgroundFor(ImageShape shape, List<Image> images) {
        if (options.background != null) {
            for (int i = 0; i < options.background.size(); i++) {
                ImageShape b = options.background.get(i).shape();
                if (!b.equals(shape)) {
                    throw new IllegalArgumentException("background image " + i + " has shape " + b
                            + " but the explained images have shape " + shape);
                }
            }
            return options.background;
        }
        if (images.size() < 2) {
            throw new IllegalArgumentException("one image and no background: the default background is drawn from "
                    + "the images explained, so every contribution would be zero; give a background with "
                    + "builder.background(...) or explain several images together");
        }
        return drawBackground(images, options.backgroundSize, options.backgroundSeed);
    }

    /**
     * The default background: all images when there are at most {@code size}, otherwise
     * {@code size} of them drawn without replacement (seeded), in their original order.
     */
    public static List<Image> drawBackground(List<Image> images, int size, long seed) {
        if (images.size() <= size) {
            return List.copyOf(images);
        }
        List<Integer> idx = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            idx.add(i);
        }
        Collections.shuffle(idx, new Random(seed));
        List<Integer> chosen = new ArrayList<>(idx.subList(0, size));
        Collections.sort(chosen);
        List<Image> out = new ArrayList<>(size);
        for (int i : chosen) {
            out.add(images.get(i));
        }
        return out;
    }

    /** Options of a {@link SegmentationExplainer}; every one has the default in the class comment. */
    public static final class Builder {
        private final Model model;
        private List<String> channelNames;
        private int[][] groups;
        private List<String> groupNames;
        private int patchRows;
        private int patchColumns;
        private Players players;
        private List<Image> background;
        private int backgroundSize = DEFAULT_BACKGROUND_SIZE;
        private long backgroundSeed = DEFAULT_BACKGROUND_SEED;
        private Masker masker;
        private Method method = Method.AUTO;
        private long budget;
        private long seed = 42;
        private int threads = Runtime.getRuntime().availableProcessors();
        /** 0: batches follow the model's memory budget. */
        private long batchBytes;
        private ProgressListener progress = ProgressListener.NONE;
        private double additivityTolerance = 1e-6;
        private boolean checkAdditivity = true;

        private Builder(Model model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /** Names of the input channels (one player each); default {@code channel 0 .. channel C-1}. */
        public Builder channelNames(List<String> names) {
            this.channelNames = List.copyOf(names);
            return this;
        }

        /** Names of the input channels (one player each). */
        public Builder channelNames(String... names) {
            return channelNames(List.of(names));
        }

        /** Players that are groups of channels: {@code groups[g]} lists group g's channels. */
        public Builder channelGroups(int[][] groups, List<String> names) {
            this.groups = groups.clone();
            this.groupNames = List.copyOf(names);
            return this;
        }

        /**
         * Spatial players: a {@code rows x columns} grid of patches (all channels of a patch together,
         * or one player per channel group and patch with {@link #channelGroups}).
         */
        public Builder patches(int rows, int columns) {
            if (rows < 1 || columns < 1) {
                throw new IllegalArgumentException("patch grid must be at least 1x1, got " + rows + "x" + columns);
            }
            this.patchRows = rows;
            this.patchColumns = columns;
            return this;
        }

        /** Any players (overrides channel names, groups and patches). */
        public Builder players(Players players) {
            this.players = Objects.requireNonNull(players, "players");
            return this;
        }

        /** The background images (all used, equally weighted); default drawn from the explained images. */
        public Builder background(List<Image> background) {
            if (background.isEmpty()) {
                throw new IllegalArgumentException("the background is empty: give at least one image");
            }
            this.background = List.copyOf(background);
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

        /** Most images of the default background; default {@value #DEFAULT_BACKGROUND_SIZE}. */
        public Builder backgroundSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("background size must be at least 1, got " + size);
            }
            this.backgroundSize = size;
            return this;
        }

        /** Seed of the default background draw; default {@value #DEFAULT_BACKGROUND_SEED}. */
        public Builder backgroundSeed(long seed) {
            this.backgroundSeed = seed;
            return this;
        }

        /** Any masker (e.g. {@code BaselineMasker.zeros()}, {@code BlurMasker}); overrides the background. */
        public Builder masker(Masker masker) {
            this.masker = Objects.requireNonNull(masker, "masker");
            return this;
        }

        /** The estimator; default {@link Method#AUTO}. */
        public Builder method(Method method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /** Coalitions per image for Kernel, permutation pairs for Permutation; 0 = their defaults. */
        public Builder budget(long budget) {
            if (budget < 0) {
                throw new IllegalArgumentException("budget must be >= 0, got " + budget);
            }
            this.budget = budget;
            return this;
        }

        /** Seed of the sampling explainers; default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Threads calling the model; default one per processor. Results do not depend on it. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Overrides the model's memory budget for one batch of masked images and their outputs;
         * default none (the model's {@link Model#memoryBudget()}).
         */
        public Builder batchBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("batch memory budget must be positive, got " + bytes);
            }
            this.batchBytes = bytes;
            return this;
        }

        /** Where progress goes; default nowhere. */
        public Builder progress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** Tolerance of the additivity check relative to {@code max(1, max |output|)}; default 1e-6. */
        public Builder additivityTolerance(double tolerance) {
            if (!(tolerance >= 0)) {
                throw new IllegalArgumentException("additivity tolerance must be >= 0, got " + tolerance);
            }
            this.additivityTolerance = tolerance;
            return this;
        }

        /** Whether every explanation is checked for additivity; default true. */
        public Builder checkAdditivity(boolean check) {
            this.checkAdditivity = check;
            return this;
        }

        /** The explainer. */
        public SegmentationExplainer build() {
            return new SegmentationExplainer(this);
        }
    }
}
