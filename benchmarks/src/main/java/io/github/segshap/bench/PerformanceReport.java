package io.github.segshap.bench;

import ai.onnxruntime.OrtException;
import io.github.segshap.core.io.AtomicFiles;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every benchmark briefly (one fork each, few iterations) and writes {@code docs/performance.md}:
 * the figures, each a ratio measured within this one run next to the absolute times, with the
 * machine (cores, CPU model, memory, Java, load), the date and the exact command.
 *
 * <p>From the repository root:
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; java -jar benchmarks/target/benchmarks.jar     (the full run)
 * java -jar benchmarks/target/benchmarks.jar --quick --out /tmp/performance.md    (quick mode)
 * </pre>
 * Options: {@code --quick} (fewer sizes and cases, one measured iteration), {@code --out FILE}
 * (default {@code docs/performance.md}), {@code --threads N} (nd4j OpenMP threads in the forks,
 * default 1). System properties {@code segshap.data} and {@code segshap.reference} are passed on to
 * the forks. A single benchmark class runs as usual with JMH's own main:
 * {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main UNetOverheadBenchmark}.
 */
public final class PerformanceReport {
    private PerformanceReport() {
    }

    /** Runs the benchmarks and writes the report. */
    public static void main(String[] args) throws RunnerException, IOException, OrtException {
        boolean quick = false;
        Path out = Paths.get("docs/performance.md");
        int threads = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Paths.get(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (expected --quick, --out FILE, --threads N)");
            }
        }
        String command = "java -jar benchmarks/target/benchmarks.jar"
                + (args.length > 0 ? " " + String.join(" ", args) : "");
        String loadBefore = loadAverage();
        LocalDateTime start = LocalDateTime.now();
        List<String> forkArgs = new ArrayList<>(List.of("-D" + Bench.THREADS_PROPERTY + "=" + threads,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        for (String p : new String[] {DataPipelineBenchmark.DATA_PROPERTY, "segshap.reference"}) {
            if (System.getProperty(p) != null) {
                forkArgs.add("-D" + p + "=" + System.getProperty(p));
            }
        }

        ChainedOptionsBuilder timing = new OptionsBuilder()
                .include("UNetOverheadBenchmark|ExplainOverheadBenchmark|KernelSolveBenchmark|InferenceBenchmark"
                        + "|DataPipelineBenchmark|UpsamplingBenchmark|OnnxInferenceBenchmark|OnnxOverheadBenchmark")
                .forks(1).jvmArgsPrepend(forkArgs.toArray(String[]::new)).shouldFailOnError(false);
        ChainedOptionsBuilder memory = new OptionsBuilder().include("MemoryBenchmark").forks(1)
                .jvmArgsPrepend(forkArgs.toArray(String[]::new)).addProfiler(GCProfiler.class).shouldFailOnError(false);
        if (quick) {
            timing.param("size", "24", "48").param("method", "exact/4", "kernel/16", "kernel/64",
                    "partition/16", "permutation/16").param("players", "16", "64")
                    .measurementIterations(1).param("resolution", "SEED");
            memory.param("method", "exact/4").measurementIterations(1);
        }
        Collection<RunResult> results = new ArrayList<>(new Runner(timing.build()).run());
        results.addAll(new Runner(memory.build()).run());
        List<AccuracyPerCall.Row> accuracy = quick ? AccuracyPerCall.run(new int[] {258, 2002}, 1)
                : AccuracyPerCall.run(AccuracyPerCall.BUDGETS, AccuracyPerCall.SEEDS);
        List<CeilingBenchmark.Row> ceiling = CeilingBenchmark.run(quick ? 1 : 3, 1, 2,
                Runtime.getRuntime().availableProcessors());
        String loadAfter = loadAverage();
        Duration took = Duration.between(start, LocalDateTime.now());

        Map<String, RunResult> byKey = new LinkedHashMap<>();
        for (RunResult r : results) {
            byKey.put(key(r), r);
        }
        StringBuilder md = new StringBuilder();
        md.append("# Performance\n\n");
        md.append("Generated by the `benchmarks` module (JMH 1.37) with\n\n```\nmvn -B -q install -DskipTests && ")
                .append(command).append("\n```\n\nrun from the repository root")
                .append(quick ? " (quick mode: fewer sizes and cases, one measured iteration)" : "").append(".\n\n");
        md.append("| | |\n| --- | --- |\n");
        md.append("| date | ").append(start.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))).append(", took ")
                .append(took.toMinutes()).append(" min ").append(took.toSecondsPart()).append(" s |\n");
        md.append("| machine | ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(cpuModel()).append(", ").append(memTotal()).append(", ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append(" |\n");
        md.append("| Java | ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append(" |\n");
        md.append("| load average (1, 5, 15 min) | before ").append(loadBefore).append("; after ").append(loadAfter)
                .append(loaded(loadBefore, loadAfter) ? " — **the machine was shared with other work**: absolute "
                        + "times are slower than on an idle machine; each ratio is measured within one run, "
                        + "interleaved where noted, and is the figure to trust" : "").append(" |\n");
        md.append("| nd4j threads | ").append(threads).append(" OpenMP thread").append(threads == 1 ? "" : "s")
                .append(" (`Nd4j.getEnvironment().setMaxThreads`), one explainer thread |\n");
        md.append("| JMH | one fork per benchmark, iterations as annotated")
                .append(quick ? ", one measured iteration" : "").append(" |\n\n");

        md.append("## Explanation overhead, seed U-Net (goal explain / forward <= 1.10)\n\n");
        md.append("Exact explainer, 4 channel players, untrained seed U-Net (F = 8, 4 channels, seed 42), one image; "
                + "each JMH operation explains the image and then makes the same forward passes alone "
                + "(`ComputationGraph.output`, same batch sizes), so the ratio is measured interleaved "
                + "(`UNetOverheadBenchmark`). Background rows: " + UNetOverheadBenchmark.rows(24) + " at 24, "
                + UNetOverheadBenchmark.rows(48) + " at 48, "
                + UNetOverheadBenchmark.rows(104) + " at 104 (to keep the run short); the base value is shared "
                + "(as for every image after the first). 104x104 is the 101x101 resolution padded to a multiple "
                + "of 4. Layer helpers: oneDNN (the default).\n\n");
        overheadTable(md, byKey, "UNetOverheadBenchmark");

        md.append("\n## Time outside model calls, synthetic model with K = 101 x 101 outputs\n\n");
        md.append("One 4 x 101 x 101 image, " + ExplainOverheadBenchmark.ROWS + " background rows, a cheap per-pixel "
                + "linear model, one thread (`ExplainOverheadBenchmark`). Players: 4 channels, or channels x 2x2 / "
                + "4x4 patches. Kernel: default budget 2M + 2050 coalitions, paired. Partition: balanced binary "
                + "hierarchy (channels first), at most 2M^2 coalitions. Permutation: " + ExplainOverheadBenchmark.PAIRS + " antithetic pairs. "
                + "Each operation explains, then replays the same model calls alone (interleaved).\n\n");
        md.append("| explainer | M | explain ms | model calls alone ms | **outside model calls ms** | "
                + "explain / model |\n| --- | --- | --- | --- | --- | --- |\n");
        for (String m : new String[] {"exact", "kernel", "partition", "permutation"}) {
            for (String p : new String[] {"4", "16", "64"}) {
                RunResult r = byKey.get("ExplainOverheadBenchmark.explainThenModel method=" + m + "/" + p);
                if (r != null) {
                    double[] t = pair(r);
                    md.append(String.format("| %s | %s | %.1f | %.1f | **%.1f** | %.2f |%n", m, p, t[0] / 1e6,
                            t[1] / 1e6, (t[0] - t[1]) / 1e6, t[0] / t[1]));
                }
            }
        }
        md.append("\nKernel solve for K = 101 x 101 outputs on the default budget (`KernelSolveBenchmark`): all "
                + "outputs with one factorization and one matrix product, against one regression per output (timed "
                + "on " + KernelSolveBenchmark.LOOP_OUTPUTS + " outputs, scaled to K; the loop is linear in K). "
                + "Goal >= 50x.\n\n");
        md.append("| M | all outputs ms | per-output loop ms (scaled) | **speed-up** |\n| --- | --- | --- | --- |\n");
        for (String p : new String[] {"4", "16", "64"}) {
            RunResult all = byKey.get("KernelSolveBenchmark.allOutputs players=" + p);
            RunResult loop = byKey.get("KernelSolveBenchmark.perOutputLoop players=" + p);
            if (all != null && loop != null) {
                double a = ms(all);
                double l = ms(loop) * KernelSolveBenchmark.OUTPUTS / KernelSolveBenchmark.LOOP_OUTPUTS;
                md.append(String.format("| %s | %.2f | %.0f | **%.0fx** |%n", p, a, l, l / a));
            }
        }

        md.append("\n## Accuracy per model call, M = 16 (`AccuracyPerCall`)\n\n");
        md.append("Error against exact Shapley values on the shap-oracle problems (12 x 12 x 4 images, K = 144, 20 "
                + "background rows, channel x quadrant players), pooled over the 2 cases of each file and "
                + (quick ? 1 : AccuracyPerCall.SEEDS) + " seed(s). Model evaluations = coalitions x background rows "
                + "(first image, base value included). The last column divides by shap 0.46's Kernel RMS error at "
                + "2000 samples (`l1_reg=False`, about 40 000 model evaluations) recorded in the oracle: <= 1 is as "
                + "good as shap at that cost.\n\n");
        md.append(AccuracyPerCall.table(accuracy));

        md.append("\n## DL4J inference, default path vs oneDNN (`InferenceBenchmark`)\n\n");
        md.append("Seed U-Net, one `output` call on a random batch, each path in its own JVM fork: helpers off "
                + "(`-Dsegshap.onednn=false`, DL4J's built-in layers) and oneDNN (checked: the fork fails if a "
                + "network does not take the path it is named after).\n\n");
        md.append("| size | batch | helpers off img/s | oneDNN img/s | **oneDNN / off** |\n"
                + "| --- | --- | --- | --- | --- |\n");
        Map<String, Double> oneDnnImgPerS = new LinkedHashMap<>();
        for (String size : new String[] {"24", "48", "104"}) {
            RunResult off = byKey.get("InferenceBenchmark.helpersOff size=" + size);
            RunResult on = byKey.get("InferenceBenchmark.oneDnn size=" + size);
            int batch = InferenceBenchmark.batch(Integer.parseInt(size));
            if (off != null && on != null) {
                double a = batch / (ms(off) / 1e3);
                double b = batch / (ms(on) / 1e3);
                oneDnnImgPerS.put(size, b);
                md.append(String.format("| %sx%s | %d | %.1f | %.1f | **%.1fx** |%n", size, size, batch, a, b, b / a));
            }
        }

        md.append("\n## ONNX Runtime vs DL4J oneDNN, seed U-Net (`OnnxInferenceBenchmark`, goal >= 2x)\n\n");
        md.append("The same seed U-Net, exported with `OnnxExport.toBytes` and run by ONNX Runtime "
                + "(`OnnxModel`, CPU provider, all graph optimisations) or by DL4J on its oneDNN path (`Dl4jModel`; "
                + "the fork fails if the network has no oneDNN helpers), both in this one JMH run "
                + "(`@Param engine`, one fork each). One operation: one `Model.predict` call on the same random "
                + "batch, images converted to float32 and the maps back by each adapter. ONNX Runtime's intra-op "
                + "threads are set to the OpenMP thread count nd4j reports in the fork after being asked for "
                + threads + " (`Nd4j.getEnvironment().maxThreads()`, which `setMaxThreads` may leave at the core "
                + "count unless `OMP_NUM_THREADS` is set; the fork's set-up line prints both), so both engines "
                + "get the same number of threads.\n\n");
        md.append("| size | batch | DL4J oneDNN img/s | ONNX Runtime img/s | **ONNX Runtime / DL4J** |\n"
                + "| --- | --- | --- | --- | --- |\n");
        for (String size : new String[] {"24", "48", "104"}) {
            RunResult dl4j = byKey.get("OnnxInferenceBenchmark.predict engine=DL4J_ONEDNN size=" + size);
            RunResult ort = byKey.get("OnnxInferenceBenchmark.predict engine=ONNX_RUNTIME size=" + size);
            int batch = InferenceBenchmark.batch(Integer.parseInt(size));
            if (dl4j != null && ort != null) {
                double a = batch / (ms(dl4j) / 1e3);
                double b = batch / (ms(ort) / 1e3);
                md.append(String.format("| %sx%s | %d | %.1f | %.1f | **%.2fx** |%n", size, size, batch, a, b, b / a));
            }
        }
        md.append("\nExplanation overhead through ONNX Runtime (`OnnxOverheadBenchmark`, goal explain / forward <= "
                + "1.10): as above for DL4J, the exported U-Net explained through `OnnxModel`, then the same forward "
                + "passes alone as plain `OrtSession.run` calls of a second session with the same options on "
                + "prepared float32 tensors, interleaved in every operation.\n\n");
        overheadTable(md, byKey, "OnnxOverheadBenchmark");

        md.append("\n## The ceiling: passes per second against the machine's (`CeilingBenchmark`, goal <= 1.15x)\n\n");
        md.append("Multiply-adds of one pass counted from the ONNX graph (`PassCost`: Conv, ConvTranspose, MatMul, "
                + "Gemm, shapes from one ONNX Runtime run). Ceiling: each distinct such layer alone (a one-node model "
                + "with the network's weights) at the batch of the explanation's model runs, the better of one "
                + "session with one intra-op thread per core and one single-threaded session per core; one pass "
                + "over the sum of the layers' best times per image (everything else the network does counted as "
                + "free). Explanation: exact, 4 channel players, untrained U-Net, through `OnnxModel` with the "
                + "default session options (`SessionSettings.DEFAULTS`) and one explainer thread per processor "
                + "(the explainers' default), 2 images, passes from `modelEvaluations`; network alone: as many "
                + "plain session runs at once at the same batch. "
                + (quick ? 1 : 3) + " interleaved round(s), the best of each. The hand-written section \"The "
                + "ceiling\" below has the session-option sweep and the salt example's engines.\n\n");
        md.append(CeilingBenchmark.table(ceiling));

        md.append("\n## U-Net up-sampling: transposed convolution vs resize-convolution (`UpsamplingBenchmark`)\n\n");
        md.append("The seed U-Net at 104x104 (oneDNN path), one training step and one inference call on a random "
                + "batch of " + UpsamplingBenchmark.BATCH + ", with the seed's transposed convolution and with "
                + "nearest-neighbour doubling + convolution (`--upsampling resize`, the full-resolution default).\n\n");
        md.append("| | transposed ms/img | resize ms/img | **transposed / resize** |\n| --- | --- | --- | --- |\n");
        for (String op : new String[] {"trainStep", "inference"}) {
            RunResult t = byKey.get("UpsamplingBenchmark." + op + " upsampling=TRANSPOSED_CONVOLUTION");
            RunResult r = byKey.get("UpsamplingBenchmark." + op + " upsampling=NEAREST_THEN_CONVOLUTION");
            if (t != null && r != null) {
                md.append(String.format("| %s | %.1f | %.1f | **%.2fx** |%n", op.equals("trainStep") ? "training step"
                        : "inference", ms(t) / UpsamplingBenchmark.BATCH, ms(r) / UpsamplingBenchmark.BATCH,
                        ms(t) / ms(r)));
            }
        }

        md.append("\n## Data pipeline on the 4000 TGS images (`DataPipelineBenchmark`)\n\n");
        md.append("`DataPipeline` (read, split, resample, attributes, Yeo-Johnson), no cache, all processors, "
                + "single-shot runs. The last column compares the pipeline's time per image with one oneDNN "
                + "forward pass per image at the mode's model input size (24x24 for SEED, 104x104 for FULL), "
                + "from the inference table of this run.\n\n");
        md.append("| mode | s per run | images/s | pipeline time / one forward pass, per image |\n"
                + "| --- | --- | --- | --- |\n");
        for (String mode : new String[] {"SEED", "FULL"}) {
            RunResult r = byKey.get("DataPipelineBenchmark.run resolution=" + mode);
            if (r != null) {
                double s = ms(r) / 1e3;
                Double fwd = oneDnnImgPerS.get(mode.equals("SEED") ? "24" : "104");
                md.append(String.format("| %s | %.2f | %.0f | %s |%n", mode, s, 4000 / s,
                        fwd == null ? "n/a" : String.format("%.3f", (s / 4000) * fwd)));
            }
        }

        md.append("\n## Memory: 16 vs 256 background rows (`MemoryBenchmark`, goal: flat)\n\n");
        md.append("One 4 x 101 x 101 image, the cheap K = 101 x 101 model, fork with `" + MemoryBenchmark.XMX
                + "` (the 256-row run must not fail). Peak heap: sum of the heap pools' peak usage in an iteration "
                + "after a full GC (an upper bound, uncollected garbage included); allocation: JMH's GC profiler "
                + "`gc.alloc.rate.norm` per explanation. The background's own size is listed apart.\n\n");
        md.append("| explainer | rows | background MiB | peak heap MiB | allocated MiB / explanation "
                + "| ms / explanation |\n"
                + "| --- | --- | --- | --- | --- | --- |\n");
        for (String m : new String[] {"exact/4", "permutation/16"}) {
            for (String rows : new String[] {"16", "256"}) {
                RunResult r = byKey.get("MemoryBenchmark.explain method=" + m + " rows=" + rows);
                if (r != null) {
                    md.append(String.format("| %s | %s | %.1f | %.1f | %.1f | %.1f |%n", m, rows,
                            maxSecondary(r, "backgroundMiB"), maxSecondary(r, "peakHeapMiB"),
                            secondary(r, "gc.alloc.rate.norm") / 1048576.0, ms(r)));
                }
            }
        }
        md.append("\n## Raw JMH scores\n\n| benchmark | score | unit |\n| --- | --- | --- |\n");
        for (Map.Entry<String, RunResult> e : byKey.entrySet()) {
            Result<?> p = e.getValue().getPrimaryResult();
            md.append(String.format("| %s | %.3f | %s |%n", e.getKey(), p.getScore(), p.getScoreUnit()));
        }

        Path abs = out.toAbsolutePath();
        AtomicFiles.write(abs, md.toString());
        System.out.println("wrote " + abs);
    }

    /** The table of an explain-then-forward benchmark ({@link PairTimes}) of the seed U-Net, by size. */
    private static void overheadTable(StringBuilder md, Map<String, RunResult> byKey, String benchmark) {
        md.append("| size | background rows | model evaluations / image | explain s / image | forward passes alone s "
                + "| **explain / forward** |\n| --- | --- | --- | --- | --- | --- |\n");
        for (String size : new String[] {"24", "48", "104"}) {
            RunResult r = byKey.get(benchmark + ".explainThenForward size=" + size);
            if (r != null) {
                double[] t = pair(r);
                int rows = UNetOverheadBenchmark.rows(Integer.parseInt(size));
                md.append(String.format("| %sx%s | %d | %d | %.3f | %.3f | **%.3f** |%n", size, size, rows,
                        14 * rows + 1, t[0] / 1e9, t[1] / 1e9, t[0] / t[1]));
            }
        }
    }

    private static String key(RunResult r) {
        String name = r.getParams().getBenchmark().replaceAll(".*\\.([^.]+\\.[^.]+)$", "$1");
        StringBuilder key = new StringBuilder(name);
        for (String p : r.getParams().getParamsKeys()) {
            key.append(' ').append(p).append('=').append(r.getParams().getParam(p));
        }
        return key.toString();
    }

    /** Mean nanoseconds per operation of the two halves of a {@link PairTimes} benchmark. */
    private static double[] pair(RunResult r) {
        double explain = 0;
        double model = 0;
        double ops = 0;
        for (BenchmarkResult b : r.getBenchmarkResults()) {
            for (IterationResult i : b.getIterationResults()) {
                Map<String, Result> s = i.getSecondaryResults();
                explain += s.get("explainNs").getScore();
                model += s.get("modelNs").getScore();
                ops += s.get("ops").getScore();
            }
        }
        return new double[] {explain / ops, model / ops};
    }

    private static double maxSecondary(RunResult r, String name) {
        double max = Double.NaN;
        for (BenchmarkResult b : r.getBenchmarkResults()) {
            for (IterationResult i : b.getIterationResults()) {
                Result<?> s = i.getSecondaryResults().get(name);
                if (s != null) {
                    max = Double.isNaN(max) ? s.getScore() : Math.max(max, s.getScore());
                }
            }
        }
        return max;
    }

    private static double secondary(RunResult r, String name) {
        Result<?> s = r.getSecondaryResults().get(name);
        return s == null ? Double.NaN : s.getScore();
    }

    private static double ms(RunResult r) {
        Result<?> p = r.getPrimaryResult();
        double score = p.getScore();
        return switch (p.getScoreUnit()) {
            case "ns/op" -> score / 1e6;
            case "us/op" -> score / 1e3;
            case "ms/op" -> score;
            case "s/op" -> score * 1e3;
            default -> throw new IllegalArgumentException("unexpected JMH unit " + p.getScoreUnit());
        };
    }

    /** The load averages over 1, 5 and 15 minutes ({@code /proc/loadavg}), or "unknown". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static boolean loaded(String before, String after) {
        int cores = Runtime.getRuntime().availableProcessors();
        for (String s : new String[] {before, after}) {
            try {
                if (Double.parseDouble(s.split(",")[0]) > 0.5 * cores) {
                    return true;
                }
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch") + " CPU";
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/meminfo"))) {
                if (line.startsWith("MemTotal")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format("%.0f GiB RAM", kb / 1048576.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "RAM unknown";
    }
}
