package io.github.segshap.bench;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.export.OnnxExport;
import io.github.segshap.onnx.model.OnnxModel;
import io.github.segshap.onnx.quantize.Calibration;
import io.github.segshap.onnx.quantize.Int8Quantizer;
import io.github.segshap.onnx.quantize.OptimizedGraph;
import io.github.segshap.onnx.quantize.QuantizedModel;
import io.github.segshap.zoo.UNet;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.List;
import java.util.Locale;

/**
 * Passes per second of a U-Net in float32 and in int8 ({@link Int8Quantizer}, calibrated on 16
 * uniform images) through {@link OnnxModel}, in one run, interleaved batch by batch, at the batch
 * size an explanation gives the model ({@link OnnxModel#subBatchSize}); prints the operators ONNX
 * Runtime runs for each (QLinearConv when the int8 copy is fused) and the predictions' largest
 * difference. The networks: the seed U-Net at 24 x 24 (transposed convolutions) and the
 * full-resolution U-Net at 104 x 104 (resize convolutions), untrained, weights from seed 42.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.segshap.bench.QuantizedSpeed [rounds] [threads]
 * </pre>
 */
public final class QuantizedSpeed {
    private QuantizedSpeed() {
    }

    /** @param args rounds (default 20) and intra-op threads (default 1) */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        ComputationGraph seed = Bench.seedUNet(24);
        measure("seed U-Net 24x24", seed, new ImageShape(4, 24, 24), rounds, threads);
        ComputationGraph full = UNet.builder().inputShape(4, 104, 104).upsampling(UNet.Upsampling.NEAREST_THEN_CONVOLUTION)
                .seed(42).build();
        measure("full-resolution U-Net 104x104", full, new ImageShape(4, 104, 104), rounds, threads);
    }

    private static void measure(String name, ComputationGraph net, ImageShape shape, int rounds, int threads) {
        byte[] fp32 = OnnxExport.toBytes(net, shape, OnnxExport.Size.FIXED);
        List<Image> calibration = Bench.images(16, shape, 7);
        QuantizedModel q = Int8Quantizer.builder().calibration(Calibration.minMax()).build().quantize(fp32, calibration);
        System.out.println(name + " (load " + PerformanceReport.loadAverage() + "): " + q.quantizedNodes() + " nodes int8, " + q.floatNodes() + " float32, "
                + q.foldedBatchNorms() + " batch norms folded");
        System.out.println("  float32 runs " + OptimizedGraph.operators(fp32));
        System.out.println("  int8 runs    " + OptimizedGraph.operators(q.bytes()));
        try (OnnxModel f = OnnxModel.builder(fp32).intraOpThreads(threads).build();
             OnnxModel i = OnnxModel.builder(q.bytes()).intraOpThreads(threads).build()) {
            int batch = f.subBatchSize(shape);
            ImageBatch images = Bench.batch(batch, shape, 11);
            double[] a = f.predict(images);
            double[] b = i.predict(images);
            double max = 0;
            for (int k = 0; k < a.length; k++) {
                max = Math.max(max, Math.abs(a[k] - b[k]));
            }
            long tf = 0;
            long ti = 0;
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                f.predict(images);
                long t1 = System.nanoTime();
                i.predict(images);
                long t2 = System.nanoTime();
                if (r > 1) { // two rounds of warm-up
                    tf += t1 - t0;
                    ti += t2 - t1;
                }
            }
            double passes = (double) batch * (rounds - 2);
            System.out.printf(Locale.ROOT, "  batch %d, %d threads: float32 %.0f passes/s, int8 %.0f passes/s, int8 / "
                            + "float32 %.2fx; predictions differ by at most %.4f%n", batch, threads, passes / (tf / 1e9),
                    passes / (ti / 1e9), (double) tf / ti, max);
        }
    }
}
