package io.github.segshap.bench;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.io.NpyArray;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.PaddedModel;
import io.github.segshap.core.padding.BoundaryMode;
import io.github.segshap.core.provenance.Precision;
import io.github.segshap.core.provenance.PrecisionRecord;
import io.github.segshap.core.segmentation.BackgroundDraw;
import io.github.segshap.core.segmentation.ExplainerKind;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.segmentation.ImageExplainer;
import io.github.segshap.dl4j.model.Dl4jModels;
import io.github.segshap.export.OnnxExport;
import io.github.segshap.onnx.model.OnnxModel;
import io.github.segshap.onnx.quantize.Calibration;
import io.github.segshap.onnx.quantize.HeldOutComparison;
import io.github.segshap.onnx.quantize.Int8Quantizer;
import io.github.segshap.onnx.quantize.QuantizedModel;
import io.github.segshap.zoo.UNet;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The salt explanation in float32 and in int8, on real prepared data, in one run (not JMH): exact
 * Shapley values of the four channels for the first {@code images} test images with a background of
 * {@code rows} training images drawn with seed 42 (the calibration images), through ONNX Runtime
 * (one intra-op thread per explainer thread, as the salt example runs it), 101 x 101 padded to
 * 104 x 104. Times float32 and int8 (min/max) image by image, interleaved, after one warm-up image
 * each, and prints the contributions' relative RMS and largest error against float32, seconds per
 * image, passes per second, their ratio and the whole test set extrapolated; then, on the first
 * {@code compare} images, the error of each calibration (min/max and percentiles).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.segshap.bench.QuantizedExplain MODEL.zip|untrained X_TRAIN.npy X_TEST.npy [images] [rows] [threads] [compare]
 * </pre>
 * MODEL.zip is a salt run's {@code model.zip} (full resolution; {@code untrained}: the same U-Net
 * with weights from seed 42); the arrays are its data cache's {@code x_train.npy} and
 * {@code x_test.npy}. Defaults: 20 images, 16 rows, 2 threads, 5 compared.
 */
public final class QuantizedExplain {
    /** Test images of the whole TGS test set (the salt example's split of the 4000 training tiles). */
    static final int WHOLE_TEST_SET = 742;
    /** The MODEL argument naming the full-resolution U-Net, untrained (weights from seed 42). */
    static final String UNTRAINED = "untrained";

    private QuantizedExplain() {
    }

