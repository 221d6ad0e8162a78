package io.github.segshap.bench;

import ai.onnxruntime.OrtException;
import io.github.segshap.core.explainers.Explainer;
import io.github.segshap.core.image.Image;
import io.github.segshap.onnx.cost.Layer;
import io.github.segshap.onnx.cost.PassCost;
import io.github.segshap.onnx.model.OnnxModel;
import io.github.segshap.onnx.model.SessionSettings;
import io.github.segshap.export.OnnxExport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ceiling of an explanation's speed, measured by the project, for the U-Nets of
 * {@link CeilingNetwork}: how many passes per second the machine can make of a network, and how
 * many an exact channel explanation through the default engine makes.
 *
 * <ul>
 *   <li><b>Work of a pass</b>: the network's multiply-adds per image ({@link PassCost}: its
 *       {@code Conv}, {@code ConvTranspose}, {@code MatMul} and {@code Gemm} nodes).</li>
 *   <li><b>Ceiling</b>: each distinct such layer alone ({@link Layer#alone(int)}, the network's
 *       weights and shapes) run by ONNX Runtime at the batch the explanation's model runs take,
 *       with the better of two ways to use the cores (one session with as many intra-op threads as
 *       cores, or one single-threaded session per core running at the same time); the ceiling is
 *       one pass over the sum of the layers' best times per image (a layer that occurs n times
 *       counts n times). Everything else a network does (activations, pooling, concatenation,
 *       resizing, the copies in and out) is taken as free, so the ceiling is an upper bound.</li>
 *   <li><b>Achieved</b>: an exact explanation of 4 channel players through {@link OnnxModel} with
 *       {@link SessionSettings#DEFAULTS} (the default engine) and, by default, one explainer thread
 *       per processor (the explainers' default), background rows as the network says,
 *       base value shared, passes counted from {@code modelEvaluations}, over wall time; and the same
 *       network's passes per second in plain session runs at the same batch ("network alone").</li>
 * </ul>
 * Each round measures all three, interleaved; the best round of each counts.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.segshap.bench.CeilingBenchmark [--rounds 3] [--seconds 1]
 *     [--images 2] [--explainer-threads PROCESSORS]
 * </pre>
 */
public final class CeilingBenchmark {
    private CeilingBenchmark() {
    }

    /**
     * One network's figures.
     *
     * @param network   the network
     * @param macs      multiply-adds per pass
     * @param layers    counted layers
     * @param distinct  distinct counted layers (timed)
     * @param batch     images per model run in the explanation (the layers are timed at it)
     * @param ceiling   ceiling passes per second
     * @param alone     passes per second of the network alone, plain session runs
     * @param explained passes per second inside the explanation
     */
    public record Row(CeilingNetwork network, long macs, int layers, int distinct, int batch, double ceiling,
                      double alone, double explained) {
        /** The ceiling over the explanation's passes per second (1 at the ceiling). */
        public double ratio() {
            return ceiling / explained;
        }
    }

    /** Runs the benchmark and prints the table (markdown). */
    public static void main(String[] args) throws OrtException {
        int rounds = 3;
        double seconds = 1;
        int images = 2;
        int threads = Runtime.getRuntime().availableProcessors(); // the explainers' default
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--images" -> images = Integer.parseInt(args[++i]);
                case "--explainer-threads" -> threads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (expected --rounds N, --seconds S, --images N, --explainer-threads T)");
            }
        }
        String before = PerformanceReport.loadAverage();
        List<Row> rows = run(rounds, seconds, images, threads);
        System.out.println(table(rows));
        System.out.println("load average before " + before + ", after " + PerformanceReport.loadAverage() + "; "
                + rounds + " interleaved rounds, the best of each; " + threads + " explainer thread(s), "
                + SessionSettings.DEFAULTS.describe());
    }

    /** Measures every network of {@link CeilingNetwork} (see {@link #measure}). */
    public static List<Row> run(int rounds, double seconds, int images, int explainerThreads) throws OrtException {
        List<Row> rows = new ArrayList<>();
        for (CeilingNetwork net : CeilingNetwork.values()) {
            rows.add(measure(net, rounds, seconds, images, explainerThreads));
        }
        return rows;
    }

    /** Measures one network: {@code rounds} interleaved rounds of explanation, network alone and layers. */
    public static Row measure(CeilingNetwork net, int rounds, double seconds, int images, int explainerThreads)
            throws OrtException {
        int cores = Runtime.getRuntime().availableProcessors();
        byte[] onnx = net.onnx();
        PassCost cost = PassCost.of(onnx, 1, 4, net.size, net.size);
        Map<String, List<Layer>> groups = cost.distinct();
        List<OrtThroughput> runners = new ArrayList<>();
        try (OnnxModel model = OnnxModel.builder(onnx).build()) {
            int batch = net.explanationBatch(model, explainerThreads);
            Explainer explainer = net.explainer(model, explainerThreads);
            List<Image> explained = Bench.images(images, net.shape(), 2);
            explainer.explain(explained.get(0)); // computes and caches the shared base value
            OrtThroughput alone = new OrtThroughput(onnx, model.sessionSettings(), explainerThreads, false,
                    Map.of(OnnxExport.INPUT, new long[] {batch, 4, net.size, net.size}));
            runners.add(alone);
            Map<String, OrtThroughput[]> layerRunners = new LinkedHashMap<>();
            for (Map.Entry<String, List<Layer>> g : groups.entrySet()) {
                Layer l = g.getValue().get(0);
                Map<String, long[]> in = new LinkedHashMap<>();
                for (String name : l.aloneInputs()) {
                    in.put(name, l.aloneInputDims(name, batch));
                }
                OrtThroughput wide = new OrtThroughput(l.alone(batch), SessionSettings.DEFAULTS.withIntraOpThreads(cores),
                        1, false, in);
                runners.add(wide);
                OrtThroughput each = new OrtThroughput(l.alone(batch), SessionSettings.DEFAULTS.withIntraOpThreads(1),
                        cores, true, in);
                runners.add(each);
                layerRunners.put(g.getKey(), new OrtThroughput[] {wide, each});
            }
            double bestExplained = 0;
            double bestAlone = 0;
            Map<String, Double> bestLayer = new HashMap<>();
            for (int r = 0; r < rounds; r++) {
                long passes = 0;
                long t0 = System.nanoTime();
                for (Image image : explained) {
                    passes += explainer.explain(image).modelEvaluations();
                }
                bestExplained = Math.max(bestExplained, passes / ((System.nanoTime() - t0) / 1e9));
                bestAlone = Math.max(bestAlone, alone.imagesPerSecond(seconds));
                for (Map.Entry<String, OrtThroughput[]> e : layerRunners.entrySet()) {
                    for (OrtThroughput t : e.getValue()) {
                        bestLayer.merge(e.getKey(), t.imagesPerSecond(seconds / 2), Math::max);
                    }
                }
            }
            double secondsPerPass = 0;
            StringBuilder detail = new StringBuilder();
            for (Map.Entry<String, List<Layer>> g : groups.entrySet()) {
                Layer l = g.getValue().get(0);
                double rate = bestLayer.get(g.getKey());
                secondsPerPass += g.getValue().size() / rate;
                detail.append(String.format("  %d x %s: %.1f M multiply-adds, %.0f runs/s per image = %.1f GMAC/s%n",
                        g.getValue().size(), l.describe(), l.macs() / 1e6, rate, l.macs() * rate / 1e9));
            }
            System.out.printf("%s: %d layers (%d distinct), batch %d%n%s", net.label(), cost.layers().size(),
                    groups.size(), batch, detail);
            return new Row(net, cost.macs(), cost.layers().size(), groups.size(), batch, 1 / secondsPerPass, bestAlone,
                    bestExplained);
        } finally {
            runners.forEach(OrtThroughput::close);
        }
    }

    /** The rows as a markdown table. */
    public static String table(List<Row> rows) {
        StringBuilder md = new StringBuilder("| network | multiply-adds / pass | layers (distinct) | batch | ceiling "
                + "passes/s | ceiling GMAC/s | network alone passes/s | **explanation passes/s** | **ceiling / "
                + "explanation** |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row r : rows) {
            md.append(String.format("| %s | %.1f M | %d (%d) | %d | %.0f | %.1f | %.0f | **%.0f** | **%.2fx** |%n",
                    r.network().label(), r.macs() / 1e6, r.layers(), r.distinct(), r.batch(), r.ceiling(),
                    r.ceiling() * r.macs() / 1e9, r.alone(), r.explained(), r.ratio()));
        }
        return md.toString();
    }
}
