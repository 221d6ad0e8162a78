package io.github.segshap.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One training-curve figure of the report, drawn as {@code figures/<file>.png}.
 *
 * @param file   the figure's file name without {@code .png}, e.g. {@code training_loss}
 * @param title  chart title, e.g. "Training loss per epoch (mean over pixels)"
 * @param yLabel value axis label
 * @param series name to values by epoch (the first value is epoch 1; NaN is skipped), in order
 * @param caption what the curves are (e.g. how the loss is reduced over pixels and images), or null
 *                for a caption naming the series
 */
public record TrainingCurve(String file, String title, String yLabel, Map<String, double[]> series, String caption) {
    /** A curve with the default caption. */
    public TrainingCurve(String file, String title, String yLabel, Map<String, double[]> series) {
        this(file, title, yLabel, series, null);
    }

    /** Copies the series and checks the file name. */
    public TrainingCurve {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(yLabel, "yLabel");
        if (file == null || !file.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a training curve's file name must be letters, digits, '.', '_' or"
                    + " '-', got '" + file + "'");
        }
        Map<String, double[]> copy = new LinkedHashMap<>();
        series.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "series name"), v.clone()));
        series = java.util.Collections.unmodifiableMap(copy);
    }

    /** The caption shown under the figure: the given one, or one naming the series. */
    public String captionOrDefault() {
        return caption != null ? caption : title + ": " + String.join(", ", series.keySet()) + " after each epoch.";
    }

    /** The series (copies of the values). */
    @Override
    public Map<String, double[]> series() {
        Map<String, double[]> copy = new LinkedHashMap<>();
        series.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }
}
