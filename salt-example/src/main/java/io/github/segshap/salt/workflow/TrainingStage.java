package io.github.segshap.salt.workflow;

import io.github.segshap.salt.io.JsonFiles;
import io.github.segshap.dl4j.zoo.UNet;
import io.github.segshap.salt.metrics.KaggleTgsMetric;
import io.github.segshap.salt.metrics.SaltMaskRule;
import io.github.segshap.salt.metrics.SegmentationMetrics;
import io.github.segshap.salt.pipeline.PreparedData;
import io.github.segshap.salt.pipeline.SplitData;
import io.github.segshap.salt.preprocess.Padding;
import io.github.segshap.salt.tracking.MlflowEpochListener;
import io.github.segshap.salt.tracking.MlflowFileStore;
import io.github.segshap.salt.tracking.MlflowRun;
import io.github.segshap.salt.tracking.RunStatus;
import io.github.segshap.salt.train.EpochResult;
import io.github.segshap.salt.train.SegmentationData;
import io.github.segshap.salt.train.Trainer;
import io.github.segshap.salt.train.TrainingOptions;
import io.github.segshap.salt.train.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Trains the seed's U-Net (F filters, k x k kernels and depth as the settings say - the original's
 * 8, 5 and 2 by default -, dropout 0.5 unless set, Adam 1e-3; the decoder's up-sampling as the
 * settings say) with the binary focal loss (or the loss the settings choose) on the prepared data,
 * records the run in the MLflow store, computes the test metrics (at the data's size: inputs are
 * reflect-padded to a multiple of 2^depth, 101 to 104 at depth 2, and predictions cropped back) -
 * at threshold 0.5 and, as
 * {@code kaggle_tgs_tuned}, with a {@link SaltMaskRule} tuned on the validation set, split into its
 * mean over the test images without salt and with salt - and leaves:
 * <ul>
 *   <li>the model in the run's artifacts ({@code model/model.zip}) and a copy at {@code out/model.zip};</li>
 *   <li>{@code out/model.json}: input shape (padded), data shape, architecture, resolution, axis,
 *   MLflow run;</li>
 *   <li>{@code out/training.json}: per-epoch metrics, best epoch, test metrics.</li>
 * </ul>
 * The three files are replaced only after training succeeded (atomic renames); a failed training
 * marks its MLflow run FAILED and leaves the previous model in place.
 */
final class TrainingStage {
    private final WorkflowSettings settings;

    TrainingStage(WorkflowSettings settings) {
        this.settings = settings;
    }

    /** What {@link #run} produced. */
    record Outcome(TrainingResult result, Map<String, Double> test, String runId, Path model) {
    }

