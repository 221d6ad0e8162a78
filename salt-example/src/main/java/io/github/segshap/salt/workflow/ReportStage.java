package io.github.segshap.salt.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.segshap.salt.explain.SampleFiles;
import io.github.segshap.salt.io.JsonFiles;
import io.github.segshap.salt.report.ExplainedSample;
import io.github.segshap.salt.report.Figures;
import io.github.segshap.salt.report.HtmlReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Draws the figures ({@code out/figures/*.png}) and writes {@code out/report.html} from what the
 * other stages left in the run folder: {@code training.json} (required), {@code model.json},
 * {@code explanations/} (selection, samples, summary; optional), {@code parameters.json} and
 * {@code timings.json}.
 *
 * <p>Per-sample panels are drawn for the first {@link ReportSettings#panels()} samples of
 * the latest selection, additive strips for the first three of them; the global figures use at most
 * {@value #GLOBAL_FIGURE_SAMPLES} explained samples (the summary tables use all of them).
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

    Path run() {
        RunLayout layout = settings.layout();
        if (!Files.isRegularFile(layout.training())) {
            throw new WorkflowException(Failure.MISSING_STAGE, "nothing to report in " + layout.root() + ": "
                    + layout.training().getFileName() + " is missing; run `salt train` (or `salt run-all`) with --out "
                    + layout.root() + " first");
        }
        TrainingRecord training = JsonFiles.read(layout.training(), TrainingRecord.class);
        ModelInfo model = JsonFiles.readIfPresent(layout.modelInfo(), ModelInfo.class).orElse(null);
        RunParameters params = RunParameters.read(layout.parameters());
        Path exDir = layout.explanations();
        ExplanationFiles.Selection selection = ExplanationFiles.selection(exDir).orElse(null);
        ExplanationFiles.Summary summary = ExplanationFiles.summary(exDir).orElse(null);
        Figures fig = Figures.defaults();
        Path figDir = layout.figures();

        HtmlReport.Builder r = HtmlReport.builder("TGS salt: U-Net segmentation and channel contributions");
        r.paragraph(intro(training, params, summary));

        // ---- metrics
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        TrainingRecord.Epoch best = training.best();
        if (best != null && best.train() != null) {
            rows.put("train (epoch " + best.epoch() + ")", ordered(best.train()));
        }
        if (best != null) {
            rows.put("validation (epoch " + best.epoch() + ")", ordered(best.validation()));
        }
        rows.put("test", ordered(training.testOrEmpty()));
        r.metrics("Metrics of the best epoch's weights", rows);
        r.paragraph("Pixel metrics at threshold 0.5 on the " + resolution(params)
                + "-resolution masks; salt_iou = TP / (TP + FP + FN) of the salt class; kaggle_tgs = the competition's"
                + " mean over images of the hit rate at IoU thresholds 0.50..0.95; kaggle_tgs_tuned = the same with"
                + " the mask rule tuned on the validation set (" + maskRule(training) + "), and its mean over the"
                + " test images without salt (the share predicted empty: kaggle_tgs_tuned_empty_images) and with salt"
                + " (kaggle_tgs_tuned_salt_images); empty_image_share = the share of test images without salt.");

        Map<String, double[]> loss = new LinkedHashMap<>();
        loss.put("training loss", series(training, e -> e.loss()));
        r.figure("Training curves", Figures.writePng(fig.trainingCurves("Training loss per epoch", "loss", loss),
                figDir.resolve("training_loss.png")), null);
        for (String[] metric : new String[][] {{"auc", "ROC AUC"}, {"mean_iou", "mean IoU"}}) {
            Map<String, double[]> s = new LinkedHashMap<>();
            s.put("train", series(training, e -> metric(e.train(), metric[0])));
            s.put("validation", series(training, e -> metric(e.validation(), metric[0])));
            r.figure(null, Figures.writePng(fig.trainingCurves(metric[1] + " per epoch (inference mode)", metric[1], s),
                    figDir.resolve("training_" + metric[0] + ".png")), null);
        }
        r.table("Per epoch", List.of("epoch", "loss", "train AUC", "validation AUC", "train mean IoU",
                "validation mean IoU", "seconds", "best so far"), epochRows(training));

        // ---- explanations
        List<String> panelIds = new ArrayList<>();
        List<String> allIds = new ArrayList<>();
        if (selection != null && summary != null) {
            panelIds.addAll(selection.idsOrEmpty());
            allIds.addAll(summary.idsOrEmpty());
            panelIds.retainAll(allIds);
        }
        if (allIds.isEmpty()) {
            r.paragraph("No explanations in " + exDir + " yet: run `salt explain` to add the channel contributions.");
        } else {
            explanationSections(r, fig, figDir, exDir, panelIds, allIds, selection, summary);
        }

        // ---- parameters and timings
        Map<String, Object> p = new LinkedHashMap<>();
        // what the stages recorded; a folder without a record shows this command's common settings
        flatten("", params.empty() ? JsonFiles.JSON.createObjectNode().set("common",
                JsonFiles.JSON.valueToTree(settings.common())) : JsonFiles.JSON.valueToTree(params), p);
        if (model != null) {
            flatten("model.", JsonFiles.JSON.valueToTree(model), p);
        }
        r.parameters("Parameters", p);
        Map<String, Double> timings = StageTimings.read(layout.timings());
        if (!timings.isEmpty()) {
            r.timings("Timings (latest run of each stage, wall clock)", timings);
        }
        r.notes("How to read the figures", HtmlReport.READING_NOTES);
        return r.build().write(layout.report());
    }

    private void explanationSections(HtmlReport.Builder r, Figures fig, Path figDir, Path exDir, List<String> panelIds,
                                     List<String> allIds, ExplanationFiles.Selection selection,
                                     ExplanationFiles.Summary summary) {
        List<ExplainedSample> panels = new ArrayList<>();
        for (String id : panelIds.subList(0, Math.min(settings.report().panels(), panelIds.size()))) {
            panels.add(SampleFiles.read(exDir.resolve(id)));
        }
        List<ExplainedSample> global = new ArrayList<>(panels);
        for (String id : allIds) {
            if (global.size() >= GLOBAL_FIGURE_SAMPLES) {
                break;
            }
            if (global.stream().noneMatch(s -> s.id().equals(id))) {
                global.add(SampleFiles.read(exDir.resolve(id)));
            }
        }
        ExplainedSample first = panels.isEmpty() ? global.get(0) : panels.get(0);
        r.figure("Expected values", Figures.writePng(fig.expectedValues(first.baseValues()),
                figDir.resolve("expected_values.png")), "The model's mean output over the background of "
                + "training images: the map every explanation starts from (the same for every sample).");
        r.heading("Samples: inputs, prediction and channel contributions");
        r.paragraph(panels.size() + " of the " + allIds.size() + " explained test samples (selection: "
                + selection.selection() + "). Top row: true mask and the four model inputs (power-transformed); bottom"
                + " row: predicted probability and each channel's contribution on one colour scale.");
        for (ExplainedSample s : panels) {
            r.figure(null, Figures.writePng(fig.samplePanel(s), figDir.resolve("sample_" + s.id() + ".png")), null);
        }
        if (!panels.isEmpty()) {
            r.heading("Additive strips");
            for (ExplainedSample s : panels.subList(0, Math.min(3, panels.size()))) {
                r.figure(null, Figures.writePng(fig.additiveStrip(s), figDir.resolve("additive_" + s.id() + ".png")),
                        null);
            }
        }
        String over = global.size() == allIds.size() ? "all " + allIds.size() + " explained samples"
                : global.size() + " of the " + allIds.size() + " explained samples (the tables below use all)";
        r.figure("Global analysis", Figures.writePng(fig.meanAbsContribution(global),
                figDir.resolve("mean_abs_contribution.png")), "Mean |contribution| per channel over " + over + ".");
        r.figure(null, Figures.writePng(fig.globalByChannel(global), figDir.resolve("global_by_channel.png")),
                "Input value vs. contribution, every pixel of " + over + " (sampled for drawing).");
        r.figure(null, Figures.writePng(fig.globalCombined(global, Figures.Grouping.TRUE_MASK),
                figDir.resolve("global_combined.png")), null);

        List<List<?>> rows = new ArrayList<>();
        for (ExplanationFiles.Channel ch : summary.channelsOrEmpty()) {
            rows.add(List.of(ch.name(), num(ch.meanAbs()), num(ch.meanAbsSalt()), num(ch.meanAbsNotSalt()),
                    num(ch.meanSalt()), num(ch.meanNotSalt()), num(ch.correlationInputContribution())));
        }
        r.table("Contributions over all " + summary.samples() + " explained samples",
                List.of("channel", "mean |c|", "mean |c| salt", "mean |c| not salt", "mean c salt", "mean c not salt",
                        "corr(input, c)"), rows);
        r.paragraph(String.format(Locale.ROOT, "Mean base value %.4f, mean prediction %.4f, largest additivity "
                        + "residual %.2g over %d salt and %d other pixels.", summary.meanBaseValue(),
                summary.meanPrediction(), summary.maxAbsResidual(), summary.saltPixels(), summary.otherPixels()));

        List<String> header = new ArrayList<>();
        header.add("channel / pixels");
        List<ExplanationFiles.Channel> channels = summary.channelsOrEmpty();
        if (!channels.isEmpty()) {
            for (ExplanationFiles.Bin b : channels.get(0).binsOrEmpty()) {
                header.add(binLabel(b));
            }
        }
        List<List<?>> binRows = new ArrayList<>();
        for (ExplanationFiles.Channel ch : channels) {
            List<Object> salt = new ArrayList<>();
            List<Object> other = new ArrayList<>();
            salt.add(ch.name() + ", salt");
            other.add(ch.name() + ", not salt");
            for (ExplanationFiles.Bin b : ch.binsOrEmpty()) {
                salt.add(num(b.meanContributionSalt()));
                other.add(num(b.meanContributionNotSalt()));
            }
            binRows.add(salt);
            binRows.add(other);
        }
        r.table("Mean contribution by input value (standardised input, bins of 0.5)", header, binRows);
    }

    private static String binLabel(ExplanationFiles.Bin b) {
        if (b.lower() == null) {
            return "< " + fmt(b.upper());
        }
        if (b.upper() == null) {
            return ">= " + fmt(b.lower());
        }
        return fmt(b.lower()) + ".." + fmt(b.upper());
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** A number for a table cell, "-" when absent or undefined (NaN). */
    private static Object num(Double v) {
        return v != null && !v.isNaN() ? (Object) v : "-";
    }

    /** The resolution the data was prepared at, as recorded (else this command's). */
    private String resolution(RunParameters params) {
        RunParameters.DataInfo d = params.prepared();
        return (d != null && d.resolution() != null ? d.resolution() : settings.common().resolution()).name()
                .toLowerCase(Locale.ROOT);
    }

    private String intro(TrainingRecord training, RunParameters params, ExplanationFiles.Summary summary) {
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
        if (summary != null) {
            sb.append(String.format(Locale.ROOT, " %d test samples explained with one Shapley player per input "
                    + "channel (seismic, energy, semblance, Sobel).", summary.samples()));
        }
        return sb.toString();
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
            rows.add(List.of(e.epoch(), e.loss(), metric(e.train(), "auc"), metric(e.validation(), "auc"),
                    metric(e.train(), "mean_iou"), metric(e.validation(), "mean_iou"),
                    String.format(Locale.ROOT, "%.1f", e.trainSeconds() + e.evalSeconds()), e.best() ? "*" : ""));
        }
        return rows;
    }

    /** A metric of a set, "-" when the set or the metric is absent or undefined (NaN). */
    private static Object metric(Map<String, Double> set, String name) {
        return num(set == null ? null : set.get(name));
    }

    /** The leaves of a JSON tree as {@code prefix + a.b.c} to text or number, for the parameters table. */
    private static void flatten(String prefix, JsonNode node, Map<String, Object> out) {
        node.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            String key = prefix + e.getKey();
            if (v.isObject()) {
                flatten(key + ".", v, out);
            } else {
                out.put(key, v.isNumber() ? v.numberValue() : v.isTextual() ? v.asText() : v.toString());
            }
        });
    }
}
