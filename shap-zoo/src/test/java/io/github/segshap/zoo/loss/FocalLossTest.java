package io.github.segshap.zoo.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

class FocalLossTest {

    private static final IActivation SIGMOID = Activation.SIGMOID.getActivationFunction();

    @Test
    void matchesKerasDocumentationExample() {
        // keras.losses.BinaryFocalCrossentropy(gamma=2, from_logits=True) on these logits gives 0.691
        INDArray y = Nd4j.create(new double[][] {{0, 1, 0, 0}});
        INDArray logits = Nd4j.create(new double[][] {{-18.6, 0.51, 2.94, -12.8}});
        double mean = new FocalLoss().computeScore(y, logits, SIGMOID, null, true) / 4;
        assertEquals(0.691, mean, 1e-3);
    }

    @Test
    void handComputedValueAndGammaZeroIsCrossEntropy() {
        // p = 0.9, y = 1: (1 - 0.9)^2 * -ln 0.9
        double logit = Math.log(0.9 / 0.1);
        INDArray y = Nd4j.create(new double[][] {{1}});
        INDArray z = Nd4j.create(new double[][] {{logit}});
        assertEquals(0.01 * -Math.log(0.9), new FocalLoss().computeScore(y, z, SIGMOID, null, false), 1e-12);

        Random r = new Random(3);
        INDArray labels = randomLabels(r, 10, 2);
        INDArray pre = randomNormal(r, 10, 2);
        double xent = new LossBinaryXENT().computeScore(labels, pre, SIGMOID, null, true);
        double focal0 = new FocalLoss(0, 0.25, false).computeScore(labels, pre, SIGMOID, null, true);
        assertEquals(xent, focal0, 1e-6);
        // focusing down-weights: focal loss <= cross-entropy element-wise
        assertTrue(new FocalLoss().computeScore(labels, pre, SIGMOID, null, true) < xent);
    }

    @Test
    void gradientMatchesFiniteDifferencesWithoutMask() {
        checkGradient(new FocalLoss(), null, 1);
        checkGradient(new FocalLoss(3.0, 0.25, true), null, 2);
        checkGradient(new FocalLoss(0.5, 0.4, true), null, 5);
    }

    @Test
    void gradientMatchesFiniteDifferencesWithMasks() {
        Random r = new Random(11);
        INDArray perExample = Nd4j.create(new double[][] {{1}, {0}, {1}, {1}, {0}, {1}, {0}, {1}});
        checkGradient(new FocalLoss(), perExample, 7);
        INDArray perOutput = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 8, 3);
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 3; j++) {
                perOutput.putScalar(i, j, r.nextBoolean() ? 1 : 0);
            }
        }
        checkGradient(new FocalLoss(), perOutput, 8);
    }

    @Test
    void maskedRowsContributeNothing() {
        Random r = new Random(5);
        INDArray labels = randomLabels(r, 4, 1);
        INDArray pre = randomNormal(r, 4, 1);
        INDArray mask = Nd4j.create(new double[][] {{1}, {0}, {1}, {0}});
        INDArray grad = new FocalLoss().computeGradient(labels, pre, SIGMOID, mask);
        assertEquals(0.0, grad.getDouble(1, 0), 0.0);
        assertEquals(0.0, grad.getDouble(3, 0), 0.0);
        INDArray scores = new FocalLoss().computeScoreArray(labels, pre, SIGMOID, mask);
        assertEquals(0.0, scores.getDouble(1, 0), 0.0);
    }

    @Test
    void rejectsBadParametersAndShapes() {
        assertThrows(IllegalArgumentException.class, () -> new FocalLoss(-1, 0.25, false));
        assertThrows(IllegalArgumentException.class, () -> new FocalLoss(2, 1.5, false));
        assertThrows(IllegalArgumentException.class, () -> new FocalLoss().computeScore(
                Nd4j.zeros(3, 1), Nd4j.zeros(3, 2), SIGMOID, null, true));
    }

    /**
     * Central differences of the summed score with respect to every pre-output element against
     * computeGradient, and computeGradientAndScore against both.
     */
    private static void checkGradient(FocalLoss loss, INDArray mask, long seed) {
        Random r = new Random(seed);
        int rows = mask == null ? 12 : (int) mask.size(0);
        int cols = mask == null ? 3 : 3;
        INDArray labels = randomLabels(r, rows, cols);
        INDArray pre = randomNormal(r, rows, cols).muli(2);
        INDArray grad = loss.computeGradient(labels, pre, SIGMOID, mask);
        double h = 1e-6;
        double maxErr = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = pre.getDouble(i, j);
                pre.putScalar(i, j, v + h);
                double up = loss.computeScore(labels, pre, SIGMOID, mask, false);
                pre.putScalar(i, j, v - h);
                double down = loss.computeScore(labels, pre, SIGMOID, mask, false);
                pre.putScalar(i, j, v);
                double numeric = (up - down) / (2 * h);
                double analytic = grad.getDouble(i, j);
                double err = Math.abs(numeric - analytic) / Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic));
                maxErr = Math.max(maxErr, err);
                assertTrue(err < 1e-5, "element (" + i + "," + j + "): numeric " + numeric + " analytic " + analytic);
            }
        }
        var both = loss.computeGradientAndScore(labels, pre, SIGMOID, mask, true);
        assertEquals(loss.computeScore(labels, pre, SIGMOID, mask, true), both.getFirst(), 1e-12);
        assertEquals(grad, both.getSecond());
        assertTrue(maxErr < 1e-5);
    }

    private static INDArray randomLabels(Random r, int rows, int cols) {
        double[][] a = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a[i][j] = r.nextBoolean() ? 1 : 0;
            }
        }
        return Nd4j.create(a);
    }

    private static INDArray randomNormal(Random r, int rows, int cols) {
        double[][] a = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a[i][j] = r.nextGaussian();
            }
        }
        return Nd4j.create(a);
    }
}
