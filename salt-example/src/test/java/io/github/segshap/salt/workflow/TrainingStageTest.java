package io.github.segshap.salt.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.segshap.salt.train.TrainSettings;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;

class TrainingStageTest {

    @Test
    void learningRateDecaysByTheFactorPerEpoch() {
        int steps = TrainingStage.stepsPerEpoch(2402, 32);
        assertEquals(76, steps);
        Adam adam = (Adam) TrainingStage.adam(0.9, steps);
        for (int epoch = 0; epoch <= 20; epoch++) {
            assertEquals(1e-3 * Math.pow(0.9, epoch), adam.getLearningRate(epoch * steps, epoch), 1e-12,
                    "start of epoch " + (epoch + 1));
        }
        double mid = adam.getLearningRate(steps / 2, 0);
        assertEquals(1e-3 * Math.sqrt(0.9), mid, 1e-5, "smooth within an epoch");
        Adam constant = (Adam) TrainingStage.adam(1, steps);
        assertEquals(1e-3, constant.getLearningRate(10_000, 100), 0);
    }

    @Test
    void decayOutsideItsRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> withDecay(0));
        assertThrows(IllegalArgumentException.class, () -> withDecay(1.5));
        assertEquals(0.9, withDecay(0.9).learningRateDecay(), 0);
    }

    /** The default training settings with another learning-rate decay. */
    private static TrainSettings withDecay(double decay) {
        TrainSettings d = TrainSettings.defaults();
        return new TrainSettings(d.epochs(), d.patience(), d.batchSize(), d.filters(), d.kernel(), d.depth(),
                d.dropout(), d.loss(), d.upsampling(), d.timeLimitMinutes(), d.flipAugmentation(),
                d.batchNormalization(), decay);
    }
}
