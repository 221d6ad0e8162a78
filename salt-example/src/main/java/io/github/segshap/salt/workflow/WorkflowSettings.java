package io.github.segshap.salt.workflow;

import io.github.segshap.salt.train.TrainSettings;
import java.util.Objects;

/**
 * Every option of a salt run, one record per stage: {@link CommonSettings} (data, run folder,
 * resolution, seed), {@link PrepareSettings}, {@link TrainSettings}, {@link ExplainSettings} and
 * {@link ReportSettings}. Each default is written once, as a constant of the record it belongs to.
 * Start from {@link #of(CommonSettings)} (the other stages at their defaults) and replace stages with
 * the {@code with...} methods; the training settings are always {@linkplain TrainSettings#resolvedFor
 * resolved} for the common settings' data and resolution.
 *
 * @param common  what every stage takes
 * @param prepare the data stage's options
 * @param train   the training stage's options, resolved
 * @param explain the explanation stage's options
 * @param report  the report stage's options
 */
public record WorkflowSettings(CommonSettings common, PrepareSettings prepare, TrainSettings train,
                               ExplainSettings explain, ReportSettings report) {

    /** Checks that no stage is missing and resolves the training defaults for the data. */
    public WorkflowSettings {
        Objects.requireNonNull(common, "common");
        Objects.requireNonNull(prepare, "prepare");
        train = Objects.requireNonNull(train, "train").resolvedFor(common.synthetic(), common.resolution());
        Objects.requireNonNull(explain, "explain");
        Objects.requireNonNull(report, "report");
    }

    /** These common settings with every stage at its defaults. */
    public static WorkflowSettings of(CommonSettings common) {
        return new WorkflowSettings(common, PrepareSettings.defaults(), TrainSettings.defaults(),
                ExplainSettings.defaults(), ReportSettings.defaults());
    }

    /** Every option at its default. */
    public static WorkflowSettings defaults() {
        return of(CommonSettings.defaults());
    }

    /** These settings with other data-stage options. */
    public WorkflowSettings withPrepare(PrepareSettings p) {
        return new WorkflowSettings(common, p, train, explain, report);
    }

    /** These settings with other training options (resolved for the data). */
    public WorkflowSettings withTrain(TrainSettings t) {
        return new WorkflowSettings(common, prepare, t, explain, report);
    }

    /** These settings with other explanation options. */
    public WorkflowSettings withExplain(ExplainSettings e) {
        return new WorkflowSettings(common, prepare, train, e, report);
    }

    /** These settings with other report options. */
    public WorkflowSettings withReport(ReportSettings r) {
        return new WorkflowSettings(common, prepare, train, explain, r);
    }

    /** The run folder's files. */
    public RunLayout layout() {
        return common.layout();
    }
}
