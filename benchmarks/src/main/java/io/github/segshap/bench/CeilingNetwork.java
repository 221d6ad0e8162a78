package io.github.segshap.bench;

import io.github.segshap.core.explainers.ExactExplainer;
import io.github.segshap.core.explainers.Explainer;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.masking.BackgroundMasker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.players.Players;
import io.github.segshap.dl4j.runtime.Dl4jRuntime;
import io.github.segshap.export.OnnxExport;
import io.github.segshap.onnx.model.OnnxModel;
import io.github.segshap.zoo.UNet;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The two U-Nets whose ceiling {@link CeilingBenchmark} measures and whose session options
 * {@link SessionSweep} sweeps, as the salt example builds them (untrained, weights from seed 42) and
 * exports them for ONNX Runtime ({@link OnnxExport}, fixed size, dynamic batch).
 */
enum CeilingNetwork {
    /** The seed U-Net at 24 x 24 (transposed convolutions), explained against 100 background rows. */
    SEED_24(24, UNet.Upsampling.TRANSPOSED_CONVOLUTION, 100),
    /**
     * The full-resolution U-Net at 104 x 104 (101 x 101 padded; resize-convolution up-sampling, the
     * default of {@code --resolution full}), explained against 16 background rows (as the whole
     * test set is).
     */
    FULL_104(104, UNet.Upsampling.NEAREST_THEN_CONVOLUTION, 16);

    final int size;
    final UNet.Upsampling upsampling;
    final int backgroundRows;

    CeilingNetwork(int size, UNet.Upsampling upsampling, int backgroundRows) {
        this.size = size;
        this.upsampling = upsampling;
        this.backgroundRows = backgroundRows;
    }

    /** The input shape of one image. */
    ImageShape shape() {
        return new ImageShape(4, size, size);
    }

    /** The network exported to ONNX. */
    byte[] onnx() {
        Dl4jRuntime.init();
        return OnnxExport.toBytes(UNet.builder().inputShape(4, size, size).upsampling(upsampling).seed(42).build(),
                shape(), OnnxExport.Size.FIXED);
    }

    /**
     * The explainer of the benchmarks: exact, the 4 channel players, {@link #backgroundRows} random
     * background rows (seed 1), {@code threads} explainer threads.
     */
    Explainer explainer(Model model, int threads) {
        List<Image> background = Bench.images(backgroundRows, shape(), 1);
        return ExactExplainer.builder(model, Players.perChannel(shape()), BackgroundMasker.of(background))
                .threads(threads).build();
    }

    /**
     * The images of a model run in an explanation by {@link #explainer}: the run size that carries the
     * most images of one explanation (base value shared), the calls split as {@code model} splits them.
     */
    int explanationBatch(OnnxModel model, int threads) {
        Bench.RecordingModel recorder = new Bench.RecordingModel(model);
        Explainer explainer = explainer(recorder, threads);
        Image image = Bench.images(1, shape(), 2).get(0);
        explainer.explain(image); // the base value, computed once
        recorder.start();
        explainer.explain(image);
        int[][] runs = Bench.runs(recorder.stop(), model.subBatchSize(shape()));
        Map<Integer, Integer> images = new HashMap<>();
        Arrays.stream(runs).flatMapToInt(Arrays::stream).forEach(b -> images.merge(b, b, Integer::sum));
        return images.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** A label for tables, e.g. {@code seed U-Net 24x24}. */
    String label() {
        return (this == SEED_24 ? "seed U-Net " : "full-resolution U-Net ") + size + "x" + size;
    }
}
