package io.github.segshap.salt.workflow;

import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.AtomicFiles;
import io.github.segshap.core.padding.BoundaryMode;
import io.github.segshap.core.padding.Padding;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.core.provenance.Versions;
import io.github.segshap.dl4j.model.Dl4jModel;
import io.github.segshap.dl4j.runtime.NativeThreads;
import io.github.segshap.zoo.UNet;
import io.github.segshap.salt.io.JsonFiles;
import io.github.segshap.salt.train.metrics.KaggleTgsMetric;
import io.github.segshap.salt.train.metrics.SaltMaskRule;
import io.github.segshap.salt.train.metrics.SegmentationMetrics;
import io.github.segshap.salt.prepare.PreparedData;
import io.github.segshap.salt.prepare.SplitData;
import io.github.segshap.salt.train.tracking.MlflowEpochListener;
import io.github.segshap.salt.train.tracking.MlflowFileStore;
import io.github.segshap.salt.train.tracking.MlflowRun;
import io.github.segshap.salt.train.tracking.RunStatus;
import io.github.segshap.salt.train.SegmentationData;
import io.github.segshap.salt.train.Trainer;
import io.github.segshap.salt.train.UndefinedValidationAucException;
import io.github.segshap.salt.train.TrainSettings;
import io.github.segshap.salt.train.TrainingOptions;
import io.github.segshap.salt.train.TrainingResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
 *   <li>{@code out/model.json} ({@link ModelInfo}): input shape (padded), data shape, architecture,
 *   resolution, axis, MLflow run;</li>
 *   <li>{@code out/training.json} ({@link TrainingRecord}): per-epoch metrics, best epoch, test metrics;</li>
 *   <li>its settings in the {@code train} section of {@code out/parameters.json} ({@link RunParameters}).</li>
 * </ul>
 * Test and validation predictions go through the model adapter explanations use
 * ({@link Dl4jModel}). The files are replaced only after training succeeded (atomic renames); a failed training
 * marks its MLflow run FAILED and leaves the previous model in place.
 */
final class TrainingStage {
    /** Name of the MLflow experiment the trainings are recorded in. */
    static final String EXPERIMENT = "tgs-salt";

    private final WorkflowSettings settings;
    private final PrintStream console;

    TrainingStage(WorkflowSettings settings, PrintStream console) {
        this.settings = settings;
        this.console = console;
    }

    /** What {@link #run} produced. */
    record Outcome(TrainingResult result, Map<String, Double> test, String runId, Path model) {
    }

