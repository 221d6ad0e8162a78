package io.github.segshap.salt.train;

import io.github.segshap.zoo.loss.FocalLoss;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.zoo.UNet;
import java.io.File;
import java.nio.file.Path;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's U-Net from shap-dl4j with the focal loss, trained by the Trainer for two short epochs. */
class UNetTrainingTest {

    @Test
    void seedUNetTrainsWithFocalLossAndRoundTrips(@TempDir Path dir) throws Exception {
        int c = 4, h = 24, w = 24;
        ComputationGraph net = UNet.builder().inputShape(c, h, w).loss(new FocalLoss()).seed(42).build();
        SegmentationData train = blobs(64, c, h, w, 1);
        SegmentationData val = blobs(32, c, h, w, 2);
        TrainingResult r = new Trainer(TrainingOptions.builder(TrainLoops.loop(2, TrainSettings.DEFAULT_PATIENCE, TrainSettings.DEFAULT_REAL_BATCH, null, true))
                .progress(s -> { }).build()).fit(net, train, val);
        assertEquals(2, r.epochsRun());
        assertTrue(Double.isFinite(r.history().get(1).loss()));
        assertTrue(r.bestValidationAuc() > 0.5, "validation AUC " + r.bestValidationAuc());

        File f = dir.resolve("unet.zip").toFile();
        ModelSerializer.writeModel(net, f, true);
        ComputationGraph back = ModelSerializer.restoreComputationGraph(f, true);
        assertEquals(net.params(), back.params());
    }

    /** Bright discs (salt) on noise in every channel. */
    private static SegmentationData blobs(int n, int c, int h, int w, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * c * h * w];
        float[] y = new float[n * h * w];
        for (int s = 0; s < n; s++) {
            double cy = r.nextInt(h), cx = r.nextInt(w), rad = 3 + r.nextInt(6);
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    boolean salt = Math.hypot(i - cy, j - cx) <= rad;
                    y[s * h * w + i * w + j] = salt ? 1 : 0;
                    for (int k = 0; k < c; k++) {
                        x[((s * c + k) * h + i) * w + j] = (salt ? 1f : -1f) * (k + 1) / c
                                + 0.5f * (float) r.nextGaussian();
                    }
                }
            }
        }
        return new SegmentationData(x, y, n, c, h, w);
    }
}
