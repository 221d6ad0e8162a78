package io.github.segshap.dl4j.bench;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.dl4j.SegmentationExplainer;
import io.github.segshap.dl4j.model.Dl4jModel;
import io.github.segshap.dl4j.runtime.Dl4jRuntime;
import io.github.segshap.zoo.UNet;
import org.bytedeco.javacpp.Loader;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Speed of explaining the seed U-Net (untrained, F = 8, 4 channels) with the Exact explainer and 4
 * channel players: explanation time over the time of the same number of plain forward passes, and
 * images explained per second. Not a test; run with
 * <pre>
 * mvn -q -pl shap-dl4j test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.github.segshap.dl4j.bench.ExplainSpeed -Dexec.args="24 48 104"
 * mvn -q -pl shap-dl4j -Ponednn test-compile exec:java ... -Dsegshap.onednn=true   (the oneDNN path)
 * </pre>
 * System properties: {@code bench.background} (rows, default 100), {@code bench.images} (images
 * explained per size, default 4), {@code bench.threads} (explainer threads, default processors),
 * {@code bench.replicas} (network copies, default 1).
 */
public final class ExplainSpeed {
    private ExplainSpeed() {
    }

    /** Arguments: image sizes (default 24 48 104). */
    public static void main(String[] args) {
        int background = Integer.getInteger("bench.background", 100);
        int explained = Integer.getInteger("bench.images", 4);
        int threads = Integer.getInteger("bench.threads", Runtime.getRuntime().availableProcessors());
        int replicas = Integer.getInteger("bench.replicas", 1);
        int[] sizes = args.length == 0 ? new int[] {24, 48, 104} : new int[args.length];
        for (int i = 0; i < args.length; i++) {
            sizes[i] = Integer.parseInt(args[i]);
        }
        if (Boolean.getBoolean(Dl4jRuntime.ONEDNN_PROPERTY)) {
            Dl4jRuntime.enableOneDnn();
        }
        System.out.printf("nd4j native: %s; oneDNN binaries %s, helpers %s; threads %d, replicas %d, background %d, "
                        + "%d images per size%n", nativeLibrary(), Dl4jRuntime.oneDnnBinariesPresent(),
                Dl4jRuntime.oneDnnEnabled(), threads, replicas, background, explained);
        System.out.println("| size | helpers | explain s/image | images/s | evaluations/image | forward img/s "
                + "| explain / forward |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        for (int size : sizes) {
            run(size, background, explained, threads, replicas);
        }
    }

    private static void run(int size, int background, int explained, int threads, int replicas) {
        ImageShape shape = new ImageShape(4, size, size);
        ComputationGraph net = UNet.builder().inputShape(4, size, size).seed(42).build();
        List<Image> bg = images(background, shape, 1);
        List<Image> targets = images(explained, shape, 2);
        Dl4jModel model = Dl4jModel.builder(net).replicas(replicas).build();
        SegmentationExplainer explainer = SegmentationExplainer.of(model, ExplanationOptions.builder().background(bg).threads(threads)
                .build());
        // warm up: one explanation at this size (also computes the shared base value)
        explainer.explain(targets.get(0));
        long t0 = System.nanoTime();
        Explanations out = explainer.explain(targets);
        double explainSeconds = (System.nanoTime() - t0) / 1e9;

        long evaluations = 0;
        for (Explanation e : out.all()) {
            evaluations += e.modelEvaluations();
        }
        // the same number of plain forward passes, in batches of the size the evaluator uses
        long items = evaluations / explained;
        long perImage = 8L * (shape.size() + size * size) + 4L * shape.size();
        int batch = (int) Math.min(Math.min(512, (128L << 20) / perImage), Math.max(16, (items + 7) / 8));
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, 4, size, size);
        ComputationGraph plain = Dl4jRuntime.needsRebuild(net) ? net.clone() : net;
        for (int i = 0; i < 3; i++) {
            plain.output(false, x)[0].close();
        }
        // best of two rounds for both, to damp the noise of a shared machine
        double forwardSeconds = Math.min(forward(plain, x, evaluations), forward(plain, x, evaluations));
        long t2 = System.nanoTime();
        explainer.explain(targets);
        explainSeconds = Math.min(explainSeconds, (System.nanoTime() - t2) / 1e9);
        System.out.printf("| %dx%d | %s | %.2f | %.3f | %d | %.1f | %.3f |%n", size, size,
                Dl4jRuntime.usesOneDnn(plain) ? "oneDNN" : "none", explainSeconds / explained,
                explained / explainSeconds, evaluations / explained, evaluations / forwardSeconds,
                explainSeconds / forwardSeconds);
    }

    /** Seconds for {@code count} forward passes in batches of {@code x.size(0)} (the last one smaller). */
    private static double forward(ComputationGraph net, INDArray x, long count) {
        INDArray last = count % x.size(0) == 0 ? null : x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0,
                count % x.size(0))).dup();
        long t = System.nanoTime();
        for (long done = 0; done < count; done += x.size(0)) {
            INDArray in = count - done < x.size(0) ? last : x;
            net.output(false, in)[0].close();
        }
        return (System.nanoTime() - t) / 1e9;
    }

    private static String nativeLibrary() {
        for (String lib : Loader.getLoadedLibraries().values()) {
            if (lib.contains("nd4jcpu")) {
                int i = lib.indexOf("linux-x86_64");
                return i >= 0 ? lib.substring(i, lib.indexOf('/', i)) : lib;
            }
        }
        return "?";
    }

    private static List<Image> images(int count, ImageShape shape, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Image> out = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            double[] v = new double[shape.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextDouble();
            }
            out.add(Image.of(shape, v));
        }
        return out;
    }
}
