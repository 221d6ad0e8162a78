package io.github.segshap.salt.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.segshap.salt.train.metrics.SaltMaskRule;
import io.github.segshap.salt.train.EpochResult;
import io.github.segshap.salt.train.TrainingResult;
import java.util.List;
import java.util.Map;

/**
 * {@code training.json} (also the MLflow run's {@code training.json} artifact): the history of the
 * latest training, its best epoch and its test metrics. Metric sets are maps by metric name
 * ({@code auc}, {@code mean_iou}, {@code kaggle_tgs}, ...) as {@link
 * io.github.segshap.salt.train.metrics.SegmentationMetrics#asMap()} names them.
 *
 * @param mlflowRun    MLflow run id
 * @param epochsRun    epochs trained
 * @param bestEpoch    the epoch with the best validation AUC, whose weights were kept
 * @param bestValAuc   its validation AUC
 * @param stoppedEarly whether early stopping ended training
 * @param stopReason   what ended training (null in files that predate it: see {@link #stopReasonOrGuess()})
 * @param seconds      wall time of training
 * @param history      one entry per epoch
 * @param maskRule     the mask rule tuned on the validation set (null in files that predate it)
 * @param test         test metrics
 */
record TrainingRecord(String mlflowRun, int epochsRun, int bestEpoch, double bestValAuc, boolean stoppedEarly,
                      TrainingResult.StopReason stopReason, double seconds, List<Epoch> history, MaskRule maskRule,
                      Map<String, Double> test) {

    /** The record of a finished training. */
    static TrainingRecord of(TrainingResult r, Map<String, Double> test, SaltMaskRule.Tuned rule, String runId) {
        List<Epoch> h = r.history().stream().map(Epoch::of).toList();
        return new TrainingRecord(runId, r.epochsRun(), r.bestEpoch(), r.bestValidationAuc(), r.stoppedEarly(),
                r.stopReason(), r.seconds(), h, new MaskRule(rule.rule().threshold(), rule.rule().minSaltPixels(),
                rule.score()), test);
    }

    /** The history, never null. */
    List<Epoch> historyOrEmpty() {
        return history == null ? List.of() : history;
    }

    /** The test metrics, never null. */
    Map<String, Double> testOrEmpty() {
        return test == null ? Map.of() : test;
    }

    /** What ended training; for files without it, early stopping or the epoch limit. */
    TrainingResult.StopReason stopReasonOrGuess() {
        return stopReason != null ? stopReason : stoppedEarly ? TrainingResult.StopReason.EARLY_STOPPING
                : TrainingResult.StopReason.EPOCH_LIMIT;
    }

    /** The best epoch's entry, if the history has it. */
    Epoch best() {
        return historyOrEmpty().stream().filter(e -> e.epoch() == bestEpoch).findFirst().orElse(null);
    }

    /**
     * One epoch.
     *
     * @param epoch        epoch number, from 1
     * @param loss         mean training loss (sum over an image's pixels, mean over images)
     * @param validationLoss the validation loss after the epoch, reduced the same way (null in files
     *                     that predate it)
     * @param trainSeconds time of the training pass
     * @param evalSeconds  time of the evaluation
     * @param best         whether it was the best so far
     * @param train        training-set metrics (absent when not computed)
     * @param validation   validation metrics
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Epoch(int epoch, double loss, Double validationLoss, double trainSeconds, double evalSeconds, boolean best,
                 Map<String, Double> train, Map<String, Double> validation) {
        static Epoch of(EpochResult e) {
            return new Epoch(e.epoch(), e.loss(), e.validationLoss(), e.trainSeconds(), e.evalSeconds(), e.best(),
                    e.train() == null ? null : e.train().asMap(), e.validation().asMap());
        }
    }

    /**
     * The mask rule tuned on the validation set.
     *
     * @param threshold           salt where the probability is above it
     * @param minSaltPixels       masks with fewer salt pixels are emptied
     * @param validationKaggleTgs the Kaggle metric on the validation set under the rule
     */
    record MaskRule(double threshold, int minSaltPixels, double validationKaggleTgs) {
    }
}
