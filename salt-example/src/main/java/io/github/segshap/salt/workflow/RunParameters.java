package io.github.segshap.salt.workflow;

import io.github.segshap.salt.io.JsonFiles;
import io.github.segshap.salt.prepare.NanPolicy;
import io.github.segshap.salt.prepare.preprocess.AttributeAxis;
import io.github.segshap.salt.prepare.PreparedData;
import io.github.segshap.salt.prepare.ResolutionMode;
import io.github.segshap.salt.train.TrainSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code parameters.json}: the settings of the latest run of each stage in this run folder, one
 * section per stage (absent until that stage ran), plus what the data stage produced. Each stage
 * replaces its own section: {@code prepare} the common, data-stage and prepared-data sections,
 * {@code train} its own, {@code explain} its settings and what it used ({@link Explained}). Files of earlier versions (one flat object of
 * every option) read as what they say of the prepared data ({@link Legacy}).
 *
 * @param common   the common settings of the latest data stage
 * @param prepare  the data-stage settings
 * @param prepared what the data stage produced
 * @param train   the settings of the latest training (resolved)
 * @param explain   the settings of the latest explanation
 * @param explained what the latest explanation used, where it differs from what was asked
 * @param trainedOn   the data the latest training used (the data stage's record when it trained)
 * @param explainedOn the data the latest explanation used
 */
record RunParameters(CommonSettings common, PrepareSettings prepare, DataInfo prepared, TrainSettings train,
                     ExplainSettings explain, Explained explained, DataUsed trainedOn, DataUsed explainedOn) {

    /** No stage recorded yet. */
    static RunParameters none() {
        return new RunParameters(null, null, null, null, null, null, null, null);
    }

    /** The recorded parameters of {@code file} (one of an earlier version too), or {@link #none()}. */
    static RunParameters read(Path file) {
        RunParameters p = JsonFiles.readIfPresent(file, RunParameters.class).orElseGet(RunParameters::none);
        if (p.empty() && Files.isRegularFile(file)) {
            Legacy old = JsonFiles.read(file, Legacy.class);
            if (old.data() != null) {
                return new RunParameters(null, null, old.prepared(), null, null, null, null, null);
            }
        }
        return p;
    }

    /** These parameters with the data stage's sections replaced. */
    RunParameters withPrepare(CommonSettings c, PrepareSettings p, DataInfo d) {
        return new RunParameters(c, p, d, train, explain, explained, trainedOn, explainedOn);
    }

    /** These parameters with the training section replaced; the data it used is the recorded data stage's. */
    RunParameters withTrain(TrainSettings t) {
        return new RunParameters(common, prepare, prepared, t, explain, explained, DataUsed.of(this), explainedOn);
    }

    /** These parameters with the explanation sections replaced; the data it used is the recorded data stage's. */
    RunParameters withExplain(ExplainSettings e, Explained used) {
        return new RunParameters(common, prepare, prepared, train, e, used, trainedOn, DataUsed.of(this));
    }

    /** Whether no stage is recorded (a missing file, or one of an earlier version). */
    boolean empty() {
        return common == null && prepare == null && prepared == null && train == null && explain == null
                && explained == null && trainedOn == null && explainedOn == null;
    }

    /**
     * The data a stage used: what the data stage recorded when the stage ran.
     *
     * @param source     the data folder, or {@code synthetic (N samples, seed S)}; null when not recorded
     * @param axis       the energy attribute's axis
     * @param resolution the resolution mode
     */
    record DataUsed(String source, AttributeAxis axis, ResolutionMode resolution) {
        /** What {@code p}'s data-stage sections record, or null when they record nothing. */
        static DataUsed of(RunParameters p) {
            if (p.prepare() == null && p.prepared() == null) {
                return null;
            }
            return new DataUsed(p.prepared() == null ? null : p.prepared().source(),
                    p.prepare() == null ? null : p.prepare().axis(),
                    p.prepared() == null ? null : p.prepared().resolution());
        }

        /** How this differs from {@code other} (", "-separated {@code name value}), empty when it does not. */
        String differences(DataUsed other) {
            java.util.List<String> d = new java.util.ArrayList<>();
            if (other == null) {
                return "";
            }
            if (!java.util.Objects.equals(source, other.source)) {
                d.add("data " + source);
            }
            if (!java.util.Objects.equals(axis, other.axis)) {
                d.add("axis " + (axis == null ? "not set" : axis.name().toLowerCase(Locale.ROOT)));
            }
            if (!java.util.Objects.equals(resolution, other.resolution)) {
                d.add("resolution " + (resolution == null ? "not set" : resolution.name().toLowerCase(Locale.ROOT)));
            }
            return String.join(", ", d);
        }
    }

    /**
     * What the explanation stage used.
     *
     * @param backgroundSize training images in the background: {@code --background}, or every
     *                       training image when the training set is smaller
     */
    record Explained(int backgroundSize) {
    }

    /**
     * What the data stage produced.
     *
     * @param source             the data folder, or {@code synthetic (N samples, seed S)}
     * @param resolution         the resolution mode it was prepared at
     * @param nanPolicy          how samples with NaN attributes were handled
     * @param trainSamples       training samples
     * @param validationSamples  validation samples
     * @param testSamples        test samples
     * @param droppedForNan      samples dropped for NaN attributes, by split ({@code train},
     *                           {@code validation}, {@code test}), only splits that lost any
     * @param imageSize          height and width of the prepared images (0 when not recorded)
     */
    record DataInfo(String source, ResolutionMode resolution, NanPolicy nanPolicy, int trainSamples, int validationSamples, int testSamples,
                    Map<String, Integer> droppedForNan, int imageSize) {

        /** What {@code d} holds, prepared with these settings. */
        static DataInfo of(PreparedData d, CommonSettings common, PrepareSettings prepare) {
            Map<String, Integer> dropped = new LinkedHashMap<>();
            d.droppedForNan().forEach((part, ids) -> {
                if (!ids.isEmpty()) {
                    dropped.put(part.fileName(), ids.size());
                }
            });
            String source = common.synthetic() ? String.format(Locale.ROOT, "synthetic (%d samples, seed %d)",
                    prepare.syntheticSamples(), common.seed()) : common.data().toString();
            return new DataInfo(source, d.resolution(), d.parameters().nanPolicy(), d.train().count(), d.validation().count(),
                    d.test().count(), dropped, d.size());
        }

        /** Whether the data is the generated synthetic data set. */
        boolean synthetic() {
            return source != null && source.startsWith("synthetic");
        }
    }

    /**
     * What {@code parameters.json} of earlier versions (one flat object of every option) says of the
     * prepared data.
     *
     * @param data       the data folder, or {@code synthetic (N samples, seed S)}
     * @param resolution the resolution mode
     * @param nanPolicy  the NaN handling
     * @param imageSize  the prepared images' side
     */
    record Legacy(String data, ResolutionMode resolution, NanPolicy nanPolicy, int imageSize) {
        DataInfo prepared() {
            return new DataInfo(data, resolution, nanPolicy, 0, 0, 0, Map.of(), imageSize);
        }
    }
}
