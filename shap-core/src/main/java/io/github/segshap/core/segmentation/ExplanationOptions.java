package io.github.segshap.core.segmentation;

import io.github.segshap.core.evaluation.EvaluationOptions;
import io.github.segshap.core.evaluation.ProgressListener;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.masking.Masker;
import io.github.segshap.core.players.Players;
import io.github.segshap.core.provenance.Provenance;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link ImageExplainer} does, as one immutable value made of one small immutable value
 * per concept, each declaring its fields and defaults once:
 * <ul>
 *   <li>{@link PlayerOptions}: one player per input channel, named {@code channel 0 .. channel C-1};</li>
 *   <li>{@link BackgroundOptions}: interventional, with a background of up to
 *       {@value BackgroundOptions#DEFAULT_SIZE} images drawn without replacement from the images
 *       explained ({@link BackgroundDraw}; all of them when there are at most that many), seed
 *       {@value BackgroundOptions#DEFAULT_SEED}; an absent player takes each background image's
 *       values in turn and the outputs are averaged;</li>
 *   <li>{@link ExplainerChoice}: {@link ExplainerKind#AUTO}: exact Shapley values (all 2^M
 *       coalitions) while M &lt;= {@value #EXACT_MAX_PLAYERS} players, the Kernel explainer with its
 *       default budget ({@code 2M + 2050} coalitions) above; seed {@value ExplainerChoice#DEFAULT_SEED};
 *       no interaction maps;</li>
 *   <li>{@link EvaluationOptions}: one thread per processor, batches within the model's own memory
 *       budget ({@link io.github.segshap.core.model.Model#memoryBudget()}, 128 MiB unless the model
 *       says otherwise), no progress;</li>
 *   <li>{@link AdditivityCheck}: every image checked, tolerance
 *       {@value AdditivityCheck#DEFAULT_TOLERANCE} relative to {@code max(1, max |output|)};</li>
 *   <li>the explained inputs are kept in the result; the model is described by its class.</li>
 * </ul>
 * The one {@link Builder} sets single options ({@code builder().explainer(ExplainerKind.KERNEL).budget(500)})
 * or whole groups, and {@link Builder#build()} copies them, so changing a builder later never
 * changes built options.
 *
 * <p><b>Padding</b> is not an option: it is a decorator around the model
 * ({@link io.github.segshap.core.model.PaddedModel}), which records itself in the provenance.
 */
public final class ExplanationOptions {
    /** Largest player count {@link ExplainerKind#AUTO} explains exactly. */
    public static final int EXACT_MAX_PLAYERS = 10;

    private final PlayerOptions players;
    private final BackgroundOptions background;
    private final ExplainerChoice explainer;
    private final EvaluationOptions evaluation;
    private final AdditivityCheck additivity;
    private final boolean keepInputs;
    private final String modelDescription;
    private final String modelFingerprint;
    private final Provenance recorded;

    private ExplanationOptions(Builder b) {
        this.players = b.players;
        this.background = b.background;
        this.explainer = b.explainer;
        this.evaluation = b.evaluation;
        this.additivity = b.additivity;
        this.keepInputs = b.keepInputs;
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

    /**
     * A builder holding the options that made the explanations of {@code provenance}: the
     * explainer, budget and seed, the players, the background size, seed and summary, and the
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
        b.explainer(ExplainerKind.ofLabel(Recipe.requestedExplainer(provenance)));
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
        b.players = Recipe.players(provenance.playerDefinition(), provenance.players());
        b.model(provenance.model(), provenance.modelFingerprint());
        b.recorded = provenance;
        return b;
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.players = players;
        b.background = background;
        b.explainer = explainer;
        b.evaluation = evaluation;
        b.additivity = additivity;
        b.keepInputs = keepInputs;
        b.modelDescription = modelDescription;
        b.modelFingerprint = modelFingerprint;
        b.recorded = recorded;
        return b;
    }

    /** Who the players are. */
    public PlayerOptions players() {
        return players;
    }

    /** Where absent players take their values from. */
    public BackgroundOptions background() {
        return background;
    }

    /** Which explainer, its budget and seed, and whether it returns interaction maps. */
    public ExplainerChoice explainer() {
        return explainer;
    }

    /** How the model is called: threads, memory budget, progress. */
    public EvaluationOptions evaluation() {
        return evaluation;
    }

    /** Whether and how tightly every explanation is checked to add up. */
    public AdditivityCheck additivity() {
        return additivity;
    }

    /** Whether the results keep the explained inputs. */
    public boolean keepInputs() {
        return keepInputs;
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
        return "ExplanationOptions[explainer " + explainer.kind().label() + ", budget " + explainer.budget()
                + (explainer.budget() > 0 ? " " + explainer.budgetUnit().label() : "") + ", seed " + explainer.seed()
                + ", background " + (background.masker().isPresent() ? "masker "
                + background.masker().get().getClass().getSimpleName()
                : background.given().isPresent() ? background.rows().size() + " rows given"
                : "up to " + background.size() + " drawn, seed " + background.seed())
                + (background.summary() > 0 ? ", k-means " + background.summary() : "")
                + (explainer.interactions() ? ", interactions" : "") + ", threads " + evaluation.threads() + "]";
    }

    /**
     * The one builder of {@link ExplanationOptions}: it holds one value per concept (each with the
     * defaults of the class comment) and sets them whole or one option at a time.
     */
    public static final class Builder {
        private PlayerOptions players = PlayerOptions.DEFAULT;
        private BackgroundOptions background = BackgroundOptions.DEFAULT;
        private ExplainerChoice explainer = ExplainerChoice.DEFAULT;
        private EvaluationOptions evaluation = EvaluationOptions.defaults();
        private AdditivityCheck additivity = AdditivityCheck.DEFAULT;
        private boolean keepInputs = true;
        private String modelDescription;
        private String modelFingerprint = "";
        private Provenance recorded;

        private Builder() {
        }

        // ------------------------------------------------------------ whole groups

        /** The players, whole. */
        public Builder players(PlayerOptions p) {
            this.players = Objects.requireNonNull(p, "players");
            return this;
        }

        /** The background, whole. */
        public Builder background(BackgroundOptions b) {
            this.background = Objects.requireNonNull(b, "background");
            return this;
        }

        /** The explainer, budget, seed and interactions, whole. */
        public Builder explainer(ExplainerChoice e) {
            this.explainer = Objects.requireNonNull(e, "explainer");
            return this;
        }

        /** Threads, memory budget and progress, whole. */
        public Builder evaluation(EvaluationOptions e) {
            this.evaluation = Objects.requireNonNull(e, "evaluation");
            return this;
        }

        /** The additivity check, whole. */
        public Builder additivity(AdditivityCheck a) {
            this.additivity = Objects.requireNonNull(a, "additivity");
            return this;
        }

        // ------------------------------------------------------------ players

        /** Names of the input channels (one player each); default {@code channel 0 .. channel C-1}. */
        public Builder channelNames(List<String> names) {
            return players(players.withChannelNames(names));
        }

        /** Names of the input channels (one player each). */
        public Builder channelNames(String... names) {
            return channelNames(List.of(names));
        }

        /** Players that are groups of channels: {@code groups[g]} lists group g's channels (copied). */
        public Builder channelGroups(int[][] groups, List<String> names) {
            return players(players.withGroups(groups, names));
        }

        /**
         * Spatial players: a {@code rows x columns} grid of patches (all channels of a patch together,
         * or one player per channel group and patch with {@link #channelGroups}).
         */
        public Builder patches(int rows, int columns) {
            return players(players.withPatches(rows, columns));
        }

        /** Any players (overrides channel names, groups and patches). */
        public Builder players(Players given) {
            return players(players.withGiven(given));
        }

        // ------------------------------------------------------------ background

        /** The background rows (all used, equally weighted); default drawn from the explained images. */
        public Builder background(List<Image> rows) {
            return background(background.withRows(List.of(), rows));
        }

        /** The background rows with their ids (recorded in the provenance, e.g. training sample ids). */
        public Builder background(List<String> ids, List<Image> rows) {
            return background(background.withRows(ids, rows));
        }

        /** Most images of the default background; default {@value BackgroundOptions#DEFAULT_SIZE}. */
        public Builder backgroundSize(int size) {
            return background(background.withSize(size));
        }

        /** Seed of the default background draw and of the k-means summary; default {@value BackgroundOptions#DEFAULT_SEED}. */
        public Builder backgroundSeed(long seed) {
            return background(background.withSeed(seed));
        }

        /**
         * Summarises the background (given or drawn) into at most {@code k} weighted rows by k-means
         * ({@link io.github.segshap.core.masking.BackgroundSummary#kmeans}, seeded with the
         * background seed), so each coalition costs {@code k} model evaluations instead of one per
         * background row; default no summary.
         */
        public Builder backgroundSummary(int k) {
            return background(background.withSummary(k));
        }

        /** Any masker (e.g. {@code BaselineMasker.zeros()}, {@code BlurMasker}); overrides the background. */
        public Builder masker(Masker masker) {
            return background(background.withMasker(masker));
        }

        // ------------------------------------------------------------ explainer

        /** The explainer; default {@link ExplainerKind#AUTO}. */
        public Builder explainer(ExplainerKind kind) {
            return explainer(explainer.withKind(kind));
        }

        /**
         * The budget in the explainer's {@linkplain ExplainerKind#budgetUnit() unit}: coalitions per
         * image (Kernel), permutation pairs per image (Permutation); 0 = their defaults.
         */
        public Builder budget(long budget) {
            return explainer(explainer.withBudget(budget));
        }

        /** Seed of the sampling explainers; default {@value ExplainerChoice#DEFAULT_SEED}. */
        public Builder seed(long seed) {
            return explainer(explainer.withSeed(seed));
        }

        /**
         * Whether every explanation carries its pairwise interaction maps (SHAP interaction values
         * in shap's convention, M x M values per output, from the exact explainer's coalition
         * values, no extra model call); default false (memory). Needs the exact explainer:
         * {@link #build()} refuses another explicit explainer, and explaining refuses
         * {@link ExplainerKind#AUTO} when it resolves to Kernel.
         */
        public Builder interactions(boolean interactions) {
            return explainer(explainer.withInteractions(interactions));
        }

        // ------------------------------------------------------------ evaluation

        /** Threads calling the model; default one per processor. Results do not depend on it. */
        public Builder threads(int threads) {
            return evaluation(evaluation.toBuilder().threads(threads).build());
        }

        /**
         * Memory of one batch of masked images and their outputs, overriding the model's own
         * {@link io.github.segshap.core.model.Model#memoryBudget()} (the default). Results do not
         * depend on it.
         */
        public Builder memoryBudget(long bytes) {
            return evaluation(evaluation.toBuilder().memoryBudget(bytes).build());
        }

        /** Where progress goes; default nowhere. */
        public Builder progress(ProgressListener progress) {
            return evaluation(evaluation.toBuilder().progress(progress).build());
        }

        // ------------------------------------------------------------ checks and results

        /** Tolerance of the additivity check relative to {@code max(1, max |output|)}; default 1e-6. */
        public Builder additivityTolerance(double tolerance) {
            return additivity(new AdditivityCheck(additivity.enabled(), tolerance));
        }

        /** Whether every explanation is checked for additivity; default true. */
        public Builder checkAdditivity(boolean check) {
            return additivity(new AdditivityCheck(check, additivity.tolerance()));
        }

        /** Whether the results keep the explained inputs; default true. */
        public Builder keepInputs(boolean keep) {
            this.keepInputs = keep;
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
         * The options; the builder's values are immutable, so later changes to it do not reach them.
         *
         * @throws IllegalArgumentException when interaction maps are asked of an explainer other than
         *                                  the exact one
         */
        public ExplanationOptions build() {
            explainer.requireConsistent();
            return new ExplanationOptions(this);
        }
    }
}
