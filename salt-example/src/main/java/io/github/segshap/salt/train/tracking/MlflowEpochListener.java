package io.github.segshap.salt.train.tracking;

import io.github.segshap.salt.train.EpochListener;
import io.github.segshap.salt.train.EpochResult;
import io.github.segshap.salt.train.SegmentationData;
import io.github.segshap.salt.train.TrainingOptions;
import io.github.segshap.salt.train.TrainingResult;
import java.util.Map;

/**
 * Records a {@link io.github.segshap.salt.train.Trainer} run in an {@link MlflowRun}, with Keras'
 * naming: at the start the training options as parameters ({@code epochs}, {@code batch_size},
 * {@code patience}, {@code seed}, {@code flip_augmentation}, {@code threshold}, data shapes); per
 * epoch (step = epoch number, from 1) {@code loss} and {@code val_loss}, the training metrics ({@code auc},
 * {@code mean_iou}, {@code tp}, ...), the validation metrics prefixed {@code val_}, and
 * {@code epoch_seconds}; at the end {@code best_epoch}, {@code best_val_auc},
 * {@code training_seconds} and the tag {@code stopped_early}. It does not end the run.
 */
public final class MlflowEpochListener implements EpochListener {

    private final MlflowRun run;

    /**
     * @param run the run to log into
     */
    public MlflowEpochListener(MlflowRun run) {
        this.run = java.util.Objects.requireNonNull(run, "run");
    }

    @Override
    public void onStart(TrainingOptions o, SegmentationData train, SegmentationData validation) {
        run.logParam("epochs", o.settings().epochs());
        run.logParam("batch_size", o.settings().batchSize());
        run.logParam("patience", o.settings().patience());
        run.logParam("min_delta", o.minDelta());
        run.logParam("seed", o.seed());
        run.logParam("flip_augmentation", o.settings().flipAugmentation());
        run.logParam("threshold", o.threshold());
        run.logParam("train_samples", train.count());
        run.logParam("validation_samples", validation.count());
        run.logParam("input_shape", train.channels() + "x" + train.height() + "x" + train.width());
    }

    @Override
    public void onEpoch(EpochResult r) {
        long step = r.epoch();
        run.logMetric("loss", r.loss(), step);
        run.logMetric("val_loss", r.validationLoss(), step);
        if (r.train() != null) {
            run.logMetrics(r.train().asMap(), step);
        }
        for (Map.Entry<String, Double> e : r.validation().asMap().entrySet()) {
            run.logMetric("val_" + e.getKey(), e.getValue(), step);
        }
        run.logMetric("epoch_seconds", r.seconds(), step);
    }

    @Override
    public void onEnd(TrainingResult result) {
        run.logMetric("best_epoch", result.bestEpoch(), result.epochsRun());
        run.logMetric("best_val_auc", result.bestValidationAuc(), result.epochsRun());
        run.logMetric("training_seconds", result.seconds(), result.epochsRun());
        run.setTag("stopped_early", Boolean.toString(result.stoppedEarly()));
        run.setTag("stop_reason", result.stopReason().name().toLowerCase(java.util.Locale.ROOT));
    }
}