    Outcome run(PreparedData data) {
        RunLayout layout = settings.layout();
        TrainSettings t = settings.train();
        int nd4jThreads = NativeThreads.threads(); // pinned to --threads by the workflow
        long seed = settings.common().seed();
        int size = data.size();
        Padding padding = Padding.toMultipleOf(size, size, UNet.requiredMultiple(t.depth()));
        int ph = padding.paddedHeight();
        int pw = padding.paddedWidth();
        int c = data.train().channels();
        SegmentationData train = padded(data.train(), padding);
        SegmentationData validation = padded(data.validation(), padding);
        ComputationGraph net = UNet.builder().filters(t.filters()).kernel(t.kernel())
                .depth(t.depth()).dropoutKeep(1 - t.dropout()).inputShape(c, ph, pw)
                .upsampling(t.upsampling()).batchNormalization(t.batchNormalization())
                .updater(adam(t.learningRateDecay(), stepsPerEpoch(train.count(), t.batchSize())))
                .loss(t.loss().create(ph * pw)).seed(seed).build();

        MlflowFileStore store = MlflowFileStore.open(layout.mlruns());
        String experiment = store.getOrCreateExperiment(EXPERIMENT);
        List<String> abandoned = store.markAbandonedRunsKilled(experiment);
        if (!abandoned.isEmpty()) {
            console.println("  MLflow run" + (abandoned.size() == 1 ? " " : "s ") + String.join(", ", abandoned)
                    + " of a killed training marked KILLED (it was left RUNNING)");
        }
        String resolution = data.resolution().name().toLowerCase(Locale.ROOT);
        String runName = "unet-" + resolution + "-" + ph;
        MlflowRun run = store.startRun(experiment, runName);
        try {
            run.logParam("resolution", resolution);
            run.logParam("axis", data.axis().name().toLowerCase(Locale.ROOT));
            run.logParam("data", settings.common().synthetic() ? "synthetic" : String.valueOf(settings.common().data()));
            run.logParam("data_size", size);
            run.logParam("padded_size", ph);
            run.logParam("filters", t.filters());
            run.logParam("kernel", t.kernel());
            run.logParam("depth", t.depth());
            run.logParam("dropout_keep", 1 - t.dropout());
            run.logParam("upsampling", t.upsampling().name().toLowerCase(Locale.ROOT));
            run.logParam("flip_augmentation", t.flipAugmentation());
            run.logParam("batch_normalization", t.batchNormalization());
            run.logParam("time_limit_minutes", t.timeLimitMinutes() == null ? "none"
                    : String.valueOf(t.timeLimitMinutes()));
            run.logParam("loss", t.loss().description());
            run.logParam("optimizer", "adam 1e-3");
            run.logParam("learning_rate_decay_per_epoch", t.learningRateDecay());
            run.logParam("test_samples", data.test().count());
            run.logParam("nd4j_threads", nd4jThreads);
            run.logParam("data_fingerprint", String.valueOf(data.fingerprint()));
            TrainingOptions options = TrainingOptions.builder(t).seed(seed).trainMetricsSamples(validation.count())
                    .progress(line -> console.println("  " + line))
                    .batchProgress(settings.common().progress()).build();
            TrainingResult result;
            try {
                result = new Trainer(options, new MlflowEpochListener(run)).fit(net, train, validation);
            } catch (UndefinedValidationAucException e) {
                throw new CommandException(ExitCode.BAD_INPUT, e.getMessage());
            }

            Dl4jModel model = Dl4jModel.of(net);
            SplitData test = data.test();
            float[] p = predict(model, test, padding, options.evalBatchSize());
            SegmentationMetrics tm = SegmentationMetrics.compute(p, test.masks(), size * size, options.threshold());
            Map<String, Double> testMetrics = new LinkedHashMap<>(tm.asMap());
            testMetrics.put("salt_iou", saltIou(tm));
            // the mask rule is tuned on validation, then scored once on test
            SaltMaskRule.Tuned tuned = SaltMaskRule.tune(predict(model, data.validation(), padding,
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
            console.printf(Locale.ROOT, "  mask rule tuned on validation: %s (validation Kaggle %.4f)%n",
                    tuned.rule(), tuned.score());
            run.logParam("mask_rule_threshold", tuned.rule().threshold());
            run.logParam("mask_rule_min_salt_pixels", tuned.rule().minSaltPixels());
            for (Map.Entry<String, Double> e : testMetrics.entrySet()) {
                run.logMetric("test_" + e.getKey(), e.getValue(), result.epochsRun());
            }
            String artifactPath = "model/model.zip";
            ModelInfo stamp = new ModelInfo(List.of(c, ph, pw), List.of(c, size, size), data.resolution(), data.axis(),
                    t.filters(), t.kernel(), t.depth(), t.dropout(), t.loss(), t.upsampling(), t.batchNormalization(),
                    padding.isIdentity() ? "none" : "reflect, centred, " + size + " -> " + ph, experiment,
                    run.runId(), layout.root().relativize(run.artifactsDir().resolve(artifactPath)).toString(),
                    result.bestEpoch(), data.fingerprint(), null, nd4jThreads, Versions.library());
            Path artifact = run.logModel(net, artifactPath, ModelFile.entries(stamp));
            TrainingRecord record = TrainingRecord.of(result, testMetrics, tuned, run.runId());
            run.writeArtifact("training.json", JsonFiles.bytes(record));

            AtomicFiles.copy(artifact, layout.model());
            ModelInfo info = stamp.withModelFingerprint(Fingerprint.ofFile(layout.model()));
            JsonFiles.write(layout.modelInfo(), info);
            JsonFiles.write(layout.training(), record);
            RunParameters params = RunParameters.read(layout.parameters());
            JsonFiles.write(layout.parameters(), params.withTrain(t));
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

    /** The model's probabilities for a split: padded as in training, predicted, cropped back. */
    private static float[] predict(Dl4jModel model, SplitData s, Padding padding, int batchSize) {
        int c = s.channels();
        float[] x = padding.pad(s.images(), s.count(), c, BoundaryMode.MIRROR);
        return padding.crop(Trainer.predict(model, x, s.count(), new ImageShape(c, padding.paddedHeight(),
                padding.paddedWidth()), batchSize), s.count());
    }

    private static SegmentationData padded(SplitData s, Padding padding) {
        int c = s.channels();
        float[] x = padding.pad(s.images(), s.count(), c, BoundaryMode.MIRROR);
        float[] y = padding.pad(s.masks(), s.count(), 1, BoundaryMode.MIRROR);
        return new SegmentationData(x, y, s.count(), c, padding.paddedHeight(), padding.paddedWidth());
    }
}