    Outcome run(PreparedData data) {
        RunLayout layout = settings.layout();
        int size = data.size();
        Padding padding = Padding.toMultipleOf(size, size, UNet.requiredMultiple(settings.depth()));
        int ph = padding.paddedHeight();
        int pw = padding.paddedWidth();
        int c = data.train().channels();
        SegmentationData train = padded(data.train(), padding);
        SegmentationData validation = padded(data.validation(), padding);
        ComputationGraph net = UNet.builder().filters(settings.filters()).kernel(settings.kernel())
                .depth(settings.depth()).dropoutKeep(1 - settings.dropout()).inputShape(c, ph, pw)
                .upsampling(settings.upsampling()).batchNormalization(settings.batchNormalization())
                .updater(adam(settings.learningRateDecay(), stepsPerEpoch(train.count(), settings.batchSize())))
                .loss(settings.loss().create(ph * pw)).seed(settings.seed()).build();

        MlflowFileStore store = MlflowFileStore.open(layout.mlruns());
        String experiment = store.getOrCreateExperiment(WorkflowSettings.EXPERIMENT);
        String runName = "unet-" + data.resolution().name().toLowerCase(Locale.ROOT) + "-" + ph;
        MlflowRun run = store.startRun(experiment, runName);
        try {
            run.logParam("resolution", data.resolution().name().toLowerCase(Locale.ROOT));
            run.logParam("axis", data.axis().name().toLowerCase(Locale.ROOT));
            run.logParam("data", settings.synthetic() ? "synthetic" : String.valueOf(settings.data()));
            run.logParam("data_size", size);
            run.logParam("padded_size", ph);
            run.logParam("filters", settings.filters());
            run.logParam("kernel", settings.kernel());
            run.logParam("depth", settings.depth());
            run.logParam("dropout_keep", 1 - settings.dropout());
            run.logParam("upsampling", settings.upsampling().name().toLowerCase(Locale.ROOT));
            run.logParam("flip_augmentation", settings.flipAugmentation());
            run.logParam("batch_normalization", settings.batchNormalization());
            run.logParam("time_limit_minutes", settings.timeLimit() == null ? "none"
                    : String.valueOf(settings.timeLimit().toMinutes()));
            run.logParam("loss", settings.loss().description());
            run.logParam("optimizer", "adam 1e-3");
            run.logParam("learning_rate_decay_per_epoch", settings.learningRateDecay());
            run.logParam("test_samples", data.test().count());
            TrainingOptions options = TrainingOptions.builder().epochs(settings.epochs()).patience(settings.patience())
                    .batchSize(settings.batchSize()).seed(settings.seed()).timeLimit(settings.timeLimit())
                    .flipAugmentation(settings.flipAugmentation()).trainMetricsSamples(validation.count())
                    .progress(line -> settings.console().println("  " + line)).build();
            TrainingResult result = new Trainer(options, new MlflowEpochListener(run)).fit(net, train, validation);

            SplitData test = data.test();
            float[] p = predict(net, test, padding, options.evalBatchSize());
            SegmentationMetrics tm = SegmentationMetrics.compute(p, test.masks(), size * size, options.threshold());
            Map<String, Double> testMetrics = new LinkedHashMap<>(tm.asMap());
            testMetrics.put("salt_iou", saltIou(tm));
            // the mask rule is tuned on validation, then scored once on test
            SaltMaskRule.Tuned tuned = SaltMaskRule.tune(predict(net, data.validation(), padding,
                    options.evalBatchSize()), data.validation().masks(), size * size);
            // one score per test image under the tuned rule: their mean, and where it comes from (images
            // without salt - predicted empty or not - and with salt)
            double[] tunedScores = KaggleTgsMetric.imageScores(tuned.rule().apply(p, size * size), test.masks(),
                    size * size, 0.5);
            KaggleTgsMetric.Split split = KaggleTgsMetric.split(tunedScores, test.masks(), size * size);
            testMetrics.put("kaggle_tgs_tuned", Arrays.stream(tunedScores).average().orElse(Double.NaN));
            testMetrics.put("kaggle_tgs_tuned_empty_images", split.emptyImages());
            testMetrics.put("kaggle_tgs_tuned_salt_images", split.saltImages());
            testMetrics.put("empty_image_share", (double) split.emptyCount() / tunedScores.length);
            settings.console().printf(Locale.ROOT, "  mask rule tuned on validation: %s (validation Kaggle %.4f)%n",
                    tuned.rule(), tuned.score());
            run.logParam("mask_rule_threshold", tuned.rule().threshold());
            run.logParam("mask_rule_min_salt_pixels", tuned.rule().minSaltPixels());
            for (Map.Entry<String, Double> e : testMetrics.entrySet()) {
                run.logMetric("test_" + e.getKey(), e.getValue(), result.epochsRun());
            }
            Path artifact = run.logModel(net, "model/model.zip");
            Map<String, Object> json = trainingJson(result, testMetrics, tuned, run);
            run.writeArtifact("training.json", JsonFiles.JSON.writeValueAsBytes(json));

            io.github.segshap.core.io.AtomicFiles.copy(artifact, layout.model());
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("input_shape", new int[] {c, ph, pw});
            info.put("data_shape", new int[] {c, size, size});
            info.put("resolution", data.resolution().name().toLowerCase(Locale.ROOT));
            info.put("axis", data.axis().name().toLowerCase(Locale.ROOT));
            info.put("filters", settings.filters());
            info.put("kernel", settings.kernel());
            info.put("depth", settings.depth());
            info.put("dropout", settings.dropout());
            info.put("loss", settings.loss().label());
            info.put("upsampling", settings.upsampling().name().toLowerCase(Locale.ROOT));
            info.put("batch_normalization", settings.batchNormalization());
            info.put("padding", padding.isIdentity() ? "none" : "reflect, centred, " + size + " -> " + ph);
            info.put("mlflow_experiment", experiment);
            info.put("mlflow_run", run.runId());
            info.put("mlflow_model", layout.root().relativize(artifact).toString());
            info.put("best_epoch", result.bestEpoch());
            JsonFiles.write(layout.modelInfo(), info);
            JsonFiles.write(layout.training(), json);
            run.end(RunStatus.FINISHED);
            return new Outcome(result, testMetrics, run.runId(), layout.model());
        } catch (IOException e) {
            run.end(RunStatus.FAILED);
            throw new UncheckedIOException("cannot save the trained model: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            run.end(RunStatus.FAILED);
            throw e;
        }
    }

    /** IoU of the salt class alone: TP / (TP + FP + FN) (1 when there is no salt and none is predicted). */
    static double saltIou(SegmentationMetrics m) {
        double tp = m.counts().tp();
        double d = tp + m.counts().fp() + m.counts().fn();
        return d == 0 ? 1 : tp / d;
    }

    /** Adam at 1e-3, times {@code decayPerEpoch} per epoch (applied smoothly per step); constant for 1. */
    static IUpdater adam(double decayPerEpoch, int stepsPerEpoch) {
        if (decayPerEpoch == 1) {
            return new Adam(1e-3);
        }
        return new Adam(new ExponentialSchedule(ScheduleType.ITERATION, 1e-3,
                Math.pow(decayPerEpoch, 1.0 / stepsPerEpoch)));
    }

    static int stepsPerEpoch(int samples, int batchSize) {
        return (samples + batchSize - 1) / batchSize;
    }

    private static float[] predict(ComputationGraph net, SplitData s, Padding padding, int batchSize) {
        int c = s.channels();
        float[] x = padding.pad(s.images(), s.count(), c, Padding.Fill.REFLECT);
        return padding.crop(Trainer.predict(net, x, s.count(), c, padding.paddedHeight(), padding.paddedWidth(),
                batchSize), s.count(), 1);
    }

    private static Map<String, Object> trainingJson(TrainingResult r, Map<String, Double> test,
                                                    SaltMaskRule.Tuned rule, MlflowRun run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mlflow_run", run.runId());
        m.put("epochs_run", r.epochsRun());
        m.put("best_epoch", r.bestEpoch());
        m.put("best_val_auc", r.bestValidationAuc());
        m.put("stopped_early", r.stoppedEarly());
        m.put("stop_reason", r.stopReason().name().toLowerCase(Locale.ROOT));
        m.put("seconds", r.seconds());
        List<Object> h = new ArrayList<>();
        for (EpochResult e : r.history()) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("epoch", e.epoch());
            em.put("loss", e.loss());
            em.put("train_seconds", e.trainSeconds());
            em.put("eval_seconds", e.evalSeconds());
            em.put("best", e.best());
            if (e.train() != null) {
                em.put("train", e.train().asMap());
            }
            em.put("validation", e.validation().asMap());
            h.add(em);
        }
        m.put("history", h);
        Map<String, Object> mr = new LinkedHashMap<>();
        mr.put("threshold", rule.rule().threshold());
        mr.put("min_salt_pixels", rule.rule().minSaltPixels());
        mr.put("validation_kaggle_tgs", rule.score());
        m.put("mask_rule", mr);
        m.put("test", test);
        return m;
    }

    private static SegmentationData padded(SplitData s, Padding padding) {
        int c = s.channels();
        float[] x = padding.pad(s.images(), s.count(), c, Padding.Fill.REFLECT);
        float[] y = padding.pad(s.masks(), s.count(), 1, Padding.Fill.REFLECT);
        return new SegmentationData(x, y, s.count(), c, padding.paddedHeight(), padding.paddedWidth());
    }
}
