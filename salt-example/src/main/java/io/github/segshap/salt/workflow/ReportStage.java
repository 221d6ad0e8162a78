package io.github.segshap.salt.workflow;

import io.github.segshap.salt.SaltDefaults;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.core.explanation.ExplanationChunks;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.io.CorruptFolderException;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.report.ExplanationReport;
import io.github.segshap.report.TrainingCurve;
import io.github.segshap.salt.explain.CohortSummary;
import io.github.segshap.salt.explain.ExplanationStage;
import io.github.segshap.salt.explain.SampleFiles;
import io.github.segshap.salt.explain.SampleRecipe;
import io.github.segshap.salt.io.JsonFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Draws the figures ({@code out/figures/*.png}) and writes {@code out/report.html} through
 * shap-report's {@link ExplanationReport}, from what the other stages left in the run folder:
 * {@code training.json} (required), {@code model.json}, {@code explanations/} (selection, summary,
 * the sample folders; optional), {@code parameters.json} and {@code timings.json}.
 *
 * <p>The explained samples are the ones {@code summary.json} lists. Each is read from its own
 * folder with every array verified, and its recorded provenance is checked against the run folder:
 * the report refuses ({@link ExitCode#MISSING_STAGE}, exit 8: inconsistent or corrupt run artifacts)
 * to draw a damaged sample (naming the file), samples made by another model than the current
 * {@code model.zip} (naming the sample folders; e.g. after a new {@code train}), or samples made
 * with different recipes (other data, background or settings). So the training it describes is
 * the one of the model that made the explanations, and the page says which model that is and how
 * many samples it shows.
 *
 * <p>Panels are drawn for the first {@link ReportSettings#panels()} samples of the latest
 * selection, additive strips for the first three of them; the global scatter figures use at most
 * {@value #GLOBAL_FIGURE_SAMPLES} explained samples (the tables use all of them).
 */
final class ReportStage {
    /** Most samples whose pixels are drawn in the global scatter figures. */
    static final int GLOBAL_FIGURE_SAMPLES = 100;
    private static final List<String> METRIC_ORDER = List.of("auc", "mean_iou", "salt_iou", "kaggle_tgs",
            "kaggle_tgs_tuned", "kaggle_tgs_tuned_empty_images", "kaggle_tgs_tuned_salt_images", "empty_image_share",
            "binary_accuracy", "precision", "recall", "tp", "fp", "tn", "fn");
    private final WorkflowSettings settings;

    ReportStage(WorkflowSettings settings) {
        this.settings = settings;
    }

    /** Salt's notes on reading the figures (its channels by name). */
    static final List<String> READING_NOTES = List.of(
            "Expected values: the model's average output over the background images, pixel by pixel. "
                    + "Every explanation starts from this map.",
            "Contributions: how much each input channel (seismic, energy, semblance, Sobel) moved the "
                    + "predicted salt probability of each output pixel away from the expected value, as Shapley "
                    + "values with one player per channel. Red pushes towards salt, blue away from it, white "
                    + "means no effect. All four maps of a sample share one colour scale, so a pale map is a weak"
                    + " channel; the inputs are drawn in grey over their own range.",
            "Additivity: expected values + the four contributions = the predicted probability, exactly up "
                    + "to the printed residual. The additive strip shows the sum built up channel by channel.",
            "Global analysis: every dot is one pixel of one explained image; x is the channel's input value "
                    + "at that pixel, y its contribution, coloured by salt / not salt in the true mask. "
                    + "Separated colours mean the channel's contribution tells salt from sediment; lines are "
                    + "the mean contribution in bins of the input value.",
            "Metrics are per pixel at probability threshold 0.5 (ROC AUC is threshold-free); mean IoU is "
                    + "the mean of the salt and not-salt IoUs; the Kaggle TGS score averages over images the "
                    + "hit rate at IoU thresholds 0.50 to 0.95 (an empty mask predicted empty scores 1).");

    Path run() {
        long t0 = System.nanoTime();
        RunLayout layout = settings.layout();
        if (!Files.isRegularFile(layout.training())) {
            throw new CommandException(ExitCode.MISSING_STAGE, "nothing to report in " + layout.root() + ": "
                    + layout.training().getFileName() + " is missing; run `" + SaltDefaults.PROGRAM + " train` (or `" + SaltDefaults.PROGRAM + " run-all`) with --out "
                    + layout.root() + " first");
        }
        TrainingRecord training = JsonFiles.read(layout.training(), TrainingRecord.class);
        ModelInfo model = JsonFiles.readIfPresent(layout.modelInfo(), ModelInfo.class).orElse(null);
        RunParameters params = RunParameters.read(layout.parameters());
        Path exDir = layout.explanations();
        ExplanationStage.Selection selection = JsonFiles.readIfPresent(exDir.resolve(ExplanationStage.SELECTION_JSON),
                ExplanationStage.Selection.class).orElse(null);
        CohortSummary summary = JsonFiles.readIfPresent(exDir.resolve(ExplanationStage.SUMMARY_JSON),
                CohortSummary.class).orElse(null);
        if (summary == null || summary.ids().isEmpty()) {
            throw new CommandException(ExitCode.MISSING_STAGE, "no explanations to report in " + exDir + " ("
                    + ExplanationStage.SUMMARY_JSON + " is missing or lists none): run `" + SaltDefaults.PROGRAM + " explain` with --out "
                    + layout.root() + " first");
        }
        Samples samples = samples(layout, summary.ids());

        ExplanationReport.Builder r = ExplanationReport.builder()
                .title("TGS salt: U-Net segmentation and channel contributions")
                .maskLabels("salt", "not salt").inputNote("power-transformed").readingNotes(READING_NOTES)
                .globalImages(GLOBAL_FIGURE_SAMPLES).strips(3);
        r.paragraph(intro(training, params, samples, layout));

        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        TrainingRecord.Epoch best = training.best();
        if (best != null && best.train() != null) {
            rows.put("train (epoch " + best.epoch() + ")", ordered(best.train()));
        }
        if (best != null) {
            rows.put("validation (epoch " + best.epoch() + ")", ordered(best.validation()));
        }
        rows.put("test", ordered(training.testOrEmpty()));
        r.metrics("Metrics of the best epoch's weights", rows, "Pixel metrics at threshold 0.5 on the "
                + resolution(params) + "-resolution masks; salt_iou = TP / (TP + FP + FN) of the salt class;"
                + " kaggle_tgs = the competition's mean over images of the hit rate at IoU thresholds 0.50..0.95;"
                + " kaggle_tgs_tuned = the same with the mask rule tuned on the validation set (" + maskRule(training)
                + "), and its mean over the test images without salt (the share predicted empty:"
                + " kaggle_tgs_tuned_empty_images) and with salt (kaggle_tgs_tuned_salt_images); empty_image_share ="
                + " the share of test images without salt.");

        Map<String, double[]> loss = new LinkedHashMap<>();
        loss.put("training loss", series(training, e -> e.loss()));
        double[] valLoss = series(training, e -> e.validationLoss());
        boolean withValidation = java.util.Arrays.stream(valLoss).anyMatch(Double::isFinite);
        if (withValidation) {
            loss.put("validation loss", valLoss);
        }
        r.trainingCurve(new TrainingCurve("training_loss", (withValidation ? "Training and validation loss"
                : "Training loss") + " per epoch (sum over an image's pixels, mean over images)", "loss per image",
                loss, lossCaption(model, withValidation)));
        for (String[] metric : new String[][] {{"auc", "ROC AUC"}, {"mean_iou", "mean IoU"}}) {
            Map<String, double[]> s = new LinkedHashMap<>();
            s.put("train", series(training, e -> metric(e.train(), metric[0])));
            s.put("validation", series(training, e -> metric(e.validation(), metric[0])));
            r.trainingCurve(new TrainingCurve("training_" + metric[0], metric[1] + " per epoch (inference mode)",
                    metric[1], s));
        }
        r.table("Per epoch", List.of("epoch", "loss", "validation loss", "train AUC", "validation AUC", "train mean IoU",
                "validation mean IoU", "seconds", "best so far"), epochRows(training));

        Map<String, Object> p = new LinkedHashMap<>();
        // what the stages recorded; a folder without a record shows this command's common settings
        flatten("", params.empty() ? JsonFiles.JSON.createObjectNode().set("common",
                JsonFiles.JSON.valueToTree(settings.common())) : JsonFiles.JSON.valueToTree(params), p);
        if (model != null) {
            flatten("model.", JsonFiles.JSON.valueToTree(model), p);
        }
        r.parameters(p);
        Map<String, Double> timings = new LinkedHashMap<>(StageTimings.read(layout.timings()));
        timings.remove("report");
        r.timings(timings);

        List<String> panelIds = new ArrayList<>(selection == null ? List.of() : selection.idsOrEmpty());
        panelIds.retainAll(samples.ids());
        if (panelIds.isEmpty()) {
            panelIds.addAll(samples.ids());
        }
        r.panels(panelIds.subList(0, Math.min(settings.report().panels(), panelIds.size())));
        // this run's report: reading and checks so far, plus the drawing ExplanationReport measures
        r.timeThisReport("report (this run: reading, checks and drawing)", (System.nanoTime() - t0) / 1e9);
        return r.build().write(samples, layout.root()).html();
    }

    /**
     * The explained samples, each verified and made by the current model with one recipe, read for the
     * report a range of samples at a time (each sample's folder read again then): this pass holds one
     * sample and the first.
     *
     * @throws CommandException ({@link ExitCode#MISSING_STAGE}) naming the damaged files, or the
     *                           sample folders made by another model or recipe
     */
    private static Samples samples(RunLayout layout, List<String> ids) {
        Path exDir = layout.explanations();
        UnaryOperator<String> where = id -> SampleFiles.folder(exDir, id).toString();
        List<String> damaged = new ArrayList<>();
        String current = Files.isRegularFile(layout.model()) ? Fingerprint.ofFile(layout.model()) : null;
        List<String> other = new ArrayList<>();
        String made = null;
        Explanations first = null;
        IllegalArgumentException otherRecipe = null;
        for (String id : ids) {
            Explanations s;
            try {
                s = SampleFiles.read(SampleFiles.folder(exDir, id));
            } catch (CorruptFolderException e) {
                damaged.add(e.getMessage());
                continue;
            }
            String fp = s.provenance().map(Provenance::modelFingerprint).orElse(null);
            if (current != null && fp != null && !fp.equals(current)) {
                other.add(layout.root().relativize(SampleFiles.folder(exDir, s.id(0))).toString());
                made = fp;
            }
            if (first == null) {
                first = SampleRecipe.combine(List.of(s), where);
            } else if (otherRecipe == null) {
                try {
                    SampleRecipe.combine(List.of(first, s), where);
                } catch (IllegalArgumentException e) {
                    otherRecipe = e;
                }
            }
        }
        if (!damaged.isEmpty()) {
            throw new CommandException(ExitCode.MISSING_STAGE, "the run folder's explanations are damaged, so the"
                    + " report would show wrong numbers: " + String.join("; ", damaged) + ". Run `" + SaltDefaults.PROGRAM + " explain` with"
                    + " --out " + layout.root() + " to explain the damaged samples again");
        }
        if (!other.isEmpty()) {
            throw new CommandException(ExitCode.MISSING_STAGE, other.size() + " of the " + ids.size()
                    + " explained samples were made by another model (" + made + ") than the current "
                    + layout.model().getFileName() + " (" + current + "), which training.json describes: "
                    + String.join(", ", other) + ". Run `" + SaltDefaults.PROGRAM + " explain` with --out " + layout.root()
                    + " to explain them with the current model");
        }
        if (otherRecipe != null) {
            throw new CommandException(ExitCode.MISSING_STAGE, "the explained samples in " + exDir + " were made"
                    + " differently and cannot be shown together: " + otherRecipe.getMessage() + ". Run `" + SaltDefaults.PROGRAM + " explain` with"
                    + " --out " + layout.root() + " to explain them again with one recipe", otherRecipe);
        }
        return new Samples(List.copyOf(ids), first.provenance().orElse(null), where);
    }

    /**
     * The verified samples as {@link ExplanationChunks}: a range of them read from their folders and
     * combined ({@link SampleRecipe#combine}) when the report asks.
     *
     * @param ids        the sample ids, in order
     * @param provenance the shared recipe of the first sample, or null when not recorded
     * @param where      a sample's folder, for messages
     */
    private record Samples(List<String> ids, Provenance provenance, UnaryOperator<String> where)
            implements ExplanationChunks {
        @Override
        public int size() {
            return ids.size();
        }

        @Override
        public Explanations read(int from, int to) {
            List<Explanations> read = new ArrayList<>();
            for (String id : ids.subList(from, to)) {
                read.add(SampleFiles.read(Path.of(where.apply(id))));
            }
            return SampleRecipe.combine(read, where);
        }
    }

    /** The resolution the data was prepared at, as recorded (else this command's). */
    private String resolution(RunParameters params) {
        RunParameters.DataInfo d = params.prepared();
        return (d != null && d.resolution() != null ? d.resolution() : settings.common().resolution()).name()
                .toLowerCase(Locale.ROOT);
    }

    private String intro(TrainingRecord training, RunParameters params, Samples samples, RunLayout layout) {
        StringBuilder sb = new StringBuilder();
        // what the data stage recorded wins over this command's options (report may run on its own)
        RunParameters.DataInfo data = params.prepared();
        boolean synthetic = data != null ? data.synthetic() : settings.common().synthetic();
        if (synthetic) {
            sb.append("Data: the embedded synthetic salt data set ").append(data == null ? ""
                            : data.source().substring("synthetic".length()).trim() + " ")
                    .append("- a demonstration of the pipeline, not a result; run with --data on"
                            + " the TGS training set for real results. ");
        } else {
            sb.append("Data: ").append(data == null ? String.valueOf(settings.common().data()) : data.source())
                    .append(". ");
        }
        Map<String, Double> test = training.testOrEmpty();
        sb.append(String.format(Locale.ROOT, "U-Net trained for %d epochs (best epoch %d by validation AUC%s) at %s"
                        + " resolution; test Kaggle metric %.4f (%.4f with the mask rule tuned on validation),"
                        + " test salt IoU %.4f.",
                training.epochsRun(), training.bestEpoch(), stopNote(training), resolution(params),
                test.getOrDefault("kaggle_tgs", Double.NaN), test.getOrDefault("kaggle_tgs_tuned", Double.NaN),
                test.getOrDefault("salt_iou", Double.NaN)));
        String fp = samples.provenance() == null ? "" : samples.provenance().modelFingerprint();
        sb.append(String.format(Locale.ROOT, " %d test samples explained with one Shapley player per input channel"
                        + " (seismic, energy, semblance, Sobel) by %s.", samples.size(),
                fp.isEmpty() ? "a model this run folder did not record (saved by version 1)"
                        : "this model, " + layout.model().getFileName() + " " + fp + ", the one trained for "
                        + training.epochsRun() + " epochs above"));
        sb.append(stageData(params));
        return sb.toString();
    }

    /**
     * Where the model or the explanations used other data than the latest data stage recorded (a later
     * {@code prepare} with other options): what each of them used; empty when they all agree.
     */
    static String stageData(RunParameters params) {
        RunParameters.DataUsed now = RunParameters.DataUsed.of(params);
        StringBuilder sb = new StringBuilder();
        String trained = params.trainedOn() == null ? "" : params.trainedOn().differences(now);
        String explained = params.explainedOn() == null ? "" : params.explainedOn().differences(now);
        if (!trained.isEmpty() || !explained.isEmpty()) {
            sb.append(" The data was prepared again after the model or explanations were made: the parameters"
                    + " below list the latest data stage's; ");
            if (!trained.isEmpty()) {
                sb.append("the model and its metrics used ").append(trained);
                sb.append(explained.isEmpty() ? ". " : "; ");
            }
            if (!explained.isEmpty()) {
                sb.append("the explanations used ").append(explained).append(". ");
            }
        }
        return sb.toString();
    }

    /** What the loss is: which loss, how it is reduced over pixels and images, and when each curve is taken. */
    static String lossCaption(ModelInfo model, boolean withValidation) {
        String which = model != null && model.loss() != null ? "The " + model.loss().description()
                : "The training loss (which one this run folder did not record)";
        List<Integer> in = model == null ? null : model.inputShape();
        String pixels = in != null && in.size() == 3 ? String.format(Locale.ROOT, " (%d x %d = %,d pixels, padded)",
                in.get(1), in.get(2), in.get(1) * in.get(2)) : "";
        return which + ", summed over the pixels of an image" + pixels + " as DL4J's CnnLossLayer scores it (divide "
                + "by the pixels for Keras' mean per pixel) and averaged over the images. Training loss: the mean "
                + "over the epoch's mini-batches, in training mode (dropout on) while the weights change."
                + (withValidation ? " Validation loss: the validation images after the epoch, in inference mode."
                : " Training loss only: this run's training.json has no validation loss (trained by an older"
                + " version).");
    }

    private static String stopNote(TrainingRecord training) {
        return switch (training.stopReasonOrGuess()) {
            case EARLY_STOPPING -> ", stopped early";
            case TIME_LIMIT -> ", stopped by the time limit";
            default -> "";
        };
    }

    private static String maskRule(TrainingRecord training) {
        TrainingRecord.MaskRule r = training.maskRule();
        if (r == null) {
            return "not recorded by this run";
        }
        return String.format(Locale.ROOT, "salt where p > %.2f, masks under %d pixels emptied; validation %.4f",
                r.threshold(), r.minSaltPixels(), r.validationKaggleTgs());
    }

    /** The metrics in the report's order, then any others. */
    private static Map<String, Double> ordered(Map<String, Double> metrics) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (metrics == null) {
            return m;
        }
        for (String k : METRIC_ORDER) {
            if (metrics.containsKey(k)) {
                m.put(k, metrics.get(k));
            }
        }
        metrics.forEach(m::putIfAbsent);
        return m;
    }

    /** One value per epoch (NaN where absent). */
    private static double[] series(TrainingRecord training, Function<TrainingRecord.Epoch, Object> value) {
        List<TrainingRecord.Epoch> h = training.historyOrEmpty();
        double[] out = new double[h.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = value.apply(h.get(i)) instanceof Number n ? n.doubleValue() : Double.NaN;
        }
        return out;
    }

    private static List<List<?>> epochRows(TrainingRecord training) {
        List<List<?>> rows = new ArrayList<>();
        for (TrainingRecord.Epoch e : training.historyOrEmpty()) {
            rows.add(List.of(e.epoch(), e.loss(), e.validationLoss() == null ? "-" : (Object) e.validationLoss(),
                    metric(e.train(), "auc"), metric(e.validation(), "auc"),
                    metric(e.train(), "mean_iou"), metric(e.validation(), "mean_iou"),
                    String.format(Locale.ROOT, "%.1f", e.trainSeconds() + e.evalSeconds()), e.best() ? "*" : ""));
        }
        return rows;
    }

    /** A metric of a set, "-" when the set or the metric is absent or undefined (NaN). */
    private static Object metric(Map<String, Double> set, String name) {
        Double v = set == null ? null : set.get(name);
        return v != null && !v.isNaN() ? (Object) v : "-";
    }

    /** The leaves of a JSON tree as {@code prefix + a.b.c} to text or number, for the parameters table. */
    static void flatten(String prefix, JsonNode node, Map<String, Object> out) {
        node.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            String key = prefix + e.getKey();
            if (v.isObject()) {
                flatten(key + ".", v, out);
            } else {
                out.put(key, v.isNumber() ? v.numberValue() : v.isTextual() ? v.asText() : v.isNull() ? "not set"
                        : v.toString());
            }
        });
    }
}
