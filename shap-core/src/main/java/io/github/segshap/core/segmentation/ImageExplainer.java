package io.github.segshap.core.segmentation;

import io.github.segshap.core.explainers.ExactExplainer;
import io.github.segshap.core.explainers.Explainer;
import io.github.segshap.core.explainers.ExplainerBuilder;
import io.github.segshap.core.explainers.KernelExplainer;
import io.github.segshap.core.explainers.PartitionExplainer;
import io.github.segshap.core.explainers.PermutationExplainer;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.evaluation.EvaluationOptions;
import io.github.segshap.core.masking.Masker;
import io.github.segshap.core.model.Determinism;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.players.Players;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.core.provenance.Provenance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Explains a segmentation model's predicted maps for a list of images, with the
 * {@link ExplanationOptions} (defaults: one player per channel, a background of up to 100 of the
 * images, exact Shapley values up to 10 players and Kernel SHAP above; see there):
 * <pre>{@code
 * Explanations maps = ImageExplainer.of(model, ExplanationOptions.defaults()).explain(images);
 * double[][] channel2 = maps.contributionMap(0, 2, 0);   // image 0, channel 2's share of every pixel
 * ExplanationFolder.write(maps, outDir);                   // NumPy arrays + provenance
 * }</pre>
 * Every image gets a base-value map, one contribution map per player and the prediction map, which
 * add up ({@code base + sum of contributions = prediction}) at every output. Every result carries
 * its full {@link Provenance} (explainer and the options that change numbers, budget, seed, masker,
 * background size, fingerprint and ids, players, model, padding, versions, date), from which
 * {@link ExplanationOptions#fromProvenance} makes the same numbers again.
 *
 * <p><b>Streaming.</b> {@link #explain(List, List, int, Consumer)} explains a batch of images at a
 * time and hands each batch's result to a consumer: the background and the explainer are fixed
 * once (drawn from the whole list, or given), so the results equal those of one call, and a test
 * set of any size runs in the memory of one batch when the list makes its images on demand.
 *
 * <p><b>Errors</b> (all {@link IllegalArgumentException}s naming the problem): an empty image list;
 * images of different shapes; ids that do not match the images or repeat; a background of another
 * shape; players or channel names that do not fit the images; a single image without a background
 * (every contribution would be zero); options re-created from a provenance that would not make the
 * recorded recipe; a model that is not deterministic (the first image predicted twice differs,
 * {@link io.github.segshap.core.model.NondeterministicModelException}); a Permutation budget above
 * {@link PermutationExplainer.Builder#MAX_PAIRS}; interaction maps asked for when the estimator is
 * not (or {@code auto} does not resolve to) the exact one; outputs that are not maps of the image
 * ({@link io.github.segshap.core.model.OutputShape#requireMapOf},
 * {@link io.github.segshap.core.model.OutputNotAMapException}). NaN or infinite pixels are rejected when an
 * {@link Image} is made. The instance
 * is immutable and thread-safe.
 */
public final class ImageExplainer {
    private final Model model;
    private final ExplanationOptions options;

    private ImageExplainer(Model model, ExplanationOptions options) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** An explainer of {@code model} with these options. */
    public static ImageExplainer of(Model model, ExplanationOptions options) {
        return new ImageExplainer(model, options);
    }

    /** An explainer of {@code model} with the default options. */
    public static ImageExplainer of(Model model) {
        return of(model, ExplanationOptions.defaults());
    }

    /** The model explained. */
    public Model model() {
        return model;
    }

    /** The options. */
    public ExplanationOptions options() {
        return options;
    }

    /** Explains every image, in order, with ids {@code "0" .. "N-1"}. */
    public Explanations explain(List<Image> images) {
        requireImages(images);
        return explain(Explanations.indexIds(images.size()), images);
    }

    /**
     * Explains every image, in order.
     *
     * @param ids    one id per image, unique (e.g. sample ids)
     * @param images the images, all of one shape
     * @throws IllegalArgumentException for the bad inputs listed in the class comment
     * @throws io.github.segshap.core.explanation.AdditivityException when the check is on and fails
     */
    public Explanations explain(List<String> ids, List<Image> images) {
        requireImages(images);
        List<Explanations> out = new ArrayList<>(1);
        explain(ids, images, images.size(), out::add);
        return out.get(0);
    }

    /**
     * Explains the images {@code batchSize} at a time and hands each batch's result to {@code sink},
     * in order; the results are those of {@link #explain(List, List)} split into batches. The
     * background (drawn from the whole list, or given) and the explainer are fixed once, before
     * the first batch. Only the images of the current batch are asked for ({@code images.get}),
     * besides the drawn background rows, so a list that makes its images on demand runs in bounded
     * memory. An image of another shape is reported when its batch comes, after the earlier
     * batches were handed over.
     *
     * @throws IllegalArgumentException for the bad inputs listed in the class comment, or
     *                                  {@code batchSize < 1}
     */
    public void explain(List<String> ids, List<Image> images, int batchSize, Consumer<Explanations> sink) {
        requireImages(images);
        Objects.requireNonNull(sink, "sink");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        requireIds(ids, images.size());
        ImageShape shape = images.get(0).shape();
        int first = Math.min(batchSize, images.size());
        List<Image> batch = batch(images, 0, first, shape);
        Plan plan = plan(ids, images, shape);
        Determinism.require(model, batch.get(0));
        for (int from = 0; from < images.size(); from += batchSize) {
            int to = Math.min(images.size(), from + batchSize);
            if (from > 0) {
                batch = batch(images, from, to, shape);
            }
            List<Explanation> items = plan.explainer.explainAll(batch);
            sink.accept(Explanations.of(ids.subList(from, to), options.keepInputs() ? batch : List.of(), items, shape,
                    plan.provenance));
        }
    }

    /**
     * The masker these options use for these images (background drawn or given, summarised when
     * asked), after the input checks. For inspection; {@link #explain} uses it.
     */
    public Masker maskerFor(List<Image> images) {
        requireImages(images);
        ImageShape shape = images.get(0).shape();
        batch(images, 0, images.size(), shape);
        Background bg = background(Explanations.indexIds(images.size()), images, shape);
        return options.background().maskerFor(bg.rows);
    }

    /**
     * The provenance explaining these images would record (with the date of now), after the input
     * checks; nothing is explained.
     */
    public Provenance provenanceFor(List<String> ids, List<Image> images) {
        requireImages(images);
        requireIds(ids, images.size());
        ImageShape shape = images.get(0).shape();
        batch(images, 0, images.size(), shape);
        return plan(ids, images, shape).provenance;
    }

    // ---------------------------------------------------------------- resolution

    /** The explainer and the provenance of one run. */
    private record Plan(Explainer explainer, Provenance provenance) {
    }

    /** The background rows of one run, where they came from, and their ids. */
    private record Background(List<Image> rows, List<String> ids, String source) {
    }

    private Plan plan(List<String> ids, List<Image> images, ImageShape shape) {
        model.outputShape(shape).requireMapOf(shape, "the model " + model);
        Players players = options.players().resolve(shape);
        ExplainerChoice choice = options.explainer();
        ExplainerKind method = choice.kind().resolve(players.count());
        if (choice.interactions() && method != ExplainerKind.EXACT) {
            throw new IllegalArgumentException("interaction maps were asked for " + players.count() + " players, for "
                    + "which the " + choice.kind().label() + " explainer is " + method.label() + " (exact only up "
                    + "to " + ExplanationOptions.EXACT_MAX_PLAYERS + " players): "
                    + ExplainerChoice.interactionsNeedExact(method.label()));
        }
        BackgroundOptions bgOptions = options.background();
        boolean needsBackground = bgOptions.masker().isEmpty() || method == ExplainerKind.PARTITION;
        Background bg = needsBackground ? background(ids, images, shape) : new Background(List.of(), List.of(),
                Recipe.NONE);
        Masker masker = bgOptions.maskerFor(bg.rows);
        Provenance.Builder p = Provenance.builder(method.label())
                .explainerOption(Recipe.REQUESTED_EXPLAINER, choice.kind().label())
                .explainerOption(Recipe.BACKGROUND, bgOptions.masker().isPresent() && method != ExplainerKind.PARTITION
                        ? Recipe.NONE : bg.source)
                .seed(choice.seed())
                .players(players.names(), options.players().given().isPresent()
                        ? Recipe.GIVEN_PLAYERS + players.count() + " players"
                        : Recipe.playerDefinition(options.players()))
                .model(options.modelDescription().orElse(model.getClass().getName()), options.modelFingerprint())
                .padding(model.record(shape).padding());
        if (bgOptions.masker().isPresent()) {
            p.masker(Recipe.GIVEN + " " + bgOptions.masker().get().getClass().getSimpleName());
        } else {
            p.masker("background");
            if (bgOptions.summary() > 0 && bgOptions.summary() < bg.rows.size()) {
                // recorded only when the rows are summarised: K at or above the row count keeps the rows
                p.explainerOption(Recipe.BACKGROUND_SUMMARY, bgOptions.summary());
            }
        }
        if (!bg.rows.isEmpty()) {
            p.background(bg.rows.size(), Fingerprint.ofImages(bg.rows), bg.ids, bgOptions.seed());
        } else {
            p.background(0, "", List.of(), bgOptions.seed());
        }
        Explainer explainer = switch (method) {
            case EXACT -> {
                if (choice.interactions()) {
                    p.explainerOption(Recipe.INTERACTIONS, true);
                }
                yield configure(ExactExplainer.builder(model, players, masker).interactions(choice.interactions())
                        .maxPlayers(Math.min(ExactExplainer.HARD_LIMIT, Math.max(20, players.count())))).build();
            }
            case KERNEL -> {
                KernelExplainer.Builder b = KernelExplainer.builder(model, players, masker);
                if (choice.budget() > 0) {
                    b.budget(choice.budget());
                }
                KernelExplainer k = configure(b).build();
                p.budget(k.budget()).explainerOption("paired", true);
                yield k;
            }
            case PARTITION -> {
                p.explainerOption("hierarchy", "clustered on the background");
                yield configure(PartitionExplainer.builder(model, players, masker).clusterOn(bg.rows)).build();
            }
            case PERMUTATION -> {
                PermutationExplainer.Builder b = PermutationExplainer.builder(model, players, masker);
                if (choice.budget() > 0) {
                    b.permutations(choice.budget());
                }
                p.budget(choice.budget());
                yield configure(b).build();
            }
            case LEARNED -> throw new IllegalArgumentException("the learned explainer is fitted on exact "
                    + "explanations, not configured: read a fitted one with LearnedFolder.read and explain with it "
                    + "(segshap explain --explainer learned --learned DIR)");
            case AUTO -> throw new AssertionError("AUTO is resolved above");
        };
        Provenance provenance = p.build();
        options.recorded().ifPresent(r -> Recipe.requireSame(r, provenance));
        return new Plan(explainer, provenance);
    }

    private <B extends ExplainerBuilder<B>> B configure(B b) {
        EvaluationOptions evaluation = options.evaluation();
        evaluation.memoryBudget().ifPresent(b::memoryBudget);
        b.threads(evaluation.threads()).progress(evaluation.progress())
                .seed(options.explainer().seed()).additivityTolerance(options.additivity().tolerance())
                .checkAdditivity(options.additivity().enabled());
        return b;
    }

    private Background background(List<String> ids, List<Image> images, ImageShape shape) {
        BackgroundOptions o = options.background();
        if (o.given().isPresent()) {
            BackgroundDraw.requireShape(o.rows(), shape);
            return new Background(o.rows(), o.ids(), Recipe.GIVEN);
        }
        BackgroundDraw.requireSeveral(images.size());
        BackgroundDraw.Drawn drawn = BackgroundDraw.draw(ids, images, o.size(), o.seed(), shape);
        return new Background(drawn.rows(), drawn.ids(), Recipe.DRAWN);
    }

    // ---------------------------------------------------------------- input checks

    private static void requireImages(List<Image> images) {
        if (images == null || images.isEmpty()) {
            throw new IllegalArgumentException("no images to explain: the list is empty");
        }
    }

    private static void requireIds(List<String> ids, int count) {
        Objects.requireNonNull(ids, "ids");
        if (ids.size() != count) {
            throw new IllegalArgumentException(ids.size() + " ids for " + count + " images");
        }
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(Objects.requireNonNull(id, "id"))) {
                throw new IllegalArgumentException("image id '" + id + "' appears twice");
            }
        }
    }

    /** Images {@code from .. to-1}, each checked to have image 0's shape. */
    private static List<Image> batch(List<Image> images, int from, int to, ImageShape shape) {
        List<Image> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            int index = i;
            Image image = Objects.requireNonNull(images.get(i), () -> "image " + index + " is null");
            requireShape(image, i, shape);
            out.add(image);
        }
        return out;
    }

    private static void requireShape(Image image, int index, ImageShape shape) {
        if (!image.shape().equals(shape)) {
            throw new IllegalArgumentException("image " + index + " has shape " + image.shape()
                    + " but image 0 has shape " + shape + ": all images must have one shape");
        }
    }
}
