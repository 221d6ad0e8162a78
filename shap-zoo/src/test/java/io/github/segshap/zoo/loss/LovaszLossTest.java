package io.github.segshap.zoo.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.zoo.UNet;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

class LovaszLossTest {
    private static final IActivation SIGMOID = Activation.SIGMOID.getActivationFunction();
    private static final IActivation IDENTITY = Activation.IDENTITY.getActivationFunction();

    @Test
    void hardPredictionsScoreOneMinusTheMeanIouOfThePresentClasses() {
        Random r = new Random(1);
        int pixels = 30;
        for (int trial = 0; trial < 50; trial++) {
            int images = 1 + r.nextInt(4);
            double[] y = new double[images * pixels];
            double[] p = new double[y.length];
            double expected = 0;
            for (int m = 0; m < images; m++) {
                double saltShare = trial % 5 == 0 ? 0 : trial % 7 == 0 ? 1 : r.nextDouble();
                for (int i = m * pixels; i < (m + 1) * pixels; i++) {
                    y[i] = r.nextDouble() < saltShare ? 1 : 0;
                    p[i] = r.nextDouble() < 0.8 ? y[i] : 1 - y[i];
                }
                expected += meanJaccardLoss(y, p, m * pixels, pixels);
            }
            double score = new LovaszLoss(pixels).computeScore(column(y), column(p), IDENTITY, null, false);
            assertEquals(expected, score, 1e-9, "trial " + trial);
        }
    }

    @Test
    void perfectPredictionsScoreZeroAndScoresAreNonNegative() {
        double[] y = {1, 1, 0, 0, 0, 1, 0, 0};
        assertEquals(0, new LovaszLoss(4).computeScore(column(y), column(y), IDENTITY, null, false), 0);
        Random r = new Random(2);
        double[] p = new double[y.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextDouble();
        }
        INDArray rows = new LovaszLoss(4).computeScoreArray(column(y), column(p), IDENTITY, null);
        assertEquals(8, rows.length());
        assertTrue(rows.minNumber().doubleValue() >= 0);
        assertEquals(new LovaszLoss(4).computeScore(column(y), column(p), IDENTITY, null, false),
                rows.sumNumber().doubleValue(), 1e-9);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        for (long seed = 1; seed <= 4; seed++) {
            checkGradient(new LovaszLoss(20), 3, seed);
        }
        LossSum sum = new LossSum(new FocalLoss(), 1, new LovaszLoss(20), 20);
        checkGradient(sum, 2, 9);
    }

    @Test
    void lossSumIsTheWeightedSumOfItsParts() {
        Random r = new Random(4);
        INDArray y = column(labels(r, 40));
        INDArray z = column(normal(r, 40));
        FocalLoss focal = new FocalLoss();
        LovaszLoss lovasz = new LovaszLoss(20);
        LossSum sum = new LossSum(focal, 0.5, lovasz, 3);
        assertEquals(0.5 * focal.computeScore(y, z, SIGMOID, null, true)
                + 3 * lovasz.computeScore(y, z, SIGMOID, null, true), sum.computeScore(y, z, SIGMOID, null, true), 1e-9);
        INDArray expected = focal.computeGradient(y, z, SIGMOID, null).muli(0.5)
                .addi(lovasz.computeGradient(y, z, SIGMOID, null).muli(3));
        assertEquals(expected, sum.computeGradient(y, z, SIGMOID, null));
        assertThrows(IllegalArgumentException.class, () -> new LossSum(focal, -1, lovasz, 1));
    }

    @Test
    void survivesTheNetworkConfigurationJson() {
        ILossFunction loss = new LossSum(new FocalLoss(), 1, new LovaszLoss(64), 64);
        ComputationGraphConfiguration conf = UNet.builder().filters(2).kernel(3).inputShape(4, 8, 8).loss(loss)
                .configuration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        LayerVertex vertex = (LayerVertex) back.getVertices().get(UNet.OUTPUT);
        CnnLossLayer layer = (CnnLossLayer) vertex.getLayerConf().getLayer();
        assertEquals(loss, layer.getLossFn());
    }

    @Test
    void badInputIsNamed() {
        assertThrows(IllegalArgumentException.class, () -> new LovaszLoss(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LovaszLoss(4)
                .computeScore(Nd4j.zeros(6, 1), Nd4j.zeros(6, 1), IDENTITY, null, false));
        assertTrue(e.getMessage().contains("6 label values are not whole images of 4 pixels"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> new LovaszLoss(4)
                .computeGradient(Nd4j.zeros(4, 1), Nd4j.zeros(4, 1), IDENTITY, Nd4j.ones(4, 1)));
    }

    /** Mean over the classes present in y of 1 - IoU, for 0/1 predictions, counted directly. */
    private static double meanJaccardLoss(double[] y, double[] p, int from, int n) {
        double sum = 0;
        int classes = 0;
        for (int c = 1; c >= 0; c--) {
            int inter = 0;
            int union = 0;
            int present = 0;
            for (int i = from; i < from + n; i++) {
                boolean truth = y[i] == c;
                boolean pred = p[i] == c;
                present += truth ? 1 : 0;
                inter += truth && pred ? 1 : 0;
                union += truth || pred ? 1 : 0;
            }
            if (present > 0) {
                sum += 1 - (double) inter / union;
                classes++;
            }
        }
        return sum / classes;
    }

    private static void checkGradient(ILossFunction loss, int images, long seed) {
        Random r = new Random(seed);
        int n = images * 20;
        INDArray y = column(labels(r, n));
        INDArray z = column(normal(r, n)).muli(2);
        INDArray grad = loss.computeGradient(y, z, SIGMOID, null);
        double h = 1e-6;
        for (int i = 0; i < n; i++) {
            double v = z.getDouble(i, 0);
            z.putScalar(i, 0, v + h);
            double up = loss.computeScore(y, z, SIGMOID, null, false);
            z.putScalar(i, 0, v - h);
            double down = loss.computeScore(y, z, SIGMOID, null, false);
            z.putScalar(i, 0, v);
            double numeric = (up - down) / (2 * h);
            double analytic = grad.getDouble(i, 0);
            double err = Math.abs(numeric - analytic) / Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic));
            assertTrue(err < 1e-5, loss + " element " + i + ": numeric " + numeric + " analytic " + analytic);
        }
    }

    private static double[] labels(Random r, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextBoolean() ? 1 : 0;
        }
        return a;
    }

    private static double[] normal(Random r, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextGaussian();
        }
        return a;
    }

    private static INDArray column(double[] v) {
        return Nd4j.create(v, new long[] {v.length, 1}, 'c');
    }
}
