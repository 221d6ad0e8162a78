package io.github.segshap.bench;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.segshap.export.OnnxExport;
import io.github.segshap.onnx.model.OnnxModel;
import io.github.segshap.onnx.model.SessionSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sweep of ONNX Runtime's session options on the U-Nets of {@link CeilingNetwork}: images per
 * second of plain session runs ({@link OrtThroughput}) for each configuration — intra-op threads,
 * sequential or parallel execution, graph optimisation level, spinning, the CPU arena and memory
 * patterns, the batch size of a run, and 1 or 2 Java threads on one shared session or one session
 * each — measured in interleaved rounds (every configuration once per round; the best round
 * counts), as a ratio to {@link SessionSettings#DEFAULTS} at the batch of an explanation's model
 * runs ({@link CeilingNetwork#explanationBatch}, one explainer thread).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.segshap.bench.SessionSweep [--rounds 3] [--seconds 0.7]
 * </pre>
 */
public final class SessionSweep {
    private SessionSweep() {
    }

    /** One configuration: session settings, streams, one session per stream or one shared, batch factor. */
    record Config(String label, SessionSettings settings, int streams, boolean sessionPerStream, double batchFactor) {
    }

    /**
     * The configurations swept, the first the reference: {@link SessionSettings#DEFAULTS} run as an
     * explanation runs them, one call per processor at the same time on one session (the
     * explainers' default threads); each other configuration changes one thing.
     */
    static List<Config> configs() {
        int cores = Runtime.getRuntime().availableProcessors();
        SessionSettings d = SessionSettings.DEFAULTS;
        SessionSettings ort = d.withIntraOpThreads(0);
        SessionSettings all = d.withIntraOpThreads(cores);
        String streams = cores + " runs at once on one session";
        List<Config> c = new ArrayList<>();
        c.add(new Config("defaults (" + d.describe() + "), " + streams, d, cores, false, 1));
        c.add(new Config("defaults, one run at a time", d, 1, false, 1));
        c.add(new Config("defaults, " + cores + " sessions, one run each at once", d, cores, true, 1));
        c.add(new Config("defaults, " + cores + " sessions, no spinning", d.withSpinning(false), cores, true, 1));
        c.add(new Config("ONNX Runtime's intra-op threads (one per core), one run at a time", ort, 1, false, 1));
        c.add(new Config("ONNX Runtime's intra-op threads, " + streams + " (the earlier default with the "
                + "explainers' threads)", ort, cores, false, 1));
        c.add(new Config(cores + " intra-op threads, no spinning, one run at a time", all.withSpinning(false), 1,
                false, 1));
        c.add(new Config("defaults, parallel execution (" + cores + " inter-op), " + streams,
                d.withParallel(true, cores), cores, false, 1));
        c.add(new Config("defaults, basic optimisation, " + streams,
                d.withOptimization(OrtSession.SessionOptions.OptLevel.BASIC_OPT), cores, false, 1));
        c.add(new Config("defaults, extended optimisation, " + streams,
                d.withOptimization(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT), cores, false, 1));
        c.add(new Config("defaults, no arena, no memory pattern, " + streams, d.withMemory(false, false), cores,
                false, 1));
        c.add(new Config("defaults, batch / 4, " + streams, d, cores, false, 0.25));
        c.add(new Config("defaults, batch x 4, " + streams, d, cores, false, 4));
        return c;
    }

    /** Runs the sweep and prints the table (markdown). */
    public static void main(String[] args) throws OrtException {
        int rounds = 3;
        double seconds = 0.7;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (expected --rounds N, --seconds S)");
            }
        }
        String before = PerformanceReport.loadAverage();
        List<Config> configs = configs();
        StringBuilder md = new StringBuilder("| configuration |");
        StringBuilder rule = new StringBuilder("| --- |");
        double[][] best = new double[CeilingNetwork.values().length][configs.size()];
        int[] batches = new int[CeilingNetwork.values().length];
        for (CeilingNetwork net : CeilingNetwork.values()) {
            byte[] onnx = net.onnx();
            int batch;
            try (OnnxModel m = OnnxModel.builder(onnx).build()) {
                batch = net.explanationBatch(m, 1);
            }
            batches[net.ordinal()] = batch;
            md.append(' ').append(net.label()).append(" img/s (batch ").append(batch).append(") | / defaults |");
            rule.append(" --- | --- |");
            List<OrtThroughput> runners = new ArrayList<>();
            try {
                for (Config c : configs) {
                    int b = Math.max(1, (int) Math.round(batch * c.batchFactor()));
                    runners.add(new OrtThroughput(onnx, c.settings(), c.streams(), c.sessionPerStream(),
                            Map.of(OnnxExport.INPUT, new long[] {b, 4, net.size, net.size})));
                }
                for (int r = 0; r < rounds; r++) {
                    for (int i = 0; i < configs.size(); i++) {
                        best[net.ordinal()][i] = Math.max(best[net.ordinal()][i], runners.get(i).imagesPerSecond(seconds));
                    }
                }
            } finally {
                runners.forEach(OrtThroughput::close);
            }
        }
        md.append('\n').append(rule).append('\n');
        for (int i = 0; i < configs.size(); i++) {
            Config c = configs.get(i);
            md.append("| ").append(c.label());
            if (c.batchFactor() != 1) {
                md.append(" (batch ");
                for (CeilingNetwork net : CeilingNetwork.values()) {
                    md.append(net.ordinal() > 0 ? ", " : "")
                            .append(Math.max(1, (int) Math.round(batches[net.ordinal()] * c.batchFactor())));
                }
                md.append(')');
            }
            md.append(" |");
            for (CeilingNetwork net : CeilingNetwork.values()) {
                double[] b = best[net.ordinal()];
                md.append(String.format(" %.1f | %.2f |", b[i], b[i] / b[0]));
            }
            md.append('\n');
        }
        System.out.println(md);
        System.out.println("load average before " + before + ", after " + PerformanceReport.loadAverage() + "; "
                + rounds + " interleaved rounds of " + seconds + " s per configuration, the best round");
    }
}
