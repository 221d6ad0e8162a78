package io.github.segshap.core.segmentation;

import io.github.segshap.core.evaluation.ProgressListener;
import io.github.segshap.core.explainers.ExactExplainer;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.masking.Masker;
import io.github.segshap.core.players.Players;
import io.github.segshap.core.provenance.Provenance;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link ImageExplainer} does, as an immutable value: the players, the background, the
 * masker, the estimator and its budget and seed, the threads, the additivity check, whether the
 * explained inputs are kept, and how the model is described in the provenance. The
 * {@link Builder} copies everything at {@link Builder#build()}, so changing a builder later never
 * changes built options.
 *
 * <p><b>Defaults</b>, written once here:
 * <ul>
 *   <li>players: one per input channel, named {@code channel 0 .. channel C-1};</li>
 *   <li>masker: interventional, with a background of up to {@value #DEFAULT_BACKGROUND_SIZE}
 *       images drawn without replacement from the images explained ({@link BackgroundDraw}; all
 *       of them when there are at most that many), seed {@value #DEFAULT_BACKGROUND_SEED}; an
 *       absent player takes each background image's values in turn and the outputs are averaged;</li>
 *   <li>estimator: {@link Method#AUTO}: exact Shapley values (all 2^M coalitions) while
 *       M &lt;= {@value #EXACT_MAX_PLAYERS} players, the Kernel explainer with its default budget
 *       ({@code 2M + 2050} coalitions) above; sampling seed {@value #DEFAULT_SEED};</li>
 *   <li>additivity checked for every image, tolerance {@value #DEFAULT_ADDITIVITY_TOLERANCE}
 *       relative to {@code max(1, max |output|)};</li>
 *   <li>model calls: one thread per processor ({@link #defaultThreads()}), batches of 128 MiB of
 *       masked images;</li>
 *   <li>the explained inputs are kept in the result;</li>
 *   <li>no interaction maps ({@link Builder#interactions(boolean)}: M x M maps per image, exact
 *       explainer only).</li>
 * </ul>
 *
 * <p><b>Padding</b> is not an option: it is a decorator around the model
 * ({@link io.github.segshap.core.model.PaddedModel}), which records itself in the provenance.
 */
public final class ExplanationOptions {
    /** Most background images drawn from the explained images by default. */
    public static final int DEFAULT_BACKGROUND_SIZE = 100;
    /** Seed of the default background draw (and of a k-means summary). */
    public static final long DEFAULT_BACKGROUND_SEED = 42;
    /** Seed of the sampling estimators. */
    public static final long DEFAULT_SEED = 42;
    /** Largest player count {@link Method#AUTO} explains exactly. */
    public static final int EXACT_MAX_PLAYERS = 10;
    /** Tolerance of the additivity check, relative to {@code max(1, max |output|)}. */
    public static final double DEFAULT_ADDITIVITY_TOLERANCE = 1e-6;

    /** Which Shapley estimator to use. */
    public enum Method {
        /** Exact while M &lt;= {@value ExplanationOptions#EXACT_MAX_PLAYERS}, Kernel above. */
        AUTO,
        /** All 2^M coalitions (exact Shapley values). */
        EXACT,
        /** Kernel SHAP regression on a budget of coalitions (see {@link Builder#budget(long)}). */
        KERNEL,
        /** Owen values over a hierarchy clustered on the background (exact Shapley for flat trees). */
        PARTITION,
        /** Antithetic permutation sampling (budget = permutation pairs). */
        PERMUTATION;

        /** The name used in provenance and files, e.g. {@code exact}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The estimator used for {@code players} players: {@link #AUTO} resolves to {@link #EXACT}
         * while {@code players <= }{@value ExplanationOptions#EXACT_MAX_PLAYERS}, to {@link #KERNEL}
         * above; every other method is itself.
         */
        public Method resolve(int players) {
            if (this != AUTO) {
                return this;
            }
            return players <= EXACT_MAX_PLAYERS ? EXACT : KERNEL;
        }

        /**
         * The method of a label (any case), e.g. {@code kernel}.
         *
         * @throws IllegalArgumentException naming the label and the known ones
         */
        public static Method ofLabel(String label) {
            for (Method m : values()) {
                if (m.name().equalsIgnoreCase(label)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown explainer '" + label + "'; known: auto, exact, kernel, "
                    + "partition, permutation");
        }
    }

    private final List<String> channelNames;
    private final int[][] groups;
    private final List<String> groupNames;
    private final int patchRows;
    private final int patchColumns;
    private final Players players;
    private final List<Image> background;
    private final List<String> backgroundIds;
    private final int backgroundSize;
    private final long backgroundSeed;
    private final int backgroundSummary;
    private final Masker masker;
    private final Method method;
    private final long budget;
    private final long seed;
    private final int threads;
    private final long batchBytes;
    private final ProgressListener progress;
    private final boolean checkAdditivity;
    private final double additivityTolerance;
    private final boolean keepInputs;
    private final boolean interactions;
    private final String modelDescription;
    private final String modelFingerprint;
    private final Provenance recorded;

    private ExplanationOptions(Builder b) {
        this.channelNames = b.channelNames == null ? null : List.copyOf(b.channelNames);
        this.groups = b.groups == null ? null : deepCopy(b.groups);
        this.groupNames = b.groupNames == null ? null : List.copyOf(b.groupNames);
        this.patchRows = b.patchRows;
        this.patchColumns = b.patchColumns;
        this.players = b.players;
        this.background = b.background == null ? null : List.copyOf(b.background);
        this.backgroundIds = b.backgroundIds == null ? List.of() : List.copyOf(b.backgroundIds);
        this.backgroundSize = b.backgroundSize;
        this.backgroundSeed = b.backgroundSeed;
        this.backgroundSummary = b.backgroundSummary;
        this.masker = b.masker;
        this.method = b.method;
        this.budget = b.budget;
        this.seed = b.seed;
        this.threads = b.threads;
        this.batchBytes = b.batchBytes;
        this.progress = b.progress;
        this.checkAdditivity = b.checkAdditivity;
        this.additivityTolerance = b.additivityTolerance;
        this.keepInputs = b.keepInputs;
        this.interactions = b.interactions;
        this.modelDescription = b.modelDescription;
        this.modelFingerprint = b.modelFingerprint;
        this.recorded = b.recorded;
    }

    /** Options with every default (see the class comment). */
    public static ExplanationOptions defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** One thread per processor of this machine. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * A builder holding the options that made the explanations of {@code provenance}: the
     * estimator, budget and seed, the players, the background size, seed and summary, and the
     * model's description. With the same model and images (and, when the background was given,
     * the same rows given again with {@link Builder#background}; a masker or players given
     * explicitly given again too) they make the same numbers bit for bit. Before explaining, the
     * {@link ImageExplainer} checks that the recipe it is about to use is the recorded one
     * (background fingerprint, players, masker, explainer, budget, seeds, padding) and otherwise
     * throws an {@link IllegalArgumentException} naming each field that differs.
     *
     * @throws IllegalArgumentException when the recorded explainer or player definition is unknown
     */
    public static Builder fromProvenance(Provenance provenance) {
        Objects.requireNonNull(provenance, "provenance");
        Builder b = new Builder();
        String requested = provenance.explainerOptions().getOrDefault(Recipe.REQUESTED_METHOD,
                provenance.explainer());
        b.method(Method.ofLabel(requested));
        b.budget(provenance.budget());
        b.seed(provenance.seed());
        b.backgroundSeed(provenance.backgroundSeed());
        if (Recipe.DRAWN.equals(provenance.explainerOptions().get(Recipe.BACKGROUND))) {
            b.backgroundSize(provenance.backgroundSize());   // min(images, limit): draws the same rows again
        }
        String summary = provenance.explainerOptions().get(Recipe.BACKGROUND_SUMMARY);
        if (summary != null) {
            b.backgroundSummary(Integer.parseInt(summary));
        }
        b.interactions(Boolean.parseBoolean(provenance.explainerOptions().get(Recipe.INTERACTIONS)));
        Recipe.applyPlayerDefinition(provenance.playerDefinition(), provenance.players(), b);
        b.model(provenance.model(), provenance.modelFingerprint());
        b.recorded = provenance;
        return b;
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.channelNames = channelNames;
        b.groups = groups == null ? null : deepCopy(groups);
        b.groupNames = groupNames;
        b.patchRows = patchRows;
        b.patchColumns = patchColumns;
        b.players = players;
        b.background = background;
        b.backgroundIds = backgroundIds.isEmpty() ? null : backgroundIds;
        b.backgroundSize = backgroundSize;
        b.backgroundSeed = backgroundSeed;
        b.backgroundSummary = backgroundSummary;
        b.masker = masker;
        b.method = method;
        b.budget = budget;
        b.seed = seed;
        b.threads = threads;
        b.batchBytes = batchBytes;
        b.progress = progress;
        b.checkAdditivity = checkAdditivity;
        b.additivityTolerance = additivityTolerance;
        b.keepInputs = keepInputs;
        b.interactions = interactions;
        b.modelDescription = modelDescription;
        b.modelFingerprint = modelFingerprint;
        b.recorded = recorded;
        return b;
    }

    /** Why interaction maps cannot come from {@code explainer}. */
    static String interactionsNeedExact(String explainer) {
        return "interaction maps come from the values of all 2^M coalitions, which only the exact explainer "
                + "evaluates; the " + explainer + " explainer has none: use the exact explainer (at most "
                + ExactExplainer.HARD_LIMIT + " players) or leave interactions off";
    }

    private static int[][] deepCopy(int[][] a) {
        int[][] out = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    /** The input channels' names (one player each), when given. */
    public Optional<List<String>> channelNames() {
        return Optional.ofNullable(channelNames);
    }

    /** The channel groups ({@code groups[g]} lists group g's channels, a copy), when given. */
    public Optional<int[][]> channelGroups() {
        return Optional.ofNullable(groups == null ? null : deepCopy(groups));
    }

    /** The channel groups' names, when groups are given. */
    public Optional<List<String>> channelGroupNames() {
        return Optional.ofNullable(groupNames);
    }

    /** Rows of the patch grid; 0 without patches. */
    public int patchRows() {
        return patchRows;
    }

    /** Columns of the patch grid; 0 without patches. */
    public int patchColumns() {
        return patchColumns;
    }

    /** Players given explicitly (they override names, groups and patches). */
    public Optional<Players> players() {
        return Optional.ofNullable(players);
    }

    /** Background rows given explicitly; empty for the default drawn from the explained images. */
    public Optional<List<Image>> background() {
        return Optional.ofNullable(background);
    }

    /** The given background rows' ids; empty when not given. */
    public List<String> backgroundIds() {
        return backgroundIds;
    }

    /** Most images of the background drawn from the explained images. */
    public int backgroundSize() {
        return backgroundSize;
    }

    /** Seed of the background draw and of the k-means summary. */
    public long backgroundSeed() {
        return backgroundSeed;
    }

    /** Rows of the weighted k-means summary of the background; 0 for no summary. */
    public int backgroundSummary() {
        return backgroundSummary;
    }

    /** A masker given explicitly (it overrides the background). */
    public Optional<Masker> masker() {
        return Optional.ofNullable(masker);
    }

    /** The estimator asked for. */
    public Method method() {
        return method;
    }

    /** Coalitions per image for Kernel, permutation pairs for Permutation; 0 for their defaults. */
    public long budget() {
        return budget;
    }

    /** Seed of the sampling estimators. */
    public long seed() {
        return seed;
    }

    /** Threads calling the model (results do not depend on it). */
    public int threads() {
        return threads;
    }

    /** Memory of one batch of masked images; 0 means the model's own {@code memoryBudget()}. */
    public long batchBytes() {
        return batchBytes;
    }

    /** Where progress goes. */
    public ProgressListener progress() {
        return progress;
    }

    /** Whether every explanation is checked for additivity. */
    public boolean checkAdditivity() {
        return checkAdditivity;
    }

    /** Tolerance of the additivity check relative to {@code max(1, max |output|)}. */
    public double additivityTolerance() {
        return additivityTolerance;
    }

    /** Whether the results keep the explained inputs. */
    public boolean keepInputs() {
        return keepInputs;
    }

    /**
     * Whether every explanation carries its pairwise interaction maps
     * ({@link io.github.segshap.core.explanation.Explanation#interactions()}).
     */
    public boolean interactions() {
        return interactions;
    }

    /** The model's description for the provenance, when given. */
    public Optional<String> modelDescription() {
        return Optional.ofNullable(modelDescription);
    }

    /** The fingerprint of the model's file for the provenance ("" when none). */
    public String modelFingerprint() {
        return modelFingerprint;
    }

    /** The provenance these options were re-created from ({@link #fromProvenance}), if any. */
    public Optional<Provenance> recorded() {
        return Optional.ofNullable(recorded);
    }

    @Override
    public String toString() {
        return "ExplanationOptions[method " + method.label() + ", budget " + budget + ", seed " + seed
                + ", background " + (masker != null ? "masker " + masker.getClass().getSimpleName()
                : background != null ? background.size() + " rows given"
                : "up to " + backgroundSize + " drawn, seed " + backgroundSeed)
                + (backgroundSummary > 0 ? ", k-means " + backgroundSummary : "")
                + (interactions ? ", interactions" : "") + ", threads " + threads + "]";
    }

    /** Builder of {@link ExplanationOptions}; every option has the default in the class comment. */
    public static final class Builder {
        private List<String> channelNames;
        private int[][] groups;
        private List<String> groupNames;
        private int patchRows;
        private int patchColumns;
        private Players players;
        private List<Image> background;
        private List<String> backgroundIds;
        private int backgroundSize = DEFAULT_BACKGROUND_SIZE;
        private long backgroundSeed = DEFAULT_BACKGROUND_SEED;
        private int backgroundSummary;
        private Masker masker;
        private Method method = Method.AUTO;
        private long budget;
        private long seed = DEFAULT_SEED;
        private int threads = defaultThreads();
        private long batchBytes;
        private ProgressListener progress = ProgressListener.NONE;
        private boolean checkAdditivity = true;
        private double additivityTolerance = DEFAULT_ADDITIVITY_TOLERANCE;
        private boolean keepInputs = true;
        private boolean interactions;
        private String modelDescription;
        private String modelFingerprint = "";
        private Provenance recorded;

        private Builder() {
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

        /** Players that are groups of channels: {@code groups[g]} lists group g's channels (copied). */
        public Builder channelGroups(int[][] groups, List<String> names) {
            this.groups = deepCopy(groups);
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

        /** The background rows (all used, equally weighted); default drawn from the explained images. */
        public Builder background(List<Image> background) {
            if (background.isEmpty()) {
                throw new IllegalArgumentException("the background is empty: give at least one image");
            }
            this.background = List.copyOf(background);
            this.backgroundIds = null;
            return this;
        }

        /** The background rows with their ids (recorded in the provenance, e.g. training sample ids). */
        public Builder background(List<String> ids, List<Image> background) {
            if (ids.size() != background.size()) {
                throw new IllegalArgumentException(ids.size() + " background ids for " + background.size()
                        + " background images");
            }
            background(background);
            this.backgroundIds = List.copyOf(ids);
            return this;
        }

        /** Most images of the default background; default {@value ExplanationOptions#DEFAULT_BACKGROUND_SIZE}. */
        public Builder backgroundSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("background size must be at least 1, got " + size);
            }
            this.backgroundSize = size;
            return this;
        }

        /** Seed of the default background draw and of the k-means summary; default {@value ExplanationOptions#DEFAULT_BACKGROUND_SEED}. */
        public Builder backgroundSeed(long seed) {
            this.backgroundSeed = seed;
            return this;
        }

        /**
         * Summarises the background (given or drawn) into at most {@code k} weighted rows by k-means
         * ({@link io.github.segshap.core.masking.BackgroundSummary#kmeans}, seeded with the
         * background seed), so each coalition costs {@code k} model evaluations instead of one per
         * background row; default no summary.
         */
        public Builder backgroundSummary(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("a background summary needs k >= 1, got " + k);
            }
            this.backgroundSummary = k;
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

        /** Seed of the sampling estimators; default {@value ExplanationOptions#DEFAULT_SEED}. */
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
         * Memory of one batch of masked images, overriding the model's own budget
         * ({@link io.github.segshap.core.model.Model#memoryBudget()}, the default).
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

        /** Whether the results keep the explained inputs; default true. */
        public Builder keepInputs(boolean keep) {
            this.keepInputs = keep;
            return this;
        }

        /**
         * Whether every explanation carries its pairwise interaction maps (SHAP interaction values
         * in shap's convention, M x M values per output, from the exact explainer's coalition
         * values, no extra model call); default false (memory). Needs the exact explainer:
         * {@link #build()} refuses another explicit method, and explaining refuses {@link Method#AUTO}
         * when it resolves to Kernel.
         */
        public Builder interactions(boolean interactions) {
            this.interactions = interactions;
            return this;
        }

        /**
         * How the provenance describes the model, and the fingerprint of its file ("" when it did not
         * come from a file, e.g. {@code Fingerprint.ofFile(modelFile)}); default the model's class.
         */
        public Builder model(String description, String fingerprint) {
            this.modelDescription = Objects.requireNonNull(description, "description");
            this.modelFingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
            return this;
        }

        /**
         * The options; the builder's values are copied, so later changes to it do not reach them.
         *
         * @throws IllegalArgumentException when interaction maps are asked of an explainer other than
         *                                  the exact one
         */
        public ExplanationOptions build() {
            if (interactions && method != Method.AUTO && method != Method.EXACT) {
                throw new IllegalArgumentException(interactionsNeedExact(method.label()));
            }
            return new ExplanationOptions(this);
        }
    }
}
