package io.github.segshap.core.learned;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.segmentation.ExplainerKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Explains images in one model pass and one explainer-network pass each, with a network fitted on
 * exact explanations (FastSHAP's amortised estimator, fitted on exact values).
 *
 * <p><b>The network.</b> A {@link Model} whose input is an image's C channels followed by the
 * explained model's P prediction planes ({@code (C + P) x H x W}) and whose output is M maps per
 * prediction plane ({@code (M x P) x H x W}, player-major: channel {@code p x P + plane} holds player
 * p's map of that plane).
 *
 * <p><b>Exactly additive.</b> The base value map is the exact one (the model's mean prediction on the
 * background, computed once when fitting). At every output k the network's values are projected
 * onto the Shapley values' efficiency constraint: {@code (prediction - base - sum_p value_p) / M} is
 * added to every player's value (the additive efficient normalisation of FastSHAP), so
 * {@code base + sum_p value_p = prediction} to rounding. Since the exact values satisfy that
 * constraint and the projection is orthogonal, it never increases the error at an output.
 *
 * <p><b>For one model and background.</b> The explainer refuses a model or background whose
 * fingerprint is not the one it was fitted for ({@link LearnedMismatchException}). A measured
 * explainer ({@link #measured}) carries its {@link LearnedRecord}, and every explanation it makes says
 * {@code explainer: learned} and carries the held-out error in its provenance. Immutable; thread-safe
 * when the network and the model are.
 */
public final class LearnedExplainer {
    /** The provenance extra key prefix of the held-out error: {@code learned_held_out_}. */
    public static final String HELD_OUT = "learned_held_out_";

    private final Model network;
    private final double[] baseValues;
    private final Provenance exact;
    private final LearnedRecord record;

    private LearnedExplainer(Model network, double[] baseValues, Provenance exact, LearnedRecord record) {
        this.network = Objects.requireNonNull(network, "network");
        this.baseValues = baseValues.clone();
        this.exact = Objects.requireNonNull(exact, "exact");
        this.record = record;
        if (exact.players().isEmpty()) {
            throw new IllegalArgumentException("the exact provenance names no players: the learned explainer "
                    + "needs the players it was fitted for");
        }
    }

    /**
     * An explainer not yet measured (for measuring its held-out error while fitting).
     *
     * @param network    the explainer network (see the class comment)
     * @param baseValues the exact base value of every output of the model (P x H x W, row-major)
     * @param exact      the provenance of the exact explanations it was fitted on (players, model
     *                   and background fingerprints, masker, padding)
     */
    public static LearnedExplainer unmeasured(Model network, double[] baseValues, Provenance exact) {
        return new LearnedExplainer(network, baseValues, exact, null);
    }

    /** A measured explainer: its record, whose exact provenance is the one its explanations extend. */
    public static LearnedExplainer measured(Model network, double[] baseValues, LearnedRecord record) {
        return new LearnedExplainer(network, baseValues, record.exact(), Objects.requireNonNull(record, "record"));
    }

    /** The explainer network. */
    public Model network() {
        return network;
    }

    /** The exact base value of every output (a copy). */
    public double[] baseValues() {
        return baseValues.clone();
    }

    /** The player names, in order. */
    public List<String> players() {
        return exact.players();
    }

    /** How it was fitted, with its held-out error; empty while it is being fitted. */
    public Optional<LearnedRecord> record() {
        return Optional.ofNullable(record);
    }

    /**
     * Explains every image with {@code model}, which must be the model (and background) it was fitted
     * for.
     *
     * @param model                 the explained model
     * @param modelFingerprint      the fingerprint of the model's file
     * @param backgroundFingerprint the fingerprint of the background rows
     * @param ids                   one id per image
     * @param images                the images, one shape
     * @throws LearnedMismatchException when a fingerprint differs from the fitted one, naming which
     * @throws IllegalArgumentException when the images, the model's outputs or the network's do not fit
     */
    public Explanations explain(Model model, String modelFingerprint, String backgroundFingerprint,
                                List<String> ids, List<Image> images) {
        requireFor(modelFingerprint, backgroundFingerprint);
        if (images.isEmpty() || ids.size() != images.size()) {
            throw new IllegalArgumentException("the learned explainer needs one id per image and at least one "
                    + "image, got " + ids.size() + " ids for " + images.size() + " images");
        }
        ImageShape shape = images.get(0).shape();
        List<Explanation> out = new ArrayList<>(images.size());
        int batch = Model.imagesWithin(model.memoryBudget(), model.bytesPerImage(shape));
        for (int from = 0; from < images.size(); from += batch) {
            out.addAll(explainBatch(model, images.subList(from, Math.min(images.size(), from + batch)), shape));
        }
        return Explanations.of(ids, images, out, shape, provenance());
    }

    /**
     * Checks that a model and a background are the ones this explainer was fitted for, before any work.
     *
     * @throws LearnedMismatchException naming what differs, with both fingerprints
     */
    public void requireFor(String modelFingerprint, String backgroundFingerprint) {
        LearnedRecord.requireFor(exact, modelFingerprint, backgroundFingerprint);
    }

    /** The provenance of every explanation it makes. */
    public Provenance provenance() {
        Provenance.Builder p = Provenance.builder(ExplainerKind.LEARNED.label())
                .explainerOption(Provenance.REQUESTED_EXPLAINER, ExplainerKind.LEARNED.label())
                .masker(exact.masker())
                .background(exact.backgroundSize(), exact.backgroundFingerprint(), exact.backgroundIds(),
                        exact.backgroundSeed())
                .players(exact.players(), exact.playerDefinition())
                .model(exact.model(), exact.modelFingerprint())
                .padding(exact.padding());
        exact.extra().forEach(p::extra);
        if (record != null) {
            p.seed(record.seed()).explainerOption("learned_fitted", record.created())
                    .explainerOption("learned_fitted_images", record.fittedIds().size());
            record.training().forEach((k, v) -> p.explainerOption("learned_" + k, v));
            LearnedError e = record.heldOutError();
            p.extra(HELD_OUT + "images", Integer.toString(e.images()))
                    .extra(HELD_OUT + "relative_rms", number(e.relativeRms()))
                    .extra(HELD_OUT + "player_correlation", String.join(",",
                            e.playerCorrelation().stream().map(LearnedExplainer::number).toList()))
                    .extra(HELD_OUT + "dominant_agreement", number(e.dominantAgreement()))
                    .extra(HELD_OUT + "worst_image", e.worstImage())
                    .extra(HELD_OUT + "worst_relative_rms", number(e.worstRelativeRms()));
        }
        return p.build();
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private List<Explanation> explainBatch(Model model, List<Image> images, ImageShape shape) {
        int n = images.size();
        OutputShape outShape = model.outputShape(shape);
        int k = outShape.size();
        int planes = outShape.planes();
        if (outShape.height() != shape.height() || outShape.width() != shape.width()) {
            throw new IllegalArgumentException("the learned explainer explains prediction maps of the image's size, "
                    + "but the model maps " + shape + " images to outputs " + outShape);
        }
        if (baseValues.length != k) {
            throw new IllegalArgumentException("the learned explainer's base value map has " + baseValues.length
                    + " values but the model's output " + outShape + " has " + k);
        }
        double[] predictions = model.predict(batchOf(images, shape, model));
        ImageShape netShape = new ImageShape(shape.channels() + planes, shape.height(), shape.width());
        double[] netInput = new double[n * netShape.size()];
        for (int i = 0; i < n; i++) {
            images.get(i).copyTo(netInput, i * netShape.size());
            System.arraycopy(predictions, i * k, netInput, i * netShape.size() + shape.size(), k);
        }
        int m = exact.players().size();
        int perImage = m * k;
        int got = network.outputShape(netShape).size();
        if (got != perImage) {
            throw new IllegalArgumentException("the explainer network maps " + netShape + " inputs to "
                    + network.outputShape(netShape) + " (" + got + " values), but " + m + " players x " + outShape
                    + " outputs need " + perImage);
        }
        double[] maps = network.predict(new ImageBatch(netShape, n, netInput)
                .in(network.inputSpec().layout()));
        List<Explanation> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] prediction = java.util.Arrays.copyOfRange(predictions, i * k, (i + 1) * k);
            double[][] values = new double[m][];
            for (int p = 0; p < m; p++) {
                values[p] = java.util.Arrays.copyOfRange(maps, i * perImage + p * k, i * perImage + (p + 1) * k);
            }
            project(values, baseValues, prediction);
            out.add(Explanation.builder(exact.players(), outShape).baseValues(baseValues).values(values)
                    .outputs(prediction).modelEvaluations(1).explainer(ExplainerKind.LEARNED.label()).build());
        }
        return out;
    }

    private static ImageBatch batchOf(List<Image> images, ImageShape shape, Model model) {
        double[] values = new double[images.size() * shape.size()];
        for (int i = 0; i < images.size(); i++) {
            images.get(i).copyTo(values, i * shape.size());
        }
        return new ImageBatch(shape, images.size(), values).in(model.inputSpec().layout());
    }

    /**
     * The additive efficient normalisation, in place: at every output k, adds
     * {@code (prediction[k] - base[k] - sum_p values[p][k]) / M} to every player's value, so that
     * {@code base + sum_p values = prediction}.
     *
     * @param values     {@code values[p][k]}; Modified
     * @param base       the base value per output; not modified
     * @param prediction the model's output per output; not modified
     */
    public static void project(double[][] values, double[] base, double[] prediction) {
        int m = values.length;
        for (int k = 0; k < prediction.length; k++) {
            double sum = 0;
            for (double[] v : values) {
                sum += v[k];
            }
            double share = (prediction[k] - base[k] - sum) / m;
            for (double[] v : values) {
                v[k] += share;
            }
        }
    }
}
