package io.github.segshap.salt.workflow;

import io.github.segshap.salt.io.JsonFiles;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.segshap.salt.explain.SampleFiles;
import io.github.segshap.salt.report.ExplainedSample;
import io.github.segshap.salt.report.Figures;
import io.github.segshap.salt.report.HtmlReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws the figures ({@code out/figures/*.png}) and writes {@code out/report.html} from what the
 * other stages left in the run folder: {@code training.json} (required), {@code model.json},
 * {@code explanations/} (selection, samples, summary; optional), {@code parameters.json} and
 * {@code timings.json}.
 *
 * <p>Per-sample panels are drawn for the first {@link WorkflowSettings#reportPanels()} samples of
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
        JsonNode training = JsonFiles.readTree(layout.training());
        JsonNode model = Files.isRegularFile(layout.modelInfo()) ? JsonFiles.readTree(layout.modelInfo()) : null;
        JsonNode params = Files.isRegularFile(layout.parameters()) ? JsonFiles.readTree(layout.parameters()) : null;
        Path exDir = layout.explanations();
        JsonNode selection = Files.isRegularFile(exDir.resolve("selection.json"))
                ? JsonFiles.readTree(exDir.resolve("selection.json")) : null;
        JsonNode summary = Files.isRegularFile(exDir.resolve("summary.json"))
                ? JsonFiles.readTree(exDir.resolve("summary.json")) : null;
        Figures fig = Figures.defaults();
        Path figDir = layout.figures();

        HtmlReport.Builder r = HtmlReport.builder("TGS salt: U-Net segmentation and channel contributions");
        r.paragraph(intro(training, params, summary));

        // ---- metrics
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        JsonNode best = bestEpoch(training);
        if (best != null && best.has("train")) {
            rows.put("train (epoch " + best.path("epoch").asInt() + ")", ordered(best.path("train")));
        }
        if (best != null) {
            rows.put("validation (epoch " + best.path("epoch").asInt() + ")", ordered(best.path("validation")));
        }
        rows.put("test", ordered(training.path("test")));
        r.metrics("Metrics of the best epoch's weights", rows);
        r.paragraph("Pixel metrics at threshold 0.5 on the " + settings.resolution().name().toLowerCase(Locale.ROOT)
                + "-resolution masks; salt_iou = TP / (TP + FP + FN) of the salt class; kaggle_tgs = the competition's"
                + " mean over images of the hit rate at IoU thresholds 0.50..0.95; kaggle_tgs_tuned = the same with"
                + " the mask rule tuned on the validation set (" + maskRule(training) + "), and its mean over the"
                + " test images without salt (the share predicted empty: kaggle_tgs_tuned_empty_images) and with salt"
                + " (kaggle_tgs_tuned_salt_images); empty_image_share = the share of test images without salt.");

        Map<String, double[]> loss = new LinkedHashMap<>();
        loss.put("training loss", series(training, null, "loss"));
        r.figure("Training curves", Figures.writePng(fig.trainingCurves("Training loss per epoch", "loss", loss),
                figDir.resolve("training_loss.png")), null);
        for (String[] metric : new String[][] {{"auc", "ROC AUC"}, {"mean_iou", "mean IoU"}}) {
            Map<String, double[]> s = new LinkedHashMap<>();
            s.put("train", series(training, "train", metric[0]));
            s.put("validation", series(training, "validation", metric[0]));
            r.figure(null, Figures.writePng(fig.trainingCurves(metric[1] + " per epoch (inference mode)", metric[1], s),
                    figDir.resolve("training_" + metric[0] + ".png")), null);
        }
        r.table("Per epoch", List.of("epoch", "loss", "train AUC", "validation AUC", "train mean IoU",
                "validation mean IoU", "seconds", "best so far"), epochRows(training));

        // ---- explanations
        List<String> panelIds = new ArrayList<>();
        List<String> allIds = new ArrayList<>();
        if (selection != null && summary != null) {
            selection.path("ids").forEach(n -> panelIds.add(n.asText()));
            summary.path("ids").forEach(n -> allIds.add(n.asText()));
            panelIds.retainAll(allIds);
        }
        if (allIds.isEmpty()) {
            r.paragraph("No explanations in " + exDir + " yet: run `salt explain` to add the channel contributions.");
        } else {
            explanationSections(r, fig, figDir, exDir, panelIds, allIds, summary);
        }

        // ---- parameters and timings
        Map<String, Object> p = new LinkedHashMap<>();
        if (params != null) {
            params.fields().forEachRemaining(e -> p.put(e.getKey(), e.getValue().isNumber() ? e.getValue().numberValue()
                    : e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        } else {
            p.putAll(settings.asMap());
        }
        if (model != null) {
            model.fields().forEachRemaining(e -> p.put("model." + e.getKey(), e.getValue().isTextual()
                    ? e.getValue().asText() : e.getValue().toString()));
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
                                     List<String> allIds, JsonNode summary) {
        List<ExplainedSample> panels = new ArrayList<>();
        for (String id : panelIds.subList(0, Math.min(settings.reportPanels(), panelIds.size()))) {
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
                + settings.samples() + "). Top row: true mask and the four model inputs (power-transformed); bottom"
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
        for (JsonNode ch : summary.path("channels")) {
            rows.add(List.of(ch.path("name").asText(), num(ch, "mean_abs"), num(ch, "mean_abs_salt"),
                    num(ch, "mean_abs_not_salt"), num(ch, "mean_salt"), num(ch, "mean_not_salt"),
                    num(ch, "correlation_input_contribution")));
        }
        r.table("Contributions over all " + summary.path("samples").asInt() + " explained samples",
                List.of("channel", "mean |c|", "mean |c| salt", "mean |c| not salt", "mean c salt", "mean c not salt",
                        "corr(input, c)"), rows);
        r.paragraph(String.format(Locale.ROOT, "Mean base value %.4f, mean prediction %.4f, largest additivity "
                        + "residual %.2g over %d salt and %d other pixels.", summary.path("mean_base_value").asDouble(),
                summary.path("mean_prediction").asDouble(), summary.path("max_abs_residual").asDouble(),
                summary.path("salt_pixels").asLong(), summary.path("other_pixels").asLong()));

        List<String> header = new ArrayList<>();
        header.add("channel / pixels");
        JsonNode firstBins = summary.path("channels").path(0).path("bins");
        for (JsonNode b : firstBins) {
            header.add(binLabel(b));
        }
        List<List<?>> binRows = new ArrayList<>();
        for (JsonNode ch : summary.path("channels")) {
            for (String[] g : new String[][] {{"salt", "mean_contribution_salt"},
                    {"not salt", "mean_contribution_not_salt"}}) {
                List<Object> row = new ArrayList<>();
                row.add(ch.path("name").asText() + ", " + g[0]);
                for (JsonNode b : ch.path("bins")) {
                    row.add(b.path(g[1]).isNumber() ? (Object) b.path(g[1]).asDouble() : "-");
                }
                binRows.add(row);
            }
        }
        r.table("Mean contribution by input value (standardised input, bins of 0.5)", header, binRows);
    }

    private static String binLabel(JsonNode b) {
        JsonNode lo = b.path("lower");
        JsonNode hi = b.path("upper");
        if (lo.isNull() || lo.isMissingNode()) {
            return "< " + fmt(hi.asDouble());
        }
        if (hi.isNull() || hi.isMissingNode()) {
            return ">= " + fmt(lo.asDouble());
        }
        return fmt(lo.asDouble()) + ".." + fmt(hi.asDouble());
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static Object num(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? (Object) v.asDouble() : "-";
    }

    private String intro(JsonNode training, JsonNode params, JsonNode summary) {
        StringBuilder sb = new StringBuilder();
        // what the data stage recorded wins over this command's options (report may run on its own)
        String data = params != null ? params.path("data").asText("") : "";
        boolean synthetic = params != null ? data.startsWith("synthetic") : settings.synthetic();
        String resolution = params != null ? params.path("resolution").asText()
                : settings.resolution().name().toLowerCase(Locale.ROOT);
        if (synthetic) {
            sb.append("Data: the embedded synthetic salt data set ").append(data.isEmpty()
                            ? "(" + settings.syntheticSamples() + " samples)" : data.substring("synthetic".length()).trim())
                    .append(" - a demonstration of the pipeline, not a result; run with --data on"
                            + " the TGS training set for real results. ");
        } else {
            sb.append("Data: ").append(data.isEmpty() ? String.valueOf(settings.data()) : data).append(". ");
        }
        sb.append(String.format(Locale.ROOT, "U-Net trained for %d epochs (best epoch %d by validation AUC%s) at %s"
                        + " resolution; test Kaggle metric %.4f (%.4f with the mask rule tuned on validation),"
                        + " test salt IoU %.4f.",
                training.path("epochs_run").asInt(), training.path("best_epoch").asInt(),
                stopNote(training), resolution,
                training.path("test").path("kaggle_tgs").asDouble(Double.NaN),
                training.path("test").path("kaggle_tgs_tuned").asDouble(Double.NaN),
                training.path("test").path("salt_iou").asDouble(Double.NaN)));
        if (summary != null) {
            sb.append(String.format(Locale.ROOT, " %d test samples explained with one Shapley player per input "
                    + "channel (seismic, energy, semblance, Sobel).", summary.path("samples").asInt()));
        }
        return sb.toString();
    }

    private static String stopNote(JsonNode training) {
        String reason = training.path("stop_reason").asText(training.path("stopped_early").asBoolean()
                ? "early_stopping" : "epoch_limit");
        return switch (reason) {
            case "early_stopping" -> ", stopped early";
            case "time_limit" -> ", stopped by the time limit";
            default -> "";
        };
    }

    private static String maskRule(JsonNode training) {
        JsonNode r = training.path("mask_rule");
        if (r.isMissingNode()) {
            return "not recorded by this run";
        }
        return String.format(Locale.ROOT, "salt where p > %.2f, masks under %d pixels emptied; validation %.4f",
                r.path("threshold").asDouble(), r.path("min_salt_pixels").asInt(),
                r.path("validation_kaggle_tgs").asDouble());
    }

    private static JsonNode bestEpoch(JsonNode training) {
        int best = training.path("best_epoch").asInt();
        for (JsonNode e : training.path("history")) {
            if (e.path("epoch").asInt() == best) {
                return e;
            }
        }
        return null;
    }

    private static Map<String, Double> ordered(JsonNode metrics) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String k : METRIC_ORDER) {
            if (metrics.has(k)) {
                m.put(k, metrics.path(k).asDouble(Double.NaN));
            }
        }
        for (Iterator<String> it = metrics.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            m.putIfAbsent(k, metrics.path(k).asDouble(Double.NaN));
        }
        return m;
    }

    private static double[] series(JsonNode training, String set, String metric) {
        JsonNode h = training.path("history");
        double[] out = new double[h.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = set == null ? h.get(i) : h.get(i).path(set);
            JsonNode v = e.path(metric);
            out[i] = v.isNumber() ? v.asDouble() : Double.NaN;
        }
        return out;
    }

    private static List<List<?>> epochRows(JsonNode training) {
        List<List<?>> rows = new ArrayList<>();
        for (JsonNode e : training.path("history")) {
            rows.add(List.of(e.path("epoch").asInt(), e.path("loss").asDouble(), metric(e, "train", "auc"),
                    metric(e, "validation", "auc"), metric(e, "train", "mean_iou"), metric(e, "validation", "mean_iou"),
                    String.format(Locale.ROOT, "%.1f", e.path("train_seconds").asDouble()
                            + e.path("eval_seconds").asDouble()), e.path("best").asBoolean() ? "*" : ""));
        }
        return rows;
    }

    private static Object metric(JsonNode epoch, String set, String name) {
        JsonNode v = epoch.path(set).path(name);
        return v.isNumber() ? (Object) v.asDouble() : "-";
    }
}
