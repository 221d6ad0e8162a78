package io.github.segshap.bench;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.dl4j.runtime.Dl4jRuntime;
import io.github.segshap.zoo.UNet;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Helpers the benchmarks share: the nd4j thread setting, the seed U-Net, random images, a
 * call-recording model and the split of its calls into runs.
 */
final class Bench {
    /** System property: OpenMP threads nd4j may use in the benchmark JVMs (default 1). */
    static final String THREADS_PROPERTY = "segshap.bench.threads";

    private Bench() {
    }

    /**
     * Sets nd4j's OpenMP thread count to {@code -Dsegshap.bench.threads} (default 1) and returns it.
     * nd4j's OpenMP threads collapse when other processes share the cores (an epoch went from 17 s
     * to 150 s on a loaded 2-core machine), so every benchmark fixes the count; one thread makes
     * per-call comparisons stable.
     */
    static int configureNd4j() {
        int n = Integer.getInteger(THREADS_PROPERTY, 1);
        Nd4j.getEnvironment().setMaxThreads(n);
        return n;
    }

    /**
     * The seed U-Net the speed figures use: {@link UNet} defaults (F = 8, 5x5 kernels, depth 2,
     * transposed convolutions, 4 channels), untrained, weights from seed 42, for size x size images.
     */
    static ComputationGraph seedUNet(int size) {
        Dl4jRuntime.init(); // oneDNN helpers are chosen when layers are built
        return UNet.builder().inputShape(4, size, size).seed(42).build();
    }

    /**
     * The batches a model is given when an explainer hands it the recorded calls: each call split
     * into runs of at most {@code subBatch} images, as the model adapters split them.
     *
     * @return for each call, the sizes of its runs
     */
    static int[][] runs(int[] calls, int subBatch) {
        int[][] out = new int[calls.length][];
        for (int i = 0; i < calls.length; i++) {
            int n = calls[i];
            int[] parts = new int[(n + subBatch - 1) / subBatch];
            for (int p = 0; p < parts.length; p++) {
                parts[p] = Math.min(subBatch, n - p * subBatch);
            }
            out[i] = parts;
        }
        return out;
    }

    /**
     * The OpenMP thread count nd4j reports after {@link #configureNd4j()}
     * ({@code Nd4j.getEnvironment().maxThreads()}): in 1.0.0-M2.1 {@code setMaxThreads} may leave it at
     * the core count (only the environment variable {@code OMP_NUM_THREADS} lowers it reliably), so
     * a benchmark that gives another engine "as many threads as nd4j" uses this figure, not the
     * requested one.
     */
    static int nd4jThreads() {
        return Math.max(1, Nd4j.getEnvironment().maxThreads());
    }

    /** {@code count} images with uniform [0, 1) values, as one batch. */
    static ImageBatch batch(int count, ImageShape shape, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[Math.multiplyExact(count, shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble();
        }
        return new ImageBatch(shape, count, v);
    }

    /** {@code count} images with uniform [0, 1) values. */
    static List<Image> images(int count, ImageShape shape, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Image> out = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            double[] v = new double[shape.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextDouble();
            }
            out.add(Image.of(shape, v));
        }
        return out;
    }

    /**
     * A model that forwards to another and, while {@link #recording} is set, records the size of
     * every batch it is given, so that a benchmark can replay the same model calls alone.
     */
    static final class RecordingModel implements Model {
        private final Model model;
        private final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
        volatile boolean recording;

        RecordingModel(Model model) {
            this.model = model;
        }

        @Override
        public OutputShape outputShape(ImageShape input) {
            return model.outputShape(input);
        }

        @Override
        public double[] predict(ImageBatch batch) {
            if (recording) {
                batches.add(batch.count());
            }
            return model.predict(batch);
        }

        @Override
        public boolean isThreadSafe() {
            return model.isThreadSafe();
        }

        /** Starts a new recording. */
        void start() {
            batches.clear();
            recording = true;
        }

        /** Stops recording and returns the batch sizes, in call order. */
        int[] stop() {
            recording = false;
            synchronized (batches) {
                return batches.stream().mapToInt(Integer::intValue).toArray();
            }
        }
    }
}
