package io.github.segshap.bench;

import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.AtomicFiles;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.segmentation.ImageExplainer;
import io.github.segshap.spark.input.ImageSet;
import io.github.segshap.spark.input.NpyDecoder;
import io.github.segshap.spark.job.JobResult;
import io.github.segshap.spark.job.SparkExplainJob;
import io.github.segshap.spark.job.SparkSessions;
import io.github.segshap.spark.model.ModelFactory;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The shap-spark job's throughput on {@code local[1]} and {@code local[2]}, and its time per image
 * against the single-machine explainer (one thread, the same images, options and model), after one
 * warm-up run of each. The model is a 3x3 convolution over 4 channels with a tanh (about the cost
 * of a small network per pixel), images 4 x 48 x 48, exact Shapley values (4 players, 16
 * coalitions) against 8 background rows. Run (see docs/spark.md):
 * <pre>
 * java $SPARK_OPENS -cp benchmarks/target/benchmarks.jar io.github.segshap.bench.SparkThroughput [images]
 * </pre>
 */
public final class SparkThroughput {
    static final ImageShape SHAPE = new ImageShape(4, 48, 48);

    private SparkThroughput() {
    }

    /** Runs the comparison and prints seconds per image and the ratios. */
    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 48;
        Path dir = Files.createTempDirectory("segshap-spark-bench");
        Path weights = dir.resolve("conv.npy");
        SplittableRandom r = new SplittableRandom(5);
        Npy.write(weights, IntStream.range(0, 4 * 9).mapToDouble(i -> r.nextDouble(-0.5, 0.5)).toArray(), 4, 9);
        Path stack = dir.resolve("images.npy");
        Npy.write(stack, IntStream.range(0, n * SHAPE.size()).mapToDouble(i -> r.nextDouble(-1, 1)).toArray(), n,
                SHAPE.channels(), SHAPE.height(), SHAPE.width());
        ImageSet set = ImageSet.files(stack, ".npy", NpyDecoder.channelsFirst());
        SparkExplainJob.Background bg = SparkExplainJob.drawBackground(set, 8, 42);
        ExplanationOptions options = ExplanationOptions.builder().background(bg.ids(), bg.images()).threads(1)
                .build();
        List<Image> images = set.read(IntStream.range(0, n).boxed().toList());
        ImageExplainer local = ImageExplainer.of(new Conv(weights), options);
        local.explain(set.ids(), images);
        long t0 = System.nanoTime();
        Explanations e = local.explain(set.ids(), images);
        double single = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "single machine, 1 thread: %d images in %.2f s, %.4f s per image (residual %.1e)%n",
                n, single, single / n, e.maxAbsResidual());
        double[] spark = new double[3];
        for (int cores : new int[] {1, 2}) {
            SparkSession session = SparkSessions.local("local[" + cores + "]");
            try {
                for (int round = 0; round < 2; round++) {   // round 0 warms up the JVM and the session
                    Path out = dir.resolve("out-" + cores + "-" + round);
                    JobResult res = SparkExplainJob.builder(set, weights, new ConvFactory(), options).out(out)
                            .partitions(4 * cores).build().run(session);
                    if (res.explained() != n) {
                        throw new IllegalStateException("explained " + res.explained() + " of " + n);
                    }
                    spark[cores] = res.seconds();
                }
            } finally {
                session.stop();
            }
            System.out.printf(Locale.ROOT, "spark local[%d]: %d images in %.2f s, %.4f s per image, %.2f images/s%n",
                    cores, n, spark[cores], spark[cores] / n, n / spark[cores]);
        }
        System.out.printf(Locale.ROOT, "throughput local[2] / local[1]: %.2f; time per image local[1] / single "
                + "machine: %.2f%n", spark[1] / spark[2], spark[1] / single);
        AtomicFiles.deleteTree(dir);
    }

    /** The convolution's factory, shipped to the executors. */
    record ConvFactory() implements ModelFactory {
        @Override
        public Model create(Path file) {
            return new Conv(file);
        }
    }

    /** A 3x3 same-padded convolution of 4 channels to 1, then tanh. */
    static final class Conv implements Model {
        private final double[] w;

        Conv(Path weights) {
            this.w = Npy.read(weights).toDoubles();
        }

        @Override
        public OutputShape outputShape(ImageShape input) {
            return OutputShape.of(1, input.height(), input.width());
        }

        @Override
        public double[] predict(ImageBatch batch) {
            ImageShape s = batch.shape();
            int c = s.channels();
            int h = s.height();
            int wd = s.width();
            double[] v = batch.values();
            double[] out = new double[batch.count() * h * wd];
            for (int n = 0; n < batch.count(); n++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < wd; x++) {
                        double z = 0;
                        for (int ch = 0; ch < c; ch++) {
                            int base = (n * c + ch) * h * wd;
                            for (int dy = -1; dy <= 1; dy++) {
                                int yy = y + dy;
                                if (yy < 0 || yy >= h) {
                                    continue;
                                }
                                for (int dx = -1; dx <= 1; dx++) {
                                    int xx = x + dx;
                                    if (xx >= 0 && xx < wd) {
                                        z += w[ch * 9 + (dy + 1) * 3 + dx + 1] * v[base + yy * wd + xx];
                                    }
                                }
                            }
                        }
                        out[(n * h + y) * wd + x] = Math.tanh(z);
                    }
                }
            }
            return out;
        }

        @Override
        public boolean isThreadSafe() {
            return true;
        }
    }
}
