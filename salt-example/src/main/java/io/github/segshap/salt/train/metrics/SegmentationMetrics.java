package io.github.segshap.salt.train.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-epoch metrics of a binary segmentation, as one immutable value.
 *
 * <p>Names used by {@link #asMap()} (and hence by run tracking and the report): {@code tp},
 * {@code fp}, {@code tn}, {@code fn}, {@code binary_accuracy}, {@code precision}, {@code recall},
 * {@code auc}, {@code mean_iou}, and {@code kaggle_tgs} when it was computed.
 *
 * @param counts pixel confusion counts at the threshold
 * @param auc exact pixel ROC AUC (NaN when one class is absent)
 * @param kaggleTgs Kaggle TGS metric, NaN when not computed
 * @param threshold probability threshold used
 */
public record SegmentationMetrics(ConfusionCounts counts, double auc, double kaggleTgs, double threshold) {

    /**
     * Checks the counts are present.
     *
     * @throws NullPointerException if counts is null
     */
    public SegmentationMetrics {
        java.util.Objects.requireNonNull(counts, "counts");
    }

    /**
     * Computes all pixel metrics at threshold 0.5, without the Kaggle metric.
     *
     * @param probabilities predicted probabilities, not modified
     * @param truth labels, not modified
     * @return the metrics
     */
    public static SegmentationMetrics compute(float[] probabilities, float[] truth) {
        return compute(probabilities, truth, 0, ConfusionCounts.DEFAULT_THRESHOLD);
    }

    /**
     * Computes all metrics.
     *
     * @param probabilities predicted probabilities, images one after the other, not modified
     * @param truth labels in the same layout, not modified
     * @param pixelsPerImage pixels per image; when &gt; 0 the Kaggle TGS metric is computed too,
     *     when 0 it is left NaN
     * @param threshold probability threshold
     * @return the metrics
     */
    public static SegmentationMetrics compute(float[] probabilities, float[] truth, int pixelsPerImage,
                                              double threshold) {
        ConfusionCounts c = ConfusionCounts.of(probabilities, truth, threshold);
        double auc = RocAuc.of(probabilities, truth);
        double kaggle = pixelsPerImage > 0
                ? KaggleTgsMetric.meanScore(probabilities, truth, pixelsPerImage, threshold)
                : Double.NaN;
        return new SegmentationMetrics(c, auc, kaggle, threshold);
    }

    /** @return binary accuracy */
    public double accuracy() {
        return counts.accuracy();
    }

    /** @return precision */
    public double precision() {
        return counts.precision();
    }

    /** @return recall */
    public double recall() {
        return counts.recall();
    }

    /** @return two-class mean IoU (see {@link ConfusionCounts#meanIou()}) */
    public double meanIou() {
        return counts.meanIou();
    }

    /**
     * The metrics by name, in a fixed order.
     *
     * @return an unmodifiable ordered map
     */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("tp", (double) counts.tp());
        m.put("fp", (double) counts.fp());
        m.put("tn", (double) counts.tn());
        m.put("fn", (double) counts.fn());
        m.put("binary_accuracy", accuracy());
        m.put("precision", precision());
        m.put("recall", recall());
        m.put("auc", auc);
        m.put("mean_iou", meanIou());
        if (!Double.isNaN(kaggleTgs)) {
            m.put("kaggle_tgs", kaggleTgs);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "acc=%.4f prec=%.4f rec=%.4f auc=%.4f mIoU=%.4f%s",
                accuracy(), precision(), recall(), auc, meanIou(),
                Double.isNaN(kaggleTgs) ? "" : String.format(java.util.Locale.ROOT, " kaggle=%.4f", kaggleTgs));
    }
}
