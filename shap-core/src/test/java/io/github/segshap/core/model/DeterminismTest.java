package io.github.segshap.core.model;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeterminismTest {
    private static final ImageShape SHAPE = new ImageShape(2, 3, 3);
    private static final Image IMAGE = Image.of(SHAPE, new double[SHAPE.size()]);

    @Test
    void aFunctionPasses() {
        Model f = Model.perImage(OutputShape.map(3, 3), (b, n, out, off) -> {
            for (int i = 0; i < 9; i++) {
                out[off + i] = Math.tanh(b.get(n, 0, i / 3, i % 3) + 1);
            }
        });
        assertDoesNotThrow(() -> Determinism.require(f, IMAGE));
    }

    @Test
    void randomOutputsAreNamed() {
        Random r = new Random(1);
        Model dropout = Model.perImage(OutputShape.map(3, 3), (b, n, out, off) -> {
            for (int i = 0; i < 9; i++) {
                out[off + i] = r.nextDouble() < 0.5 ? 0 : 1;
            }
        });
        NondeterministicModelException e = assertThrows(NondeterministicModelException.class,
                () -> Determinism.require(dropout, IMAGE));
        assertTrue(e.getMessage().contains("not deterministic"), e.getMessage());
    }

    @Test
    void stateBetweenCallsIsCaught() {
        AtomicInteger calls = new AtomicInteger();
        Model counting = Model.of(OutputShape.map(3, 3), b -> {
            double[] out = new double[9 * b.count()];
            java.util.Arrays.fill(out, calls.incrementAndGet());
            return out;
        });
        NondeterministicModelException e = assertThrows(NondeterministicModelException.class,
                () -> Determinism.require(counting, IMAGE));
        assertTrue(e.getMessage().contains("a second call"), e.getMessage());
    }

    @Test
    void float32SummationDifferencesBetweenBatchSizesAreNotRandomness() {
        Model float32 = Model.of(OutputShape.map(3, 3), b -> {
            double[] out = new double[9 * b.count()];
            java.util.Arrays.fill(out, 0.5 + (b.count() == 1 ? 0 : 3e-8));
            return out;
        });
        assertDoesNotThrow(() -> Determinism.require(float32, IMAGE));
    }

    @Test
    void rowsThatDependOnTheirBatchAreCaught() {
        Model batchNormInTraining = Model.of(OutputShape.map(3, 3), b -> {
            double[] out = new double[9 * b.count()];
            java.util.Arrays.fill(out, b.count());
            return out;
        });
        NondeterministicModelException e = assertThrows(NondeterministicModelException.class,
                () -> Determinism.require(batchNormInTraining, IMAGE));
        assertTrue(e.getMessage().contains("batch of two"), e.getMessage());
    }
}
