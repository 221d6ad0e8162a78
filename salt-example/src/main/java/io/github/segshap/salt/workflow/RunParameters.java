package io.github.segshap.salt.workflow;

import io.github.segshap.salt.io.JsonFiles;
import io.github.segshap.salt.prepare.NanPolicy;
import io.github.segshap.salt.prepare.PreparedData;
import io.github.segshap.salt.prepare.ResolutionMode;
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
 */
record RunParameters(CommonSettings common, PrepareSettings prepare, DataInfo prepared, TrainSettings train,
                     ExplainSettings explain, Explained explained) {

    /** No stage recorded yet. */
    static RunParameters none() {
        return new RunParameters(null, null, null, null, null, null);
    }

    /** The recorded parameters of {@code file} (one of an earlier version too), or {@link #none()}. */
    static RunParameters read(Path file) {
        RunParameters p = JsonFiles.readIfPresent(file, RunParameters.class).orElseGet(RunParameters::none);
        if (p.empty() && Files.isRegularFile(file)) {
            Legacy old = JsonFiles.read(file, Legacy.class);
            if (old.data() != null) {
                return new RunParameters(null, null, old.prepared(), null, null, null);
            }
        }
        return p;
    }

    /** These parameters with the data stage's sections replaced. */
    RunParameters withPrepare(CommonSettings c, PrepareSettings p, DataInfo d) {
        return new RunParameters(c, p, d, train, explain, explained);
    }

    /** These parameters with the training section replaced. */
    RunParameters withTrain(TrainSettings t) {
        return new RunParameters(common, prepare, prepared, t, explain, explained);
    }

    /** These parameters with the explanation sections replaced. */
    RunParameters withExplain(ExplainSettings e, Explained used) {
        return new RunParameters(common, prepare, prepared, train, e, used);
    }

    /** Whether no stage is recorded (a missing file, or one of an earlier version). */
    boolean empty() {
        return common == null && prepare == null && prepared == null && train == null && explain == null
                && explained == null;
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