    /** @param args model, x_train, x_test, images (20), rows (16), threads (2), compare (5) */
    public static void main(String[] args) {
        Path modelFile = Path.of(args[0]);
        List<Image> train = images(Path.of(args[1]));
        List<Image> test = images(Path.of(args[2]));
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int rows = args.length > 4 ? Integer.parseInt(args[4]) : 16;
        int threads = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        int compare = args.length > 6 ? Integer.parseInt(args[6]) : 5;
        ImageShape shape = test.get(0).shape();
        ImageShape input = new ImageShape(shape.channels(), 104, 104);
        ComputationGraph net = args[0].equals(UNTRAINED) ? UNet.builder().inputShape(4, 104, 104)
                .upsampling(UNet.Upsampling.NEAREST_THEN_CONVOLUTION).seed(42).build()
                : (ComputationGraph) Dl4jModels.load(modelFile);
        byte[] fp32 = OnnxExport.toBytes(net, input, OnnxExport.Size.FIXED);
        List<String> trainIds = IntStream.range(0, train.size()).mapToObj(i -> "train-" + i).toList();
        BackgroundDraw.Drawn bg = BackgroundDraw.draw(trainIds, train, rows, 42, shape);
        ExplanationOptions options = ExplanationOptions.builder().channelNames("seismic", "energy", "semblance",
                "sobel").explainer(ExplainerKind.EXACT).background(bg.ids(), bg.rows()).threads(threads).build();
        List<Image> held = test.subList(0, Math.min(n, test.size()));
        List<String> ids = IntStream.range(0, held.size()).mapToObj(i -> "test-" + i).toList();
        List<Image> calibration = Int8Quantizer.calibrationRows(bg.rows(), input, BoundaryMode.MIRROR);
        System.out.printf(Locale.ROOT, "%d test images, %d background rows (calibration), %d threads; load %s%n",
                held.size(), rows, threads, PerformanceReport.loadAverage());
        try (Model f = padded(fp32, input)) {
            QuantizedModel q = Int8Quantizer.builder().build().quantize(fp32, calibration);
            try (Model i = padded(q.bytes(), input)) {
                ImageExplainer fe = ImageExplainer.of(f, options);
                ImageExplainer ie = ImageExplainer.of(i, options);
                fe.explain(ids.subList(0, 1), held.subList(0, 1)); // warm-up: sessions, probes, JIT
                ie.explain(ids.subList(0, 1), held.subList(0, 1));
                long tf = 0;
                long ti = 0;
                long passes = 0;
                List<double[]> cf = new ArrayList<>();
                List<double[]> ci = new ArrayList<>();
                List<double[]> pf = new ArrayList<>();
                List<double[]> pi = new ArrayList<>();
                for (int k = 0; k < held.size(); k++) {
                    List<Image> one = List.of(held.get(k));
                    List<String> id = List.of(ids.get(k));
                    long t0 = System.nanoTime();
                    Explanation a = fe.explain(id, one).get(0);
                    long t1 = System.nanoTime();
                    Explanation b = ie.explain(id, one).get(0);
                    long t2 = System.nanoTime();
                    tf += t1 - t0;
                    ti += t2 - t1;
                    passes += a.modelEvaluations();
                    for (int p = 0; p < a.players(); p++) {
                        cf.add(a.values(p));
                        ci.add(b.values(p));
                    }
                    pf.add(a.outputs());
                    pi.add(b.outputs());
                }
                PrecisionRecord r = PrecisionRecord.measure("int8", q.calibrationRecord(), flat(cf), flat(ci), ids);
                PrecisionRecord p = PrecisionRecord.measure("int8", "", flat(pf), flat(pi), ids);
                double sf = tf / 1e9 / held.size();
                double si = ti / 1e9 / held.size();
                System.out.printf(Locale.ROOT, "min/max calibration, %d images: contributions relative RMS %.3f%%, max abs "
                        + "%.3g; predictions relative RMS %.3f%%%n", held.size(), 100 * r.relativeRms(), r.maxAbs(),
                        100 * p.relativeRms());
                System.out.printf(Locale.ROOT, "float32 %.2f s/image (%.0f passes/s), int8 %.2f s/image (%.0f passes/s): "
                                + "int8 %.2fx faster; %d images at these rates: float32 %.1f min, int8 %.1f min; load %s%n",
                        sf, passes / (tf / 1e9), si, passes / (ti / 1e9), (double) tf / ti, WHOLE_TEST_SET,
                        WHOLE_TEST_SET * sf / 60, WHOLE_TEST_SET * si / 60, PerformanceReport.loadAverage());
            }
            List<Image> few = held.subList(0, Math.min(compare, held.size()));
            List<String> fewIds = ids.subList(0, few.size());
            Explanations reference = ImageExplainer.of(f, options).explain(fewIds, few);
            System.out.println("| calibration (" + few.size() + " images) | relative RMS | max abs | prediction relative RMS |");
            System.out.println("| --- | --- | --- | --- |");
            for (Calibration c : List.of(Calibration.minMax(), Calibration.percentile(99.99))) {
                for (boolean inputLayer : new boolean[] {true, false}) {
                    QuantizedModel qc = Int8Quantizer.builder().calibration(c).quantizeInputLayer(inputLayer).build()
                            .quantize(fp32, calibration);
                    try (Model i = padded(qc.bytes(), input)) {
                        Explanations e = ImageExplainer.of(i, options).explain(fewIds, few);
                        PrecisionRecord r = HeldOutComparison.compare(reference, e, Precision.INT8,
                                qc.calibrationRecord());
                        PrecisionRecord p = PrecisionRecord.measure("int8", "", predictions(reference), predictions(e),
                                fewIds);
                        System.out.printf(Locale.ROOT, "| %s, input layer %s | %.3f%% | %.3g | %.3f%% |%n", c.label(),
                                inputLayer ? "int8" : "float32", 100 * r.relativeRms(), r.maxAbs(),
                                100 * p.relativeRms());
                    }
                }
            }
        }
    }

    private static double[] flat(List<double[]> parts) {
        return parts.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static Model padded(byte[] model, ImageShape input) {
        return PaddedModel.to(OnnxModel.builder(model).intraOpThreads(1).build(), input.height(), input.width(),
                BoundaryMode.MIRROR);
    }

    private static List<Image> images(Path npy) {
        NpyArray a = Npy.read(npy);
        int[] s = a.shape();
        ImageShape shape = new ImageShape(s[1], s[2], s[3]);
        double[] v = a.toDoubles();
        List<Image> out = new ArrayList<>(s[0]);
        for (int i = 0; i < s[0]; i++) {
            out.add(Image.of(shape, java.util.Arrays.copyOfRange(v, i * shape.size(), (i + 1) * shape.size())));
        }
        return out;
    }

    private static double[] predictions(Explanations e) {
        return e.all().stream().flatMapToDouble(x -> java.util.Arrays.stream(x.outputs())).toArray();
    }
}
