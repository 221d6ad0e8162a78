package io.github.segshap.salt.train;

import io.github.segshap.zoo.loss.FocalLoss;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

public class TrainerTest {

    public static final int H = 8;
    public static final int W = 8;
    public static final int C = 2;

    /** A tiny fully convolutional net ending in a sigmoid CnnLossLayer with the focal loss. */
    public static ComputationGraph tinyNet() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-2))
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(H, W, C))
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build(), "in")
                .addLayer("c2", new ConvolutionLayer.Builder(1, 1).nOut(1).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build(), "c1")
                .addLayer("out", new CnnLossLayer.Builder(new FocalLoss()).activation(Activation.SIGMOID).build(), "c2")
                .setOutputs("out")
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** The tiny net with the sigmoid in the last convolution and an identity loss layer, as the U-Net has it. */
    static ComputationGraph tinyNetWithSigmoidMap() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-2))
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(H, W, C))
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build(), "in")
                .addLayer("c2", new ConvolutionLayer.Builder(1, 1).nOut(1).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.SIGMOID).build(), "c1")
                .addLayer("out", new CnnLossLayer.Builder(new FocalLoss()).activation(Activation.IDENTITY).build(), "c2")
                .setOutputs("out")
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    @Test
    void theValidationLossIsTheFocalLossSummedOverPixelsAndAveragedOverImages() {
        SegmentationData val = easyData(12, 9);
        for (ComputationGraph net : List.of(tinyNet(), tinyNetWithSigmoidMap())) {
            TrainingResult r = new Trainer(TrainLoops.options(1, 16).evalBatchSize(5)
                    .progress(s -> { }).build()).fit(net, easyData(32, 8), val);
            float[] p = Trainer.predict(net, val.images(), val.count(), C, H, W, 5);
            double byHand = 0;
            for (int i = 0; i < p.length; i++) {
                double pc = Math.min(Math.max(p[i], 1e-7), 1 - 1e-7);
                double y = val.masks()[i];
                double bce = -(y * Math.log(pc) + (1 - y) * Math.log(1 - pc));
                double pt = y * pc + (1 - y) * (1 - pc);
                byHand += (1 - pt) * (1 - pt) * bce;
            }
            byHand /= val.count();
            double recorded = r.history().get(0).validationLoss();
            assertEquals(byHand, recorded, 1e-4 * byHand, "validation loss of " + net.getConfiguration().getVertices()
                    .keySet());
            DataSet all = new DataSet(Nd4j.create(val.images(), new long[] {val.count(), C, H, W}, 'c'),
                    Nd4j.create(val.masks(), new long[] {val.count(), 1, H, W}, 'c'));
            assertEquals(net.score(all, false), recorded, 1e-4 * byHand, "DL4J's inference score");
            assertTrue(r.history().get(0).loss() > 0);
        }
    }

    /** Random blobs; channel 0 is the mask plus noise (easy), channel 1 is noise. */
    public static SegmentationData easyData(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * C * H * W];
        float[] y = new float[n * H * W];
        for (int s = 0; s < n; s++) {
            int cx = r.nextInt(W), cy = r.nextInt(H), rad = 1 + r.nextInt(3);
            for (int i = 0; i < H; i++) {
                for (int j = 0; j < W; j++) {
                    boolean salt = (i - cy) * (i - cy) + (j - cx) * (j - cx) <= rad * rad;
                    y[s * H * W + i * W + j] = salt ? 1 : 0;
                    x[s * C * H * W + i * W + j] = (salt ? 1f : -1f) + 0.3f * (float) r.nextGaussian();
                    x[s * C * H * W + H * W + i * W + j] = (float) r.nextGaussian();
                }
            }
        }
        return new SegmentationData(x, y, n, C, H, W);
    }

    @Test
    void learnsAnEasyTaskAndCallsListeners() {
        ComputationGraph net = tinyNet();
        List<EpochResult> seen = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        TrainingResult[] ended = new TrainingResult[1];
        EpochListener listener = new EpochListener() {
            @Override
            public void onEpoch(EpochResult result) {
                seen.add(result);
            }

            @Override
            public void onEnd(TrainingResult result) {
                ended[0] = result;
            }
        };
        Trainer trainer = new Trainer(TrainingOptions.builder(TrainLoops.loop(3, TrainSettings.DEFAULT_PATIENCE, 16, null, true))
                .progress(lines::add).build(), listener);
        TrainingResult result = trainer.fit(net, easyData(96, 1), easyData(32, 2));

        assertEquals(3, result.epochsRun());
        assertEquals(3, seen.size());
        assertEquals(result, ended[0]);
        assertTrue(lines.size() >= 3 && lines.get(0).startsWith("epoch   1/3"), lines.toString());
        assertTrue(result.history().get(2).loss() < result.history().get(0).loss(),
                "loss should decrease: " + result.history());
        double valAuc = result.best().validation().auc();
        assertTrue(valAuc > 0.9, "validation AUC " + valAuc);
        assertTrue(result.best().train().auc() > 0.9);
        assertTrue(result.best().validation().accuracy() > 0.8);
        assertEquals(96L * H * W, result.best().train().counts().total());
    }

    @Test
    void earlyStoppingRestoresTheBestWeights() {
        ComputationGraph net = tinyNet();
        List<INDArray> paramsPerEpoch = new ArrayList<>();
        // minDelta 1 makes every later epoch "not better", so epoch 1 stays best and patience 2 stops at 3
        Trainer trainer = new Trainer(TrainingOptions.builder(TrainLoops.loop(10, 2, 16, null, false)).minDelta(1.0)
                .progress(s -> { }).build(), r -> paramsPerEpoch.add(net.params().dup()));
        TrainingResult result = trainer.fit(net, easyData(48, 3), easyData(16, 4));
        assertTrue(result.stoppedEarly());
        assertEquals(3, result.epochsRun());
        assertEquals(1, result.bestEpoch());
        assertEquals(paramsPerEpoch.get(0), net.params());
        assertNotEquals(paramsPerEpoch.get(2), net.params());
    }

    @Test
    void timeLimitStopsBeforeAnEpochThatWouldOverrunAndKeepsTheBest() {
        ComputationGraph net = tinyNet();
        List<String> lines = new ArrayList<>();
        Trainer trainer = new Trainer(TrainingOptions.builder(TrainLoops.loop(50, TrainSettings.DEFAULT_PATIENCE, 16, 1, false))
                .clock(minuteTicks()).progress(lines::add).build());
        TrainingResult result = trainer.fit(net, easyData(32, 3), easyData(16, 4));
        assertEquals(1, result.epochsRun());
        assertEquals(TrainingResult.StopReason.TIME_LIMIT, result.stopReason());
        assertTrue(!result.stoppedEarly());
        assertTrue(lines.get(lines.size() - 1).startsWith("time limit: stopping after epoch 1"), lines.toString());

        TrainingResult unlimited = new Trainer(TrainingOptions.builder(TrainLoops.loop(2, TrainSettings.DEFAULT_PATIENCE, 16, 60, false)).progress(s -> { }).build())
                .fit(tinyNet(), easyData(32, 3), easyData(16, 4));
        assertEquals(2, unlimited.epochsRun());
        assertEquals(TrainingResult.StopReason.EPOCH_LIMIT, unlimited.stopReason());
        assertThrows(IllegalArgumentException.class,
                () -> TrainLoops.loop(2, TrainSettings.DEFAULT_PATIENCE, 16, 0, false));
    }

    /** A clock that moves 61 seconds each time it is read: every epoch overruns a one-minute limit. */
    private static java.util.function.LongSupplier minuteTicks() {
        long[] now = {0};
        return () -> now[0] += java.util.concurrent.TimeUnit.SECONDS.toNanos(61);
    }

    @Test
    void theTrainerTakesOnlyResolvedSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingOptions.builder(TrainSettings.defaults()));
        assertTrue(e.getMessage().contains("not resolved"), e.getMessage());
        TrainSettings real = TrainSettings.defaults().resolvedFor(false, io.github.segshap.salt.prepare.ResolutionMode.SEED);
        assertEquals(real, TrainingOptions.defaults().settings(), "the defaults are the record's, for real data");
        assertEquals(200, real.epochs());
        assertEquals(32, real.batchSize());
        assertEquals(10, real.patience());
    }

    @Test
    void epochPaceIsTheSlowestOfTheLastThree() {
        assertEquals(100, Trainer.expectedEpochNanos(List.of(100L)));
        assertEquals(300, Trainer.expectedEpochNanos(List.of(100L, 300L)));
        assertEquals(120, Trainer.expectedEpochNanos(List.of(500L, 100L, 110L, 120L)), "the warm-up is forgotten");
        assertEquals(500, Trainer.expectedEpochNanos(List.of(100L, 500L, 110L, 120L)));
        assertEquals(0, Trainer.expectedEpochNanos(List.of()));
    }

    @Test
    void trainingMetricsOnASeededSubset() {
        TrainingOptions o = TrainLoops.options(1, 16).trainMetricsSamples(10)
                .progress(s -> { }).build();
        SegmentationData train = easyData(40, 7);
        SegmentationData val = easyData(16, 8);
        TrainingResult a = new Trainer(o).fit(tinyNet(), train, val);
        TrainingResult b = new Trainer(o).fit(tinyNet(), train, val);
        assertEquals(10L * H * W, a.best().train().counts().total());
        assertEquals(a.best().train().asMap(), b.best().train().asMap(), "the subset is the same each run");
        TrainingResult all = new Trainer(o.toBuilder().trainMetricsSamples(1000).build()).fit(tinyNet(), train, val);
        assertEquals(40L * H * W, all.best().train().counts().total());
        assertEquals(a.history().get(0).loss(), all.history().get(0).loss(), 1e-9,
                "the subset only changes what is measured, not the training");
    }

    @Test
    void sameSeedGivesTheSameRun() {
        TrainingOptions o = TrainingOptions.builder(TrainLoops.loop(2, TrainSettings.DEFAULT_PATIENCE, 16, null, true))
                .progress(s -> { }).build();
        SegmentationData train = easyData(32, 5);
        SegmentationData val = easyData(16, 6);
        ComputationGraph a = tinyNet();
        ComputationGraph b = tinyNet();
        TrainingResult ra = new Trainer(o).fit(a, train, val);
        TrainingResult rb = new Trainer(o).fit(b, train, val);
        assertEquals(ra.history().get(1).loss(), rb.history().get(1).loss(), 1e-6);
        assertEquals(a.params(), b.params());
    }

    @Test
    void trainedNetworkWithFocalLossRoundTripsThroughModelSerializer(@TempDir Path dir) throws Exception {
        ComputationGraph net = tinyNet();
        new Trainer(TrainLoops.options(1, TrainSettings.DEFAULT_REAL_BATCH).progress(s -> { }).build())
                .fit(net, easyData(16, 7), easyData(8, 8));
        File f = dir.resolve("m.zip").toFile();
        ModelSerializer.writeModel(net, f, true);
        ComputationGraph back = ModelSerializer.restoreComputationGraph(f, true);
        assertEquals(net.params(), back.params());
        SegmentationData d = easyData(4, 9);
        assertArrayEquals(Trainer.predict(net, d.images(), 4, C, H, W, 2),
                Trainer.predict(back, d.images(), 4, C, H, W, 3), 0f);
    }

    @Test
    void flipMirrorsEachRow() {
        float[] src = {1, 2, 3, 4, 5, 6};
        float[] dst = new float[6];
        Trainer.copyImage(src, 0, dst, 0, 1, 2, 3, true);
        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4}, dst);
        Trainer.copyImage(src, 0, dst, 0, 1, 2, 3, false);
        assertArrayEquals(src, dst);
    }

    @Test
    void aValidationSetWithoutSaltIsNamedBeforeTraining() {
        SegmentationData val = easyData(4, 2);
        SegmentationData noSalt = new SegmentationData(val.images(), new float[val.masks().length], val.count(),
                val.channels(), val.height(), val.width());
        UndefinedValidationAucException e = assertThrows(UndefinedValidationAucException.class,
                () -> new Trainer(TrainingOptions.defaults()).fit(tinyNet(), easyData(4, 1), noSalt));
        assertTrue(e.getMessage().contains("no salt pixel") && e.getMessage().contains("undefined"), e.getMessage());
        float[] allSalt = new float[val.masks().length];
        java.util.Arrays.fill(allSalt, 1f);
        SegmentationData onlySalt = new SegmentationData(val.images(), allSalt, val.count(), val.channels(),
                val.height(), val.width());
        UndefinedValidationAucException e2 = assertThrows(UndefinedValidationAucException.class,
                () -> new Trainer(TrainingOptions.defaults()).fit(tinyNet(), easyData(4, 1), onlySalt));
        assertTrue(e2.getMessage().contains("nothing but salt"), e2.getMessage());
    }

    @Test
    void rejectsInconsistentShapes() {
        assertThrows(IllegalArgumentException.class, () -> new SegmentationData(new float[10], new float[4], 1, 2, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new Trainer(TrainingOptions.defaults())
                .fit(tinyNet(), easyData(4, 1), new SegmentationData(new float[8], new float[4], 1, 2, 2, 2)));
        assertThrows(IllegalArgumentException.class, () -> TrainLoops.loop(1, 0));
        assertThrows(IllegalArgumentException.class, () -> TrainLoops.options(1, 16).threshold(1.0));
    }
}
